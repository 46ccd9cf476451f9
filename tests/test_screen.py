"""The screen (one RE2 set per block for all the vocabularies rules ask about) never hides a block
that a vocabulary matches, and `followed_by` finds the blocks that hold a matching part."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.model import Article, Block
from cleaner.patterns import Screen, Vocabulary, compile_pattern, relax_counted_repeats
from test_patterns import FIXTURE_LINES, PATTERNS, TRICKY, samples


def default_vocabularies():
    cleaner = Cleaner.from_config()
    found = {}
    for plugin, options in sorted(cleaner.options.items()):
        for name, value in options or ():
            if isinstance(value, Vocabulary) and value.patterns:
                found[f"{plugin}.{name}"] = value
    return found


VOCABULARIES = {**default_vocabularies(), **{f"pattern {p}": Vocabulary([p]) for p in PATTERNS}}
SCREEN = Screen(VOCABULARIES.values(), start_after=0)
for vocabulary in VOCABULARIES.values():
    SCREEN.want(vocabulary)

lines = st.one_of(st.sampled_from([line for line in FIXTURE_LINES if line.strip()] + TRICKY), st.text(max_size=60))


def article_of(texts):
    article = Article(id="a", source="<test>", blocks=[Block(i, text, i) for i, text in enumerate(texts)], screen=SCREEN)
    return article


def matches(vocabulary, text):
    return any(getattr(vocabulary, method)(text) for method in ("match", "fullmatch", "search"))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(lines, min_size=1, max_size=12))
def test_candidates_hold_every_block_a_vocabulary_matches(texts):
    article = article_of(texts)
    for name, vocabulary in VOCABULARIES.items():
        expected = [block.index for block in article.blocks if matches(vocabulary, block.text.strip())]
        candidates = [block.index for block in article.candidates(vocabulary)]
        assert set(expected) <= set(candidates), name
        assert article.may_match(vocabulary) == bool(candidates), name
        assert all(article.may_match_block(article.blocks[index], vocabulary) for index in expected), name
        assert [b.index for b in article.blocks if article.may_match_block(b, vocabulary)] == candidates, name


def test_most_blocks_are_not_candidates():
    body = [line for line in FIXTURE_LINES if len(line.split()) > 8]
    article = article_of(body)
    prompts = default_vocabularies()["prompts.subscription"]
    assert len(article.candidates(prompts)) < len(body) / 10


def test_a_vocabulary_is_answered_from_the_article_after_it_was_first_asked_about():
    prompts = Vocabulary(["sign up (?:to|for) our newsletter"])
    screen = Screen([prompts], start_after=0)
    blocks = ["Body text about rivers.", "Sign up to our newsletter"]
    first = Article(id="a", source="<test>", blocks=[Block(i, t, i) for i, t in enumerate(blocks)], screen=screen)
    assert [b.text for b in first.candidates(prompts)] == blocks, "not known yet: every block"
    second = Article(id="b", source="<test>", blocks=[Block(i, t, i) for i, t in enumerate(blocks)], screen=screen)
    assert [b.text for b in second.candidates(prompts)] == ["Sign up to our newsletter"]


def test_a_vocabulary_outside_the_options_is_never_screened():
    screen = Screen([], start_after=0)
    stranger = Vocabulary(["anything"])
    for _ in range(2):
        article = Article(id="a", source="<test>", blocks=[Block(0, "nothing here", 0)], screen=screen)
        assert article.may_match(stranger) and article.candidates(stranger) == article.blocks


def test_a_site_screen_answers_for_its_own_vocabularies_and_its_base_for_the_rest():
    shared, own = Vocabulary(["read more"]), Vocabulary(["gazette offers"])
    base = Screen([shared], start_after=0)
    site = Screen([shared, own], base=base, start_after=0)
    for screen in (site, site):
        article = Article(id="a", source="<test>", blocks=[Block(0, "Gazette offers today", 0), Block(1, "Read more", 1)], screen=screen)
        article.candidates(shared), article.candidates(own)
    assert [b.index for b in article.candidates(own)] == [0]
    assert [b.index for b in article.candidates(shared)] == [1]


@pytest.mark.parametrize("pattern", [*PATTERNS, r"\[\p{Lu}[\p{Lu}\p{N} '’&/-]{0,30}\]", r"\d{1,4}(?:[/.:-]\d{1,4}){0,2}",
                                     r"[{]{1,2}x", r"\x{41}{2}", r"\Qa{2}\E{2}", r"a\{2}"])
def test_relaxed_counted_repeats_match_at_least_what_the_pattern_matches(pattern):
    relaxed = compile_pattern(relax_counted_repeats(pattern))
    original = compile_pattern(pattern)
    for text in [*TRICKY, *samples([pattern], count=1500)]:
        if original.search(text):
            assert relaxed.search(text), (pattern, relax_counted_repeats(pattern), text)


def test_relaxing_keeps_escapes_classes_and_literals():
    assert relax_counted_repeats(r"a{2,3}b{0}c{4,}") == r"a+b*c+"
    assert relax_counted_repeats(r"\p{Lu}\x{41}\{2}[{]{3}") == r"\p{Lu}\x{41}\{2}[{]+"
    assert relax_counted_repeats(r"\Qx{2}\E") == r"\Qx{2}\E"


@pytest.mark.parametrize("pattern", [r"read more$", r"^read more", r"read\b more", r"\Aread"])
def test_a_part_is_not_screened_for_patterns_that_look_at_edges(pattern):
    assert Vocabulary([pattern]).followed_by(":") is None


def test_followed_by_finds_the_blocks_holding_a_label():
    labels = Vocabulary(["source|fonte"])
    lines = Vocabulary.followed_by(labels, r"\s*:")
    assert re.search("source", lines.patterns[0])
    assert lines.search("Fonte : Agência Brasil") and not lines.search("A source said on Monday")
    assert not Vocabulary([]).followed_by(":")


def test_a_screen_answers_nothing_before_it_starts():
    prompts = Vocabulary(["sign up (?:to|for) our newsletter"])
    screen = Screen([prompts], start_after=2)
    blocks = ["Body text about rivers.", "Sign up to our newsletter"]
    answers = []
    for number in range(4):
        article = Article(id=str(number), source="<test>", blocks=[Block(i, t, i) for i, t in enumerate(blocks)], screen=screen)
        answers.append(len(article.candidates(prompts)))
    assert answers == [2, 2, 1, 1]


def test_screen_forms_find_their_patterns_matches():
    """A screen form is cut from its pattern, so it finds at least what the pattern finds."""
    from cleaner.patterns import screen_form

    extra = [
        r"\pL+(?:'|’)(?:ta|te|da|de) paylaş$", r"follow (?:us|\pL+(?:\s+\pL+){0,3}) on (?:twitter|x)\b", r"\x41\pN+ km",
        # A group after a run, opening with an expensive atom: cut before it, not inside it.
        r"(?-i:\p{Lu}[\pL'.-]+)\s*/\s*(?:[\pL\pN-]+\.)+\pL{2,6}", r"follow (?:\S+\s+){1,8}on (?:twitter|x)\b",
    ]
    for pattern in PATTERNS + [r"(?:^|[^\pL])by\s*:?\s+(?-i:\p{Lu})", r"\b(?:ap|pa)\b(?:\s*/\s*[^/]{1,40})?", r".*\bfinden sie hier\.?$", *extra]:
        whole, cut = compile_pattern(pattern), compile_pattern(screen_form(pattern))
        for text in [*TRICKY, *samples([pattern], count=500), "Photo by Jane", "AP / Reuters", "Mehr finden Sie hier.",
                     "Facebook'ta paylaş", "Follow The Herald on Twitter", "A12 km", "Moa Karlberg/imagebank.sweden.se",
                     "Follow @JaneDoe on Twitter"]:
            if whole.search(text):
                assert cut.search(text), (pattern, screen_form(pattern), text)


def test_no_built_in_pattern_makes_the_screen_find_most_lines():
    """A pattern whose screen form is a space or a letter makes every block a candidate of its
    vocabulary, and every rule asking about it then matches every block: write its literal words
    outside the groups that hold its classes."""
    from cleaner.patterns import as_read, screen_form

    lines = [as_read(line.strip())[0] for line in FIXTURE_LINES if line.strip()]
    for name, vocabulary in default_vocabularies().items():
        if name.startswith("byline.date_words"):  # matched word by word, never asked of the screen
            continue
        if name.startswith("prompts.reported_speech"):  # searched only in lines a kind matched, never asked of the screen
            continue
        for pattern in vocabulary._seen_patterns:
            form = screen_form(pattern)
            found = compile_pattern(form) if form else None
            share = 1.0 if found is None else sum(1 for line in lines if found.search(line)) / len(lines)
            assert share <= 0.25, f"{name}: {pattern!r} screens as {form!r}, found in {share:.0%} of the fixture lines"
