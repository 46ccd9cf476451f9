"""Menus and link clouds: a long run of one-to-three-word lines that are not a list or a table.

When trafilatura cannot find the article it may return the whole page, menus and archive links
included, as bare lines. Such a run is far longer than any run of short lines in an article (a
subheading is followed by a paragraph), so the length of the run is the test. List items and
table cells (and bulleted lines) are left alone: ingredient lists and result tables are made of short lines too.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Mark
from cleaner.shapes import ends_sentence

_LONE_KINDS = ("line", "paragraph", "heading")
_BULLETS = ("-", "–", "—", "•", "*", "·", "▪", "►")


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_words: int = 3
    """A menu entry is this short."""
    min_run: int = 12
    """How many such lines in a row make a menu."""


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl
def cleaner_mark_blocks(article, options):
    kept = article.kept_blocks()
    if sum(block.words <= options.max_words for block in kept) < options.min_run:
        return None
    marks = []
    run = []
    for block in [*kept, None]:
        if block is not None and _menu_entry(block, options):
            run.append(block)
            continue
        if len(run) >= options.min_run:
            marks.extend(Mark(entry, "menu", f"one of {len(run)} short lines in a row: a menu or link cloud") for entry in run)
        run = []
    return marks


def _menu_entry(block, options) -> bool:
    if block.words > options.max_words or block.kind not in _LONE_KINDS:
        return False
    text = block.text.strip()
    return not ends_sentence(text) and not text.startswith(_BULLETS)
