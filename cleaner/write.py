"""Turns cleaned articles into output records and writes them as JSON lines, JSON or text."""

from __future__ import annotations

import json
from typing import Any, TextIO

from .model import Article

RESERVED = ("id", "source", "title", "text", "metadata", "removed", "errors")
FORMATS = ("jsonl", "json", "text")


def to_record(article: Article) -> dict[str, Any]:
    """The output record: the article, what was learned about it, and what was removed and why.

    Fields of the input record that cleaner did not use pass through; one whose name cleaner
    uses itself is kept under ``input``.
    """
    record: dict[str, Any] = {
        "id": article.id,
        "source": article.source,
        "title": article.metadata.title,
        "text": article.text,
        "metadata": article.metadata.as_dict(),
        "removed": [
            {
                "plugin": block.removal.plugin,
                "rule": block.removal.rule,
                "reason": block.removal.reason,
                "text": block.text,
                "line": block.line,
                "block": block.index,
            }
            for block in article.blocks
            if block.removal is not None
        ],
        "errors": [
            {
                "level": "error" if problem.fatal else "warning",
                "stage": problem.stage,
                "plugin": problem.plugin,
                "message": problem.message,
            }
            for problem in article.problems
        ],
    }
    clashing = {key: value for key, value in article.fields.items() if key in RESERVED}
    record.update((key, value) for key, value in article.fields.items() if key not in RESERVED)
    if clashing:
        record["input"] = clashing
    return record


class RecordWriter:
    """Writes records to a stream in one of `FORMATS`."""

    def __init__(self, stream: TextIO, format: str = "jsonl"):
        if format not in FORMATS:
            raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
        self.stream = stream
        self.format = format
        self.count = 0
        self._pending_text: Article | None = None

    def write(self, article: Article) -> None:
        if self.format == "jsonl":
            self.stream.write(json.dumps(to_record(article), ensure_ascii=False) + "\n")
        elif self.format == "json":
            self.stream.write("[\n" if self.count == 0 else ",\n")
            self.stream.write(json.dumps(to_record(article), ensure_ascii=False, indent=2))
        else:
            self._write_text(article)
        self.count += 1

    def _write_text(self, article: Article) -> None:
        """One article prints as its text alone; several each get a ``==> id <==`` header, like head(1)."""
        if self.count == 0:
            self._pending_text = article
            return
        if self._pending_text is not None:
            self._text_with_header(self._pending_text, first=True)
            self._pending_text = None
        self._text_with_header(article, first=False)

    def _text_with_header(self, article: Article, first: bool) -> None:
        self.stream.write(("" if first else "\n") + f"==> {article.id} <==\n{article.text}\n")

    def close(self) -> None:
        if self.format == "json":
            self.stream.write("[]\n" if self.count == 0 else "\n]\n")
        elif self.format == "text" and self._pending_text is not None:
            self.stream.write(self._pending_text.text + "\n")
            self._pending_text = None
        self.stream.flush()
