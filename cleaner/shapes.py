"""Shape tests on blocks, shared by the built-in rules and handy for site plugins.

Furniture is recognised by its shape and place as much as by its words: a caption is short,
stands alone and ends without a full stop; a related-headline list is a run of such lines.
"""

from __future__ import annotations

import re
from collections.abc import Container
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Article, Block

_WORD = re.compile(r"\w+")
_WORD_RUN = re.compile(r"\S+")
_LONG_TEXT = 100_000
"""Texts longer than this have their words counted without splitting them whole."""
_CLOSING_QUOTES = "\"'”’»」』"
_SENTENCE_ENDS = ".!?。！？．।॥۔؟\u037e"
"""Full stops, question and exclamation marks: Latin, ideographic and full-width, the Devanagari
danda, the Urdu full stop, the Arabic question mark and the Greek one (U+037E)."""
_FULL_STOPS = (".", "。", "．", "।", "॥", "۔")
_CLOSING = _CLOSING_QUOTES + ")）"


def word_count(text: str) -> int:
    """``len(text.split())``, without splitting where spaces can be counted (a text whose only
    whitespace is single spaces: printable, no double space), nor holding a list of every word of
    a 50 MB line; but scripts written without spaces between words (Chinese, Japanese, Thai)
    counted by their characters (see `spaced_word_count`). For a whole block ask
    ``block.words``, which counts once for all the rules."""
    if text.isprintable() and "  " not in text:
        stripped = text.strip(" ")
        return spaced_word_count(stripped, stripped.count(" ") + 1 if stripped else 0)
    if len(text) <= _LONG_TEXT:
        return spaced_word_count(text, len(text.split()))
    return spaced_word_count(text, sum(1 for _ in _WORD_RUN.finditer(text)))


def spaced_word_count(text: str, words: int) -> int:
    """`words`, the count of `text`'s words between spaces; but in Chinese or Japanese, each run
    of Han, hiragana and katakana a word per two characters (their words' usual length), and in
    Thai, Lao, Myanmar and Khmer a word per five, the other words as before. Else a paragraph of
    Chinese would be one word, and every rule that passes long blocks by their word count would
    take it for a short line. Looked for only in a text that starts or ends past U+2E80 (where
    Han and kana begin) or averages more than `SPACED_WORD_CHARACTERS` characters a word: two
    comparisons for a line of English."""
    if words == 0 or (len(text) <= SPACED_WORD_CHARACTERS * words and text[0] < _FIRST_CJK > text[-1]) or text.isascii():
        return words
    if _PAST_FIRST_CJK.search(text) is not None:  # a fifth of the time of looking for the runs
        runs = _CJK_RUN.findall(text)
        if runs:
            return len(_CJK_OR_MARK.sub(" ", text).split()) + sum((len(run) + 1) // 2 for run in runs)
    runs = _SOUTHEAST_ASIAN_RUN.findall(text)
    if runs:
        return len(_SOUTHEAST_ASIAN_RUN.sub(" ", text).split()) + sum((len(run) + 4) // 5 for run in runs)
    return words


SPACED_WORD_CHARACTERS = 8
"""Words between spaces are this long at most on average in the languages written with spaces,
German's compounds included; text past it may be written without spaces."""
_FIRST_CJK = "\u2e80"
_CJK = "\u2e80-\u2fdf\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_PAST_FIRST_CJK = re.compile("[\u2e80-\U0010ffff]")
_CJK_OR_MARK = re.compile(f"[{_CJK}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+")
"""Han, kana and the punctuation written with them (ideographic full stop, full-width comma)."""
_SOUTHEAST_ASIAN_RUN = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]+")
"""Thai, Lao, Myanmar and Khmer, written with spaces between phrases, not words: a run counts a
word per five characters (their words' usual length, vowel and tone marks included)."""


def single_spaced(text: str) -> bool:
    """True if the text's only whitespace, line feeds aside, is single spaces: then each of its
    lines has as many words as spaces between its first and last word, plus one. One search of
    the whole text for each other kind of space (none for kinds it cannot hold) is cheaper than
    `word_count`'s look at every character of every line: splitting a seed-shaped article into
    blocks takes 384 instead of 436 thousand instructions."""
    if "  " in text:
        return False
    others = _OTHER_ASCII_SPACES if text.isascii() else _OTHER_SPACES
    return not any(space in text for space in others)


_OTHER_ASCII_SPACES = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f"
_OTHER_SPACES = _OTHER_ASCII_SPACES + "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
"""The characters `str.split()` splits at besides the space and the line feed."""


def word_set(text: str) -> set[str]:
    """The text's distinct words, lower-cased, punctuation left out: for likeness between texts."""
    return set(_WORD.findall(text.lower()))


def ends_sentence(text: str) -> bool:
    """True if the text ends like a sentence: a full stop, ! or ?, perhaps inside a closing quote."""
    stripped = text.rstrip()
    while stripped and stripped[-1] in _CLOSING:
        stripped = stripped[:-1]
    return bool(stripped) and stripped[-1] in _SENTENCE_ENDS


_QUESTION_OR_EXCLAMATION_THEN_WORD = re.compile(r"[^\W\d_]{2}[?!]+ +([^\W\d_])")


def asks_then_goes_on(text: str) -> bool:
    """True if a question or exclamation ends inside the text and a sentence starts after it
    ("Was meinen Sie? Haben sich …"): two sentences, which a headline seldom is. Full stops are
    not counted, as headlines abbreviate ("Dr. Smith", "U.S. Army")."""
    return any(match[1].isupper() for match in _QUESTION_OR_EXCLAMATION_THEN_WORD.finditer(text))


def ends_with_full_stop(text: str) -> bool:
    """A full stop (not ! or ?, which headlines use), perhaps inside a closing quote."""
    stripped = text.rstrip()
    while stripped and stripped[-1] in _CLOSING:
        stripped = stripped[:-1]
    return stripped.endswith(_FULL_STOPS) and not stripped.endswith("...")


def goes_on_after_a_comma(text: str) -> bool:
    """Whether a comma is followed by a word in lower case: a clause, where a label's list of
    names or topics goes on in capitals ("More on Politics, Business and Sport", "Photo: Jane
    Doe, Getty Images")."""
    return any(after[:1].islower() for after in text.split(", ")[1:])


def reads_as_a_sentence(text: str, words: int) -> bool:
    """Whether a line that opens like a heading or a label reads on as a sentence: a full stop
    after more than five words, or a comma and a word in lower case ("More from the mayor's speech
    will be published on Friday.", "Elsewhere on the river, flooding closed two roads."). Rules
    that take a heading with what follows it ask this before they do."""
    return (words > 5 and ends_with_full_stop(text)) or goes_on_after_a_comma(text)


def alone_in_paragraph(article: Article, block: Block, taken: Container[int] = ()) -> bool:
    """True if no kept block shares the block's paragraph: a line standing between blank lines.

    Removed blocks, and those whose index is in `taken` (marked by the calling rule but not yet
    removed), do not count: a line is judged as it stands in the clean text, so that cleaning
    that text again finds nothing more to remove.
    """
    return not paragraph_mates(article, block, 1, taken)


def paragraph_mates(article: Article, block: Block, limit: int, taken: Container[int] = ()) -> list[Block]:
    """Up to `limit` kept blocks sharing the block's paragraph, nearest first; none if it is alone."""
    blocks = article.blocks
    paragraph = block.paragraph
    mates: list[Block] = []
    for step in (-1, 1):
        index = block.index + step
        while 0 <= index < len(blocks) and blocks[index].paragraph == paragraph and len(mates) < limit:
            if blocks[index].removal is None and index not in taken:
                mates.append(blocks[index])
            index += step
    return mates


def previous_kept(article: Article, block: Block, taken: Container[int] = ()) -> Block | None:
    for index in range(block.index - 1, -1, -1):
        candidate = article.blocks[index]
        if candidate.removal is None and index not in taken:
            return candidate
    return None


def next_kept(article: Article, block: Block) -> Block | None:
    for index in range(block.index + 1, len(article.blocks)):
        if article.blocks[index].removal is None:
            return article.blocks[index]
    return None
