"""Bylines and datelines at the top of an article: "By Jane Doe", "Published 3 March 2021",
"quinta-feira, 14 de março de 2019 às 09:40". Their text goes to ``author`` or ``date``.

Only the first few short blocks are looked at, so a body sentence with a date in it stays.
"""

from __future__ import annotations

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
        has_date = bool(options.dates.search(text))
        names_author = bool(author) and author in text.lower() and len(words) <= len(author.split()) + 4
        if has_date and (
            _mostly_date(words, options)
            or (not ends_sentence(text) and (options.by.search(text) or names_author or options.published.search(text)))
        ):
            marks.append(Mark(block, "dateline", "date line at the top of the article", "date"))
        elif (by and len(words) <= options.max_by_words and not ends_sentence(text)) or names_author:
            marks.append(Mark(block, "byline", "byline at the top of the article", "author"))
    return marks


def _mostly_date(words, options) -> bool:
    datey = sum(1 for word in words if options.date_words.fullmatch(word.strip(",.;:|-–—()")) or not word.strip(",.;:|-–—()"))
    return datey >= options.min_date_share * len(words)
