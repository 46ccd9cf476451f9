"""Menus and link clouds: a long run of one-to-three-word lines that are not a list or a table,
and breadcrumb lines ("Home › News › Politics").

When trafilatura cannot find the article it may return the whole page, menus and archive links
included, as bare lines. Such a run is far longer than any run of short lines in an article (a
subheading is followed by a paragraph), so the length of the run is the test. List items and
table cells (and bulleted lines) are left alone: ingredient lists and result tables are made of short lines too,
and so are program listings.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, PrivateAttr

import cleaner
from cleaner.model import Mark
from cleaner.patterns import Vocabulary
from cleaner.shapes import ends_sentence, word_count

_LONE_KINDS = ("line", "paragraph", "heading")
_BULLETS = ("-", "–", "—", "•", "*", "·", "▪", "►")


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_words: int = 3
    """A menu entry is this short."""
    min_run: int = 12
    """How many such lines in a row make a menu."""
    min_crumbs: int = 3
    """A line of this many short parts between separators ("Home › News › Politics") is a breadcrumb."""
    max_crumb_words: int = 4
    _crumb_lines: Vocabulary | None = PrivateAttr(default=None)

    def model_post_init(self, context) -> None:
        self._crumb_lines = Vocabulary([_CRUMB_SEPARATOR.pattern])

    def crumb_lines(self) -> Vocabulary:
        """The lines with a separator at all, which the screen finds (read as prompts' and promo's
        derived vocabularies are: straight from the private dict, without pydantic's lookup)."""
        return self.__pydantic_private__["_crumb_lines"]


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl
def cleaner_mark_blocks(article, options):
    marks = [
        Mark(block, "breadcrumb", "a trail of short links between separators: a breadcrumb or menu line")
        for block in article.candidates(options.crumb_lines())
        if options.min_crumbs * 2 - 1 <= block.words <= options.min_crumbs * (options.max_crumb_words + 1) * 2
        and _breadcrumb(block.text, options)
    ]
    if sum(block.words <= options.max_words for block in article.blocks) < options.min_run:
        return marks
    # Entries another rule already took ("Home", "Contact us") still stand in the menu's run.
    run, length = [], 0
    for block in [*article.blocks, None]:
        if block is not None and block.removal is not None:
            length += block.words <= options.max_words
            continue
        if block is not None and _menu_entry(block, options):
            run.append(block)
            length += 1
            continue
        if length >= options.min_run:
            marks.extend(Mark(entry, "menu", f"one of {length} short lines in a row: a menu or link cloud") for entry in run)
        run, length = [], 0
    return marks


_CRUMB_SEPARATOR = re.compile(r"\s(?:\||›|»|>|/|·|•|::)\s")
_CRUMB_EDGES = "|›»>/·•:"


def _breadcrumb(text: str, options) -> bool:
    """Short named parts between separators; a row of a table ("| 1 | Kyle Busch | 5040 |") starts
    or ends with its separator, and has numbers for parts."""
    text = text.strip()
    if text[:1] in _CRUMB_EDGES or text[-1:] in _CRUMB_EDGES or not _CRUMB_SEPARATOR.search(text):
        return False
    crumbs = _CRUMB_SEPARATOR.split(text)
    return len(crumbs) >= options.min_crumbs and all(
        0 < word_count(crumb) <= options.max_crumb_words and not ends_sentence(crumb) and any(map(str.isalpha, crumb))
        for crumb in crumbs
    )


def _menu_entry(block, options) -> bool:
    """A short line: a price or a measured figure ("286,35 €", "12.5 %") is data, as in a table,
    and a line of code ("def main():", "x = 1", "}") is part of a listing (an HTML page marks
    its listings, block kind ``code``; plain text does not)."""
    if block.words > options.max_words or block.kind not in _LONE_KINDS:
        return False
    text = block.text.strip()
    return not ends_sentence(text) and not text.startswith(_BULLETS) and not _FIGURE.search(text) and not _CODE.search(text)


_FIGURE = re.compile(r"\d[.,]\d|[$€£¥₽₹¢₩₺₴%]")
_CODE = re.compile(r"\w\(.*\)|[{};]$|^[}\])]|\s(?:[-+*/%!<>=]?=|==)\s|->|=>|::")
"""A call ("print(data)", "main()"), a line that opens or closes a block or ends a statement, an
assignment or comparison, an arrow: what lines of code have and menu entries do not."""
