"""The engine: accounting of every line, plugin failures, ordering, pickling."""

import contextlib
import pickle
import signal
import time
import weakref

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


def test_kept_blocks_is_the_rule_s_own_list_and_follows_every_removal():
    """The engine remembers the kept blocks between removals; a rule that changes the list it
    got changes nothing for the rules after it."""
    seen = []

    class Greedy:
        @cleaner.hookimpl(tryfirst=True)
        def cleaner_mark_blocks(self, article):
            article.kept_blocks().clear()
            return [Mark(block, "odd", "an odd number") for block in article.kept_blocks() if block.text in ("One.", "Three.")]

    class Watcher:
        @cleaner.hookimpl(trylast=True)
        def cleaner_mark_blocks(self, article):
            seen.append([block.text for block in article.kept_blocks()])

    text = "Title line\n\nOne.\n\nTwo.\n\nThree.\n\nFour."
    article = Cleaner.from_config(plugins=[Greedy(), Watcher()]).clean_text(text, title="")
    assert seen[0] == ["Title line", "Two.", "Four."]
    assert article.text == "Title line\n\nTwo.\n\nFour."


def test_a_rule_that_takes_no_article_is_called_with_its_options_alone():
    calls = []

    class Blind:
        @cleaner.hookimpl
        def cleaner_mark_blocks(self, options):
            calls.append(options)

    Cleaner.from_config(plugins=[Blind()]).clean_text("Title\n\nBody.")
    assert calls and calls[0] is None


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


class LoopsForever:
    @cleaner.hookimpl
    def cleaner_mark_blocks(self, article):
        while article.id == "stuck":
            try:
                pass
            except Exception:
                continue


class MarksForever:
    @cleaner.hookimpl
    def cleaner_mark_blocks(self, article):
        while article.id == "stuck":
            yield Mark(article.blocks[0], "again", "a generator that never ends")


@pytest.mark.parametrize("plugin", [LoopsForever(), MarksForever()], ids=["loop", "endless-marks"])
def test_a_runaway_plugin_is_stopped_by_the_time_budget_and_named(plugin):
    runner = Cleaner.from_config({"limits": {"time_budget_seconds": 0.2}}, plugins=[plugin])
    article = runner.clean_text("Title\n\nBody sentence.", id="stuck")
    [problem] = article.problems
    assert problem.plugin == type(plugin).__name__ and problem.stage == "rules"
    assert "exceeded the time budget of 0.2 s" in problem.message
    assert article.failed
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0), "the timer is disarmed after the article"
    following = runner.clean_text("Title\n\nBody sentence.", id="next")
    assert not following.failed and following.text == "Body sentence."


class Garbage:
    pass


def _collected(ref):
    sum(range(9000))


class BusyInCallbacks:
    """Spends nine tenths of its time in weakref callbacks, where Python prints and swallows an
    exception (as the garbage collector may run them in any plugin); gives up after 8 seconds."""

    @cleaner.hookimpl
    def cleaner_mark_blocks(self, article):
        give_up = time.monotonic() + 8
        while article.id == "stuck" and time.monotonic() < give_up:
            garbage = Garbage()
            ref = weakref.ref(garbage, _collected)
            del garbage, ref
            sum(range(1000))


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("in_batch", [False, True], ids=["alone", "in-a-batch"])
def test_the_budget_stops_a_plugin_even_when_the_alarm_comes_during_a_weakref_callback(in_batch):
    runner = Cleaner.from_config({"limits": {"time_budget_seconds": 0.2}}, plugins=[BusyInCallbacks()])
    with runner.batch() if in_batch else contextlib.nullcontext():
        article = runner.clean_text("Title\n\nBody sentence.", id="stuck")
        following = runner.clean_text("Title\n\nBody sentence.", id="next")
    [problem] = article.problems
    assert "exceeded the time budget of 0.2 s" in problem.message and problem.plugin == "BusyInCallbacks"
    assert not following.failed
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_the_time_budget_leaves_the_previous_alarm_handler_in_place():
    def mine(signum, frame):
        pass

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        Cleaner.from_config({"limits": {"time_budget_seconds": 5}}).clean_text("Title\n\nBody.")
        assert signal.getsignal(signal.SIGALRM) is mine
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_an_article_longer_than_the_size_limit_fails_with_the_limit_named():
    article = Cleaner.from_config({"limits": {"max_article_bytes": 50}}).clean_text("Title\n\n" + "word " * 20, source="long.txt")
    [problem] = article.problems
    assert problem.fatal and problem.message.startswith("long.txt: article of 107 characters")
    assert "limit of 50 bytes (limits.max_article_bytes)" in problem.message


def test_a_known_title_is_not_looked_for_in_the_text():
    runner = Cleaner.from_config()
    article = runner.clean_text("Short first line\n\nBody sentence.", title="The real headline")
    assert article.metadata.title == "The real headline"
    assert article.text == "Short first line\n\nBody sentence."
    assert runner.clean_text("Short first line\n\nBody.", title="").text.startswith("Short first line")


class ReadsForever:
    @cleaner.hookimpl(tryfirst=True)
    def cleaner_read_source(self, source):
        if not source.name.endswith(".endless"):
            return None
        return self._documents(source)

    def _documents(self, source):
        yield cleaner.Document(id="first", source=source.name, content="Headline\n\nBody sentence.")
        while True:
            pass


def test_a_reader_that_never_finishes_is_stopped_after_its_documents_so_far(tmp_path):
    (tmp_path / "feed.endless").write_text("")
    (tmp_path / "good.txt").write_text("Headline\n\nBody sentence.")
    runner = Cleaner.from_config({"limits": {"time_budget_seconds": 0.2}}, plugins=[ReadsForever()])
    articles = {article.id: article for article in runner.clean_paths([str(tmp_path)])}
    assert articles["first"].text == "Body sentence." and not articles["first"].failed
    [problem] = articles["feed"].problems
    assert problem.plugin == "ReadsForever" and problem.stage == "read"
    assert problem.message == f"{tmp_path / 'feed.endless'}: exceeded the time budget of 0.2 s per article (limits.time_budget_seconds)"
    assert articles["good"].text == "Body sentence."


class LoaderRaises:
    @cleaner.hookimpl(tryfirst=True)
    def cleaner_read_source(self, source):
        if not source.name.endswith(".broken"):
            return None
        document = cleaner.Document(id="broken", source=source.name)
        document.loader = self._load
        return iter([document])

    @staticmethod
    def _load(document):
        raise LookupError("no such codec")


def test_a_loader_that_raises_fails_its_article_with_an_error_naming_the_reader(tmp_path):
    (tmp_path / "a.broken").write_text("")
    [article] = Cleaner.from_config(plugins=[LoaderRaises()]).clean_paths([str(tmp_path / "a.broken")])
    [problem] = article.problems
    assert problem.fatal and problem.stage == "read" and problem.plugin == "LoaderRaises"
    assert problem.message == f"{tmp_path / 'a.broken'}: LookupError: no such codec"


def test_an_article_of_more_blocks_than_the_limit_fails_before_any_rule_runs():
    article = Cleaner.from_config({"limits": {"max_article_blocks": 3}}).clean_text("A\nB\nC\nD\nE", source="many.txt")
    [problem] = article.problems
    assert problem.stage == "segment" and problem.plugin == "text_reader"
    assert problem.message == "many.txt: more than 3 blocks (lines or elements) in one article (limits.max_article_blocks)"
    assert article.blocks == [] and article.text == ""
    assert not Cleaner.from_config({"limits": {"max_article_blocks": 3}}).clean_text("A\nB\nC").failed


def test_the_time_budget_is_enforced_only_in_the_main_thread():
    import threading

    from cleaner.budget import TimeBudget

    seen = []
    worker = threading.Thread(target=lambda: seen.append(TimeBudget(1).enforceable))
    worker.start()
    worker.join()
    assert seen == [False]
    assert TimeBudget(1).enforceable and not TimeBudget(0).enforceable


class FirstKeptLine:
    """Removes the first kept line if it reads "second": it needs "first" removed before it."""

    @cleaner.hookimpl(tryfirst=True)
    def cleaner_mark_blocks(self, article):
        kept = article.kept_blocks()
        return [Mark(kept[0], "now-first", "the first line left")] if kept and kept[0].text == "second" else None


class DropsFirst:
    @cleaner.hookimpl(trylast=True)
    def cleaner_mark_blocks(self, article):
        return [Mark(block, "first", "a first line") for block in article.kept_blocks() if block.text == "first"]


def test_a_rule_runs_again_when_a_later_rule_removed_blocks_it_saw():
    article = Cleaner.from_config(plugins=[FirstKeptLine(), DropsFirst()]).clean_text("first\nsecond\nthird line here.", title="")
    assert [(block.text, block.removal.plugin) for block in article.removed_blocks()] == [
        ("first", "DropsFirst"),
        ("second", "FirstKeptLine"),
    ]


def test_rule_passes_are_bounded_by_the_limit():
    runner = Cleaner.from_config({"limits": {"max_rule_passes": 1}}, plugins=[FirstKeptLine(), DropsFirst()])
    article = runner.clean_text("first\nsecond\nthird line here.", title="")
    assert [block.text for block in article.removed_blocks()] == ["first"]


def test_a_rule_that_raised_is_not_asked_again_in_later_passes():
    article = Cleaner.from_config(plugins=[Raises(), DropsFirst()]).clean_text("first\nsecond line here.", title="")
    assert [problem.plugin for problem in article.problems] == ["Raises"]


def test_the_time_budget_handler_stays_in_place_for_a_batch_and_is_put_back_after():
    def previous(signum, frame):
        pass

    old = signal.signal(signal.SIGALRM, previous)
    try:
        runner = Cleaner.from_config({"limits": {"time_budget_seconds": 5}})
        with runner.batch():
            installed = signal.getsignal(signal.SIGALRM)
            assert installed is not previous
            runner.clean_text("Title\n\nBody.")
            assert signal.getsignal(signal.SIGALRM) is installed
        assert signal.getsignal(signal.SIGALRM) is previous
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, old)


def test_a_runaway_plugin_is_stopped_within_a_batch_too():
    runner = Cleaner.from_config({"limits": {"time_budget_seconds": 0.2}}, plugins=[LoopsForever()])
    with runner.batch():
        stuck = runner.clean_text("Title\n\nBody.", id="stuck")
        fine = runner.clean_text("Title\n\nBody.", id="fine")
    assert "exceeded the time budget" in stuck.problems[0].message
    assert not fine.failed


class SlowOnOne:
    """Takes 0.6 s over the article with id "slow", well within a budget of 1 s."""

    @cleaner.hookimpl
    def cleaner_mark_blocks(self, article):
        if article.id == "slow":
            time.sleep(0.6)


def test_in_a_batch_each_article_gets_its_whole_budget_from_its_own_start():
    """The batch's timer runs on from one article to the next. It was set by the first article
    for 1 s; the slow article starts 0.6 s later and needs 0.6 s of its own 1 s: the timer goes
    off in the middle of it and must wait for the rest, not stop it. A runaway after it is still
    stopped, and the timer is off once the batch ends."""
    runner = Cleaner.from_config({"limits": {"time_budget_seconds": 1}}, plugins=[SlowOnOne(), LoopsForever()])
    with runner.batch():
        assert not runner.clean_text("Title\n\nBody.", id="first").failed
        time.sleep(0.6)
        slow = runner.clean_text("Title\n\nBody.", id="slow")
        stuck = runner.clean_text("Title\n\nBody.", id="stuck")
        after = runner.clean_text("Title\n\nBody.", id="after")
    assert not slow.failed, slow.problems
    assert "exceeded the time budget" in stuck.problems[0].message and stuck.problems[0].plugin == "LoopsForever"
    assert not after.failed
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_the_trace_shows_a_rule_that_raised(monkeypatch, capsys):
    monkeypatch.setenv("CLEANER_TRACE", "1")
    Cleaner.from_config(plugins=[Raises()]).clean_text("Title\n\nBody.")
    assert "[cleaner] cleaner_mark_blocks <Raises>(article=" in capsys.readouterr().err


def test_list_metadata_is_in_document_order_whichever_rule_filed_it(clean):
    """A footer filed by attribution and a copyright line filed later by end_matter come out as they stand."""
    body = [f"Paragraph {n} of the story, a sentence long enough to be body text." for n in range(6)]
    article = clean("\n\n".join(["Headline", *body, "© 2023 Harbour Herald Media Ltd", "All rights reserved"]))
    assert article.metadata.attribution == ["© 2023 Harbour Herald Media Ltd", "All rights reserved"]


_BODY = "<p>" + "The company's shares fell on Tuesday after the quarterly report disappointed investors. " * 3 + "</p>"


def _table_page(*rows):
    cells = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<html><body><article>{_BODY}{_BODY}<table>{cells}</table>{_BODY}{_BODY}</article></body></html>"


def _clean_page(html, plugins=()):
    from cleaner.model import Document

    cleaner_ = Cleaner.from_config(plugins=plugins)
    return cleaner_.clean_document(Document(id="page", source="page.html", content=html, media_type="text/html"))


def test_a_cell_is_not_taken_out_of_a_row_of_data():
    article = _clean_page(_table_page(["Date", "Open", "Close", "Volume"], ["Monday", "10.2", "10.8", "1,200"]))
    assert [block.text for block in article.blocks if block.kind == "cell" and block.removal] == []
    assert "Date\nOpen\nClose\nVolume" in article.text


def test_a_row_whose_cells_are_all_marked_goes_whole():
    furniture = ["Share on Facebook", "Share on X", "Sign up for our newsletter"]
    article = _clean_page(_table_page(furniture, ["Monday", "10.2", "10.8"]))
    assert [block.text for block in article.blocks if block.removal] == furniture
    assert "Monday\n10.2\n10.8" in article.text


def test_a_plugin_takes_a_row_by_marking_each_of_its_cells():
    class Rows:
        @cleaner.hookimpl
        def cleaner_mark_blocks(self, article):
            row = [block for block in article.kept_blocks() if block.kind == "cell" and block.text == "Monday"]
            return [Mark(block, "row", "a row this site does not want")
                    for block in article.kept_blocks() if row and block.kind == "cell" and block.paragraph == row[0].paragraph]

    article = _clean_page(_table_page(["Date", "Open"], ["Monday", "10.2"]), plugins=[Rows()])
    assert [block.text for block in article.blocks if block.removal] == ["Monday", "10.2"]
