"""Vocabulary asks RE2 directly on the bytes of the text as read and converts the spans itself: it
gives what RE2's own wrapper gives on the text as read, its spans mapped back to the text as it came
in, on ASCII, non-ASCII and lone-surrogate text alike."""

import random

import pytest

from cleaner import Cleaner
from cleaner.patterns import Vocabulary, _origin_span, as_read, compile_pattern, encodable, read_and_encode, rstrip_read
from conftest import ROOT

FIXTURE_LINES = sorted(
    {
        line
        for path in [*ROOT.glob("seeds/*.txt"), *ROOT.glob("tests/fixtures/*/*.txt")]
        for line in path.read_text(encoding="utf-8").split("\n")
    }
)
TRICKY = ["", " ", "ſign up for our newsletter", "\u212a", "ıMAGE: Reuters", "İmage: x", "𐐀 read more", "READ MORE:",
          "Don’t miss…", "DON'T MISS", "© 2023", "(c) 2023 Foo", "12 comments", "[VIDEO]", "1) Headline here",
          "Advertisement", "advertisement.", "Photo: Getty", "x (Image: Getty)", "Source: Reuters",
          "Don\u2019t\u00a0miss\u2026", "Read\u200b more\uff1a x", "Photo\u00ad:  Getty", "\u2018by\u2019  \tJane", "\u00a0\u2009"]

PATTERNS = [
    r"a{2,3}b", r"(?:x|y)?z", r"[a-c]+d", r"\d+ min", r"ſ", r"(?i:K)elvin", r"(?-i:Ab)c", r"[^x]yz", r"\bword\b",
    r"^start", r"end$", r"a.c", r"[\s,]+x", r"(?P<name>ab)|cd", r"\x41b", r"[-–—]\s+\pL", r"\(c\)|©", r"q{0}r",
    r"(?:ab){2,}", r"[[:alpha:]]9", r"\Qa.b\E", r"x*", r"(?s).", r"[a\-z]k", r"[\d]w", r"(?:\p{Lu}|7)x",
]


def vocabularies():
    cleaner = Cleaner.from_config()
    for plugin, options in sorted(cleaner.options.items()):
        for name, value in options or ():
            if isinstance(value, Vocabulary) and value.patterns:
                yield pytest.param(value, id=f"{plugin}.{name}")


def variants(lines):
    for line in lines:
        for text in (line, line.strip(), line.strip().rstrip(" :.…!"), line.partition(":")[0], line.partition(":")[2].strip()):
            yield text
            yield text.upper()
            yield text.swapcase()


def samples(pattern_texts, count=3000, seed=0):
    """Random strings over the pattern's own characters, case-mixed, so that many of them match."""
    rng = random.Random(seed)
    alphabet = sorted(set("".join(pattern_texts)) | set(" :.-[]()0123456789ſKıİ"))
    words = [word for text in pattern_texts for word in text.replace("|", " ").replace("(?:", " ").split()]
    for _ in range(count):
        parts = [rng.choice(words) if words and rng.random() < 0.6 else "".join(rng.choices(alphabet, k=rng.randint(0, 4)))
                 for _ in range(rng.randint(0, 5))]
        text = rng.choice(["", " "]).join(parts)
        yield rng.choice([text, text.upper(), text.title(), text.lower()])


def assert_agrees(vocabulary, texts):
    raw = compile_pattern(vocabulary.joined)
    for text in texts:
        seen, origins = as_read(text)
        for method in ("match", "fullmatch", "search"):
            expected = getattr(raw, method)(seen)
            got = getattr(vocabulary, method)(text)
            assert (got is None) == (expected is None), (method, text, vocabulary)
            if got is not None:
                span = expected.span() if origins is None else _origin_span(origins, *expected.span())
                assert (got.span(), got.group()) == (span, text[span[0] : span[1]])
                if origins is None:
                    assert got.groups() == expected.groups()


@pytest.mark.parametrize("vocabulary", list(vocabularies()))
def test_default_vocabularies_agree_with_re2(vocabulary):
    assert_agrees(vocabulary, [*variants(FIXTURE_LINES), *TRICKY, *samples(vocabulary.patterns)])


@pytest.mark.parametrize("pattern", PATTERNS)
def test_pattern_constructs_agree_with_re2(pattern):
    assert_agrees(Vocabulary([pattern]), [*TRICKY, *samples([pattern], count=2000)])


def test_an_empty_vocabulary_matches_nothing():
    assert all(getattr(Vocabulary([]), method)(text) is None for method in ("match", "fullmatch", "search") for text in TRICKY)


def test_text_is_matched_as_a_reader_sees_it():
    heading = Vocabulary(["don't miss", "read more"])
    for text in ["Don\u2019t\u00a0miss", "Don\u2018t  miss", "DON'T\u2009MISS", "Don\u200b't miss", "Read\u00a0more"]:
        assert heading.fullmatch(text), text
    assert Vocabulary(["photo: .+"]).fullmatch("Photo\uff1a Reuters")
    assert not heading.fullmatch("Dont miss")


def test_a_match_spans_the_text_as_it_came_in():
    text = "x Don\u200b\u2019t\u00a0\u00a0miss y"
    found = Vocabulary(["don't miss"]).search(text)
    assert found.group() == "Don\u200b\u2019t\u00a0\u00a0miss"
    assert text[found.start() : found.end()] == found.group()


def test_an_html_entity_left_in_the_text_reads_as_its_character():
    heading = Vocabulary(["don't miss…?"])
    for text in ["Don&#8217;t miss&hellip;", "Don&rsquo;t miss", "Don&#x2019;t&nbsp;miss&#8230;"]:
        assert heading.fullmatch(text), text
    assert as_read("AT&T and Q&A, R&D;")[0] == "AT&T and Q&A, R&D;"
    assert as_read("x &amp;#8217; y")[0] == "x &#8217; y"  # read once, as a reader of the page would
    assert as_read("&unknown; entity")[0] == "&unknown; entity"


def test_a_match_over_entities_spans_them_whole():
    text = "Top: Don&#8217;t miss&hellip; now"
    found = Vocabulary(["don't miss…"]).search(text)
    assert found.group() == "Don&#8217;t miss&hellip;"
    bullet = Vocabulary([r"\W+"]).match("&bull; Headline")
    assert "&bull; Headline"[bullet.end() :] == "Headline"


@pytest.mark.parametrize(
    "text, stripped",
    [
        ("Don’t miss…", "Don’t miss"),
        ("Don&#8217;t miss&hellip;", "Don&#8217;t miss"),
        ("Most read:&nbsp;", "Most read"),
        ("Read more &raquo;", "Read more"),
        ("Fish &amp; chips", "Fish &amp; chips"),
        ("Tom &amp;", "Tom &amp;"),
    ],
)
def test_rstrip_read_takes_entities_of_the_characters_too(text, stripped):
    assert rstrip_read(text, " :.…»") == stripped


@pytest.mark.parametrize(
    "text, read",
    [
        ("**READ MORE:** [Ferry fares to rise](https://example.com/ferry)", "READ MORE: Ferry fares to rise"),
        ("## Don't miss", "Don't miss"),
        ("> Quoted line", "Quoted line"),
        ("![The river at dawn](https://example.com/river.jpg)", "The river at dawn"),
        ("[![Logo](https://example.com/logo.png)](https://example.com)", "Logo"),
        ("[Share on Facebook](https://facebook.com/s?u=x) [Share on X](https://x.com/i?u=x)", "Share on Facebook Share on X"),
        ('A [link with a title](https://example.com/a_(b) "Title") here', "A link with a title here"),
        ("*A caption. Photo: Jane Doe/PA*", "A caption. Photo: Jane Doe/PA"),
        ("Use `pip install` and call __init__", "Use pip install and call init"),
        ("**Don&#8217;t miss&hellip;**", "Don't miss…"),
    ],
)
def test_markdown_marks_are_not_read(text, read):
    assert as_read(text)[0] == read


@pytest.mark.parametrize(
    "text",
    ["Plain [it shows] text", ">> Minister resigns <<", "#1 enemy of progress", "* a list item", "snake_case and 2*3*4", "Q&A: [sic]"],
)
def test_text_that_only_looks_like_markdown_reads_as_it_is(text):
    assert as_read(text)[0] == text


def test_a_match_inside_a_link_spans_the_link_text():
    text = "**READ MORE:** [Ferry fares to rise](https://example.com/ferry)"
    found = Vocabulary(["ferry fares"]).search(text)
    assert found.group() == "Ferry fares"
    assert Vocabulary(["read more: .+"]).fullmatch(text).group() == "READ MORE:** [Ferry fares to rise"


def test_as_read_keeps_plain_text_as_it_is():
    assert as_read("Plain ASCII text, one space apart.") == ("Plain ASCII text, one space apart.", None)
    assert as_read("Curly \u2019quote\u2019")[0] == "Curly 'quote'"


@pytest.mark.parametrize("texts", [
    [],
    ["Plain ASCII line.", "Another one."],
    ["Don\u2019t miss", "\u201cQuoted\u201d headline", "caf\u00e9 au lait"],
    ["Sign\u00a0up\u00a0today", "Time\uff1a 10:00", "no\u2009space"],
    ["soft\u00adhyphen", "Don\u2019t miss"],
    ["two  spaces", "tab\there", "\u00a0 nbsp then space"],
    ["a NUL \x00 inside", "Don\u2019t"],
    ["lone \ud800 surrogate", "Don\u2019t"],
    ["Don&#8217;t miss&hellip;", "AT&T", "x &amp;#8217; y", "Don\u2019t"],
    ["## Don\u2019t miss", "* [Headline](https://example.com/a)", "plain", "**READ MORE:** [x](y)"],
    ["> quote", "_emphasis_", "Plain [it shows]"],
])
def test_an_articles_blocks_read_at_once_as_each_alone(texts):
    """The screen reads an article's blocks in one pass; each must read as `as_read` reads it
    alone, encoded as RE2 takes it."""
    assert read_and_encode(texts) == [encodable(as_read(text)[0]).encode() for text in texts]
