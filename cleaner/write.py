"""Turns cleaned articles into output records and writes them as JSON lines, JSON or text."""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePosixPath
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


def encode(article: Article, format: str) -> str:
    """What `format` writes for one article: a JSON line, an indented JSON record, or the text.

    Worker processes encode, so that the process writing the output only writes.
    """
    if format == "jsonl":
        return json.dumps(to_record(article), ensure_ascii=False) + "\n"
    if format == "json":
        return json.dumps(to_record(article), ensure_ascii=False, indent=2)
    return article.text


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
        self.write_encoded(article.id, encode(article, self.format))

    def write_encoded(self, id: str, encoded: str) -> None:
        """Write what `encode` made of the article with this id."""
        if self.format == "jsonl":
            self.stream.write(encoded)
        elif self.format == "json":
            self.stream.write("[\n" if self.count == 0 else ",\n")
            self.stream.write(encoded)
        else:
            self._write_text(id, encoded)
        self.count += 1

    def _write_text(self, id: str, text: str) -> None:
        """One article prints as its text alone; several each get a ``==> id <==`` header, like head(1)."""
        if self.count == 0:
            self._pending_text = (id, text)
            return
        if self._pending_text is not None:
            self._text_with_header(*self._pending_text, first=True)
            self._pending_text = None
        self._text_with_header(id, text, first=False)

    def _text_with_header(self, id: str, text: str, first: bool) -> None:
        self.stream.write(("" if first else "\n") + f"==> {id} <==\n{text}\n")

    def close(self) -> None:
        if self.format == "json":
            self.stream.write("[]\n" if self.count == 0 else "\n]\n")
        elif self.format == "text" and self._pending_text is not None:
            self.stream.write(self._pending_text[1] + "\n")
            self._pending_text = None
        self.stream.flush()


_MAX_NAME_BYTES = 200
"""Below the 255-byte file-name limit of common file systems, with room for suffixes."""


def safe_relative_path(id: str) -> PurePosixPath:
    """Where the files of the article with this id go, inside an output folder.

    ``/`` in an id makes sub-folders, and nothing else can leave the folder: every part is
    escaped so that it is never empty, ``.``, ``..`` or hidden, and holds no NUL, control
    character or backslash. ``%`` is escaped too, so two different ids never share a path
    (except ids with a part over 200 bytes, which are cut and end in a hash of the whole part).
    Add the suffix with ``path.with_name(path.name + ".json")``: an id may contain dots.
    """
    return PurePosixPath(*(_escape_part(part) for part in str(id).split("/")))


def _escape_part(part: str) -> str:
    if part == "":
        return "%"
    escaped = "".join(_escape_char(char) for char in part)
    if escaped.startswith("."):
        escaped = "%2E" + escaped[1:]
    if len(escaped.encode("utf-8")) > _MAX_NAME_BYTES:
        digest = hashlib.sha1(part.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        cut = escaped.encode("utf-8")[: _MAX_NAME_BYTES - 20].decode("utf-8", "ignore")
        escaped = f"{cut}%~{digest}"
    return escaped


def _escape_char(char: str) -> str:
    code = ord(char)
    if char in "%\\" or code < 32 or code == 127:
        return f"%{code:02X}"
    if 0xD800 <= code <= 0xDFFF:
        return f"%u{code:04X}"
    return char
