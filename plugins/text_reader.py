"""Reads plain-text articles: one file (or standard input) is one article, one line is one block.

Text in Markdown, as many scrapers write pages now, is read the same way, line by line; a line
that is only an image (``![A caption](https://…/photo.jpg)``, linked or not) is a block of kind
``caption``, and the rules read every line without Markdown's marks (`cleaner.patterns.as_read`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Block, Segments
from cleaner.patterns import LINK_TARGET
from cleaner.read import decode, read_one_article
from cleaner.shapes import ends_sentence, single_spaced, spaced_word_count


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    suffixes: list[str] = [".txt", ".txt.gz"]
    """File endings this reader takes, compared without regard to case."""
    paragraphs: Literal["auto", "blank_lines", "lines"] = "auto"
    """How paragraphs are told apart: by blank lines; every line its own; or auto, by blank lines
    unless the text has none, then a paragraph per line unless the lines are hard-wrapped. Use
    blank_lines to read cleaner's own output back exactly."""


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl
def cleaner_read_source(source, options, limits):
    if not source.holds("text", options.suffixes):
        return None
    return read_one_article(source, "text/plain", decode, limits.max_article_bytes)


@cleaner.hookimpl
def cleaner_segment_document(document, options, limits):
    if document.media_type != "text/plain":
        return None
    return Segments(split_lines(document.content, limits.max_article_blocks + 1, options.paragraphs))


def split_lines(text: str, max_blocks: int | None = None, paragraphs: str = "auto") -> list[Block]:
    """One block per non-blank line, up to `max_blocks`; a blank line starts a new paragraph.

    In ``auto`` mode a text with no blank line between its lines (what trafilatura and many
    scrapers write) has a paragraph on every line, so each line stands apart as it would between
    blank lines, unless its lines are a hard-wrapped paragraph.
    """
    blocks = _blocks(text, max_blocks)
    if "![" in text:
        for block in blocks:
            if _MARKDOWN_IMAGE.fullmatch(block.text.strip()):
                block.kind = "caption"
    one_paragraph = len(blocks) > 1 and blocks[-1].paragraph == 0
    if paragraphs == "lines" or (paragraphs == "auto" and one_paragraph and not _wrapped(blocks)):
        for block in blocks:
            block.paragraph = block.index
    return blocks


def _wrapped(blocks: list[Block]) -> bool:
    """True if at least half the line breaks fall inside a sentence that goes on in lower case."""
    inside = sum(
        1
        for line, following in zip(blocks, blocks[1:])
        if not ends_sentence(line.text) and following.text.lstrip()[:1].islower()
    )
    return inside * 2 >= len(blocks) - 1


def _blocks(text: str, max_blocks: int | None) -> list[Block]:
    blocks: list[Block] = []
    paragraph = 0
    after_blank = False
    spaced = single_spaced(text)
    for number, line in enumerate(_lines(text, max_blocks), start=1):
        if not line or line.isspace():
            after_blank = True
            continue
        if len(blocks) == max_blocks:
            break
        if after_blank and blocks:
            paragraph += 1
        after_blank = False
        words = None
        if spaced:
            stripped = line.strip(" ")
            words = spaced_word_count(stripped, stripped.count(" ") + 1)
        blocks.append(Block(len(blocks), line, paragraph, number, words=words))
    return blocks


_MARKDOWN_IMAGE = re.compile(rf"!\[[^\]\n]*\]{LINK_TARGET}|\[!\[[^\]\n]*\]{LINK_TARGET}\]{LINK_TARGET}")
"""A Markdown image, or an image that links somewhere."""

_LINE_END = re.compile("\r\n?|[\n\u2028\u2029]")
"""Line ends as a reader sees them: Unix, Windows and old Mac ones, and Unicode's separators."""


def _lines(text: str, max_blocks: int | None) -> Iterable[str]:
    """The lines of `text`; one at a time where there are many, so that a text of millions of
    lines is not split whole."""
    plain = "\r" not in text and "\u2028" not in text and "\u2029" not in text
    if max_blocks is None or _fewer_line_ends(text, 2 * max_blocks):
        return text.split("\n") if plain else _LINE_END.split(text)
    return _each_line(text, "\n" if plain else _LINE_END)


def _fewer_line_ends(text: str, limit: int) -> bool:
    """True if `text` has fewer than `limit` line ends; counted only in a text that long (most
    articles are far shorter than the limit, and counting takes a pass over the text for each end)."""
    return len(text) < limit or text.count("\n") + text.count("\r") < limit


def _each_line(text: str, end) -> Iterator[str]:
    start = 0
    if isinstance(end, str):
        while (found := text.find(end, start)) >= 0:
            yield text[start:found]
            start = found + 1
    else:
        for match in end.finditer(text):
            yield text[start : match.start()]
            start = match.end()
    yield text[start:]
