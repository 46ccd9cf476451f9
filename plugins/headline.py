"""The page's headline repeated at the top of the text, and the standfirst headings under it.

trafilatura often keeps the headline as the first block. It is recognised by its likeness to the
title in the page's metadata, so body text that merely starts the article stays; it goes to
``title``. Headings between that headline and the first paragraph are the standfirst (dek), as is
the lead the HTML reader puts back (a ``lead`` block): with ``standfirst: true`` they go to
``description``.
"""

from __future__ import annotations

import functools

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Mark
from cleaner.shapes import word_set

_BULLETS = ("-", "–", "—", "•", "*", "·", "▪", "►")


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    search_blocks: int = 4
    """How many blocks from the top may hold the headline."""
    max_words: int = 40
    min_similarity: float = 0.8
    """Share of words the block and the title have in common (of the longer of the two)."""
    min_contained: float = 0.9
    """Or: share of the block's words found in the title (a title with the site name added),
    for a block at least half as long as the title."""
    standfirst: bool = False
    """Take the headings right under the headline (the standfirst) out of the text, to
    ``description``. Off: most readers count the standfirst as the article, and trafilatura's
    evaluation corpus does; scrapinghub's leaves it out."""
    max_dek_words: int = 35


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl(tryfirst=True)
def cleaner_mark_blocks(article, options):
    kept = article.kept_blocks()
    marks = _headline(kept, article.metadata.title, options)
    if not options.standfirst:
        return marks
    under_headline = kept[kept.index(marks[-1].block) + 1 :] if marks else []
    deks = _dek(under_headline, options)
    marked = {mark.block.index for mark in deks}
    return marks + deks + [_as_dek(block) for block in kept if block.kind == "lead" and block.index not in marked]


def _headline(kept, title, options) -> list[Mark]:
    title_words = _title_words(title) if title else None
    if not title_words:
        return []
    # Either likeness needs this many of the title's words in the block (the second needs the
    # block to have at least half as many distinct words as the title).
    least_shared = len(title_words) * min(options.min_similarity, options.min_contained / 2)
    return [
        Mark(block, "headline", "repeats the page's title", "title")
        for block in kept[: options.search_blocks]
        if block.words <= options.max_words
        and _may_share(block.text, title_words, least_shared)
        and _repeats_title(block, title_words, options)
    ]


@functools.lru_cache(maxsize=64)
def _title_words(title: str) -> frozenset[str]:
    """The title's words, remembered: the rule runs again on each pass of the rules, with the same title."""
    return frozenset(word_set(title))


@functools.lru_cache(maxsize=256)
def _may_share(text: str, words: frozenset[str], least: float) -> bool:
    """False if fewer than `least` of `words` occur anywhere in the text: then the block cannot
    share that many words with the title, and its own words need not be found. Remembered for
    the next pass of the rules, which asks about the same top blocks again."""
    lowered = text.lower()
    allowed_misses = len(words) - least
    misses = 0
    for word in words:
        if word not in lowered:
            misses += 1
            if misses > allowed_misses:
                return False
    return True


def _repeats_title(block, title_words, options) -> bool:
    """Whether a block of at most ``max_words`` words (the caller checks) repeats the title."""
    words = block.word_set
    if not words:
        return False
    shared = len(words & title_words)
    return shared / max(len(words), len(title_words)) >= options.min_similarity or (
        len(words) >= 3 and len(words) * 2 >= len(title_words) and shared / len(words) >= options.min_contained
    )


def _dek(following, options):
    """Headings right under the headline, before the first paragraph, and the lead the HTML reader
    put back there. A longer heading is the article's lead set as a heading, and a bulleted one
    its list of key points: both are text."""
    marks = []
    for block in following:
        if block.kind == "lead":
            marks.append(_as_dek(block))
            continue
        if block.kind != "heading" or block.words > options.max_dek_words or block.text.lstrip().startswith(_BULLETS):
            break
        marks.append(Mark(block, "dek", "standfirst heading between the headline and the first paragraph", "description"))
    return marks


def _as_dek(block) -> Mark:
    return Mark(block, "dek", "the page's lead, which its description tag repeats", "description")
