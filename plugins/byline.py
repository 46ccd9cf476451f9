"""Bylines and datelines at the top of an article: "By Jane Doe", "Published 3 March 2021",
"quinta-feira, 14 de março de 2019 às 09:40"; and anywhere, lines made of a date alone
("Last modified: 03-10-2004 2:20pm"). Their text goes to ``author`` or ``date``.

Bylines are looked for among the first few short blocks only, and a date stamp must be made of
date words, so a body sentence with a date in it stays.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Mark
from cleaner.patterns import Vocabulary
from cleaner.shapes import ends_sentence


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    by: Vocabulary = Vocabulary()
    """A by-word before a name ("By ", "Por ", "Von "): at the start of a byline, anywhere in a dateline."""
    published: Vocabulary = Vocabulary()
    """Words that label a date line ("Published", "Updated", "Publicado")."""
    dates: Vocabulary = Vocabulary()
    """A date or a time anywhere in the block."""
    date_words: Vocabulary = Vocabulary()
    """Single words that make up a date line: numbers, months, weekdays, "at", "de"."""
    search_blocks: int = 3
    max_words: int = 25
    max_by_words: int = 15
    min_date_share: float = 0.6
    """A block this much made of date words is a dateline even without a label."""
    max_stamp_words: int = 12
    """Below the top, a line this short made of date words is a date stamp of the page."""


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl
def cleaner_mark_blocks(article, options):
    marks = []
    author = (article.metadata.author or "").split(";")[0].strip().lower()
    for block in article.kept_blocks()[: options.search_blocks]:
        if not 0 < block.words <= options.max_words:
            continue
        text = block.text.strip()
        words = text.split()
        by = bool(options.by.match(text))
        has_date = article.may_match_block(block, options.dates) and bool(options.dates.search(text))
        names_author = bool(author) and author in text.lower() and len(words) <= len(author.split()) + 4
        if has_date and (
            (_mostly_date(words, options) and (not ends_sentence(text) or _date_word(words[0], options)))
            or (not ends_sentence(text) and (options.by.search(text) or names_author or options.published.search(text)))
        ):
            marks.append(Mark(block, "dateline", "date line at the top of the article", "date"))
        elif (by and len(words) <= options.max_by_words and not ends_sentence(text)) or names_author:
            marks.append(Mark(block, "byline", "byline at the top of the article", "author"))
    top = {block.index for block in article.kept_blocks()[: options.search_blocks]}
    for block in article.candidates(options.dates, options.published):
        if block.index not in top and 0 < block.words <= options.max_stamp_words and _date_stamp(block.text.strip(), options):
            marks.append(Mark(block, "date-stamp", "a line that only dates the page", "date"))
    return marks


def _date_stamp(text: str, options) -> bool:
    """A date written in numbers alone ("04.04.2020, 12:30"), a labelled date ("Last Modified:
    03-10-2004 2:20pm"), or a date's label alone ("Release Date:"): the page's chrome, wherever
    it stands. A date in words without a label ("29 November 2018") may be the article's own."""
    if _NUMERIC_DATE.fullmatch(text):
        return True
    if ends_sentence(text) or not options.published.search(text) or not _mostly_date(text.split(), options):
        return False
    return bool(options.dates.search(text)) or text.endswith((":", "："))


_NUMERIC_DATE = re.compile(r"\W*\d{1,4}[./-]\d{1,2}[./-]\d{2,4}(?:,?\s+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?\W*", re.IGNORECASE)


def _mostly_date(words, options) -> bool:
    datey = sum(1 for word in words if _date_word(word, options))
    return datey >= options.min_date_share * len(words)


def _date_word(word: str, options) -> bool:
    """A word of a date line ("Thursday,", "8pm", "at"), or a mark between its parts ("|")."""
    bare = word.strip(",.;:|-–—()")
    return not bare or bool(options.date_words.fullmatch(bare))
