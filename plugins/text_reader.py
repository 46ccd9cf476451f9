"""Reads plain-text articles (gzipped or not): one file is one article, one line is one block."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Block, Document, Problem, Segments
from cleaner.read import BinaryContent, InputError, decode, read_bytes_limited


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    suffixes: list[str] = [".txt", ".txt.gz"]
    """File endings this reader takes, compared without regard to case."""


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl
def cleaner_read_source(source, options, limits):
    if source.path is None or not source.name.lower().endswith(tuple(s.lower() for s in options.suffixes)):
        return None
    return _read(source, limits.max_article_bytes)


def _read(source, max_bytes):
    document = Document(id=source.default_id(), source=source.name, media_type="text/plain")
    try:
        data = read_bytes_limited(source.path, max_bytes)
    except InputError as error:
        document.problems.append(Problem("read", f"{source.name}: {error}"))
        yield document
        return
    try:
        document.content, note = decode(data)
    except BinaryContent as error:
        document.problems.append(Problem("read", f"{source.name}: {error}"))
        yield document
        return
    if note:
        document.problems.append(Problem("read", f"{source.name}: {note}", fatal=False))
    if not document.content.strip():
        document.problems.append(Problem("read", f"{source.name}: empty file, no article in it"))
    yield document


@cleaner.hookimpl
def cleaner_segment_document(document, limits):
    if document.media_type != "text/plain":
        return None
    return Segments(split_lines(document.content, limits.max_article_blocks + 1))


def split_lines(text: str, max_blocks: int | None = None) -> list[Block]:
    """One block per non-blank line, up to `max_blocks`; a blank line starts a new paragraph."""
    blocks: list[Block] = []
    paragraph = 0
    after_blank = False
    for number, line in enumerate(_lines(text), start=1):
        if len(blocks) == max_blocks:
            break
        if not line.strip():
            after_blank = True
            continue
        if after_blank and blocks:
            paragraph += 1
        after_blank = False
        blocks.append(Block(index=len(blocks), text=line.rstrip("\r"), paragraph=paragraph, line=number))
    return blocks


def _lines(text: str) -> Iterator[str]:
    """The lines of `text`, one at a time, so that splitting can stop early."""
    start = 0
    while (end := text.find("\n", start)) >= 0:
        yield text[start:end]
        start = end + 1
    yield text[start:]
