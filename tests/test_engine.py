"""The engine: accounting of every line, plugin failures, ordering, pickling."""

import pickle

import pytest

import cleaner
from cleaner import Cleaner
from cleaner.model import Mark
from conftest import SEED


def accounted_lines(article):
    return [b.text for b in article.kept_blocks()], [b.text for b in article.removed_blocks()]


def test_every_non_blank_line_is_kept_or_removed_with_a_reason(default_cleaner):
    source = SEED.read_text(encoding="utf-8")
    article = default_cleaner.clean_text(source)
    kept, removed = accounted_lines(article)
    input_lines = [line for line in source.split("\n") if line.strip()]
    assert sorted(kept + removed) == sorted(input_lines)
    for block in article.removed_blocks():
        assert block.removal.plugin and block.removal.rule and block.removal.reason
    for line in kept:
        assert line.rstrip() in article.text


class Raises:
    @cleaner.hookimpl
    def cleaner_mark_blocks(self, article):
        raise RuntimeError("boom")


class WrongType:
    @cleaner.hookimpl
    def cleaner_mark_blocks(self, article):
        return ["not a mark"]


def test_a_plugin_that_raises_is_named_and_the_others_still_run():
    article = Cleaner.from_config(plugins=[Raises()]).clean_text(SEED.read_text(encoding="utf-8"))
    [problem] = article.problems
    assert problem.plugin == "Raises"
    assert problem.stage == "rules"
    assert "RuntimeError: boom" in problem.message
    assert article.failed
    assert article.metadata.related, "the built-in rules still ran"


def test_a_plugin_returning_the_wrong_type_is_an_error_naming_it():
    article = Cleaner.from_config(plugins=[WrongType()]).clean_text("Title\n\nBody.")
    assert article.failed
    assert "expected Mark" in article.problems[0].message


def test_first_mark_wins_and_later_plugins_see_earlier_removals():
    seen = []

    class Late:
        @cleaner.hookimpl(trylast=True)
        def cleaner_mark_blocks(self, article):
            seen.extend(block.text for block in article.kept_blocks())
            return [Mark(article.blocks[0], "again", "tries to remove the title again")]

    article = Cleaner.from_config(plugins=[Late()]).clean_text("Title here\n\nBody sentence.")
    assert "Title here" not in seen
    assert article.blocks[0].removal.plugin == "title"


def test_plugins_get_their_own_validated_options():
    article = Cleaner.from_config({"plugins": {"title": {"max_words": 2}}}).clean_text("Three word title\n\nBody.")
    assert article.metadata.title is None


def test_cleaner_pickles_with_its_configuration():
    original = Cleaner.from_config({"plugins": {"captions": {"enabled": False}}})
    copy = pickle.loads(pickle.dumps(original))
    article = copy.clean_text(SEED.read_text(encoding="utf-8"))
    assert article.metadata.captions == []
    assert copy.enabled["captions"] is False


def test_site_comes_from_the_url():
    article = Cleaner.from_config().clean_text("Title\n\nBody.", url="https://www.example.co.uk/news/1")
    assert article.site == "example.co.uk"
    assert article.metadata.url == "https://www.example.co.uk/news/1"


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_empty_text_gives_an_empty_article(text):
    article = Cleaner.from_config().clean_text(text)
    assert article.text == "" and article.blocks == []
