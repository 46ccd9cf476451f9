"""A run of blocks that repeats, word for word, blocks earlier in the same article.

Some pages carry their body twice (a print copy, a second template); trafilatura keeps both.
Only a run of several long blocks counts, so a repeated line in a recipe, a chorus or a list stays.
Nothing is remembered between articles.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Mark


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min_words: int = 8
    """Shorter blocks are never taken for repeats."""
    min_run: int = 3
    """How many repeated blocks in a row make a repeated passage."""


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl
def cleaner_mark_blocks(article, options):
    seen: set[str] = set()
    run = []
    marks = []
    for block in article.blocks + [None]:
        repeated = False
        if block is not None and block.removal is None:
            words = block.text.split()
            if len(words) >= options.min_words:
                key = " ".join(words).lower()
                repeated = key in seen
                seen.add(key)
        if repeated:
            run.append(block)
            continue
        if len(run) >= options.min_run:
            marks.extend(Mark(item, "repeat", "repeats an earlier passage of this article") for item in run)
        run = []
    return marks
