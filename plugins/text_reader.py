"""Reads plain-text articles: one file is one article, one line is one block."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Block, Segments
from cleaner.read import decode, read_one_article
from cleaner.shapes import ends_sentence


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    suffixes: list[str] = [".txt"]
    """File endings this reader takes, compared without regard to case."""


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl
def cleaner_read_source(source, options):
    return read_one_article(source, "text/plain", decode) if source.has_suffix(options.suffixes) else None


@cleaner.hookimpl
def cleaner_segment_document(document):
    if document.media_type != "text/plain":
        return None
    return Segments(split_lines(document.content))


def split_lines(text: str) -> list[Block]:
    """One block per non-blank line; a blank line starts a new paragraph.

    A text with no blank line between its lines (what trafilatura and many scrapers write) has a
    paragraph on every line, so each line stands apart as it would between blank lines, unless
    its lines are a hard-wrapped paragraph.
    """
    blocks = _lines(text)
    if len(blocks) > 1 and blocks[-1].paragraph == 0 and not _wrapped(blocks):
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


def _lines(text: str) -> list[Block]:
    blocks: list[Block] = []
    paragraph = 0
    after_blank = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            after_blank = True
            continue
        if after_blank and blocks:
            paragraph += 1
        after_blank = False
        blocks.append(Block(index=len(blocks), text=line.rstrip("\r"), paragraph=paragraph, line=number))
    return blocks
