"""Turns cleaned articles into output records and writes them as JSON lines, JSON or text."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import PurePosixPath
from typing import Any, TextIO

import orjson

from .model import Article

RESERVED = ("id", "source", "title", "text", "metadata", "removed", "errors")
FORMATS = ("jsonl", "json", "text")

MAX_NAME_BYTES = 150
"""Longest folder or file name made from an id, leaving room in the 255-byte limit for a hash and a suffix."""
MAX_DEPTH = 16
_SEPARATOR = re.compile(r"[/\\]")
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"|?*\ud800-\udfff]')
_DEVICE_NAME = re.compile(r"(?i)(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?")


def safe_relative_path(id: str) -> PurePosixPath:
    """Where the output files of the article `id` go, relative to the output folder, which they
    cannot leave: ids come from input records and URLs, so they are untrusted.

    Folders in the id (``news/2024/a``) are kept. Absolute roots, ``..``, ``.`` and empty parts,
    backslashes, NUL and other control characters, characters Windows forbids, lone surrogates,
    device names (``CON``, ``NUL``), leading and trailing dots and spaces, overlong names and deep
    nesting are made safe; when that changes the id, a short hash of the whole id is appended,
    so that distinct ids still get distinct paths. An id that is already safe is used as it is.
    """
    parts = []
    for part in _SEPARATOR.split(id):
        part = _UNSAFE.sub("_", part).strip(" .")
        if not part:
            continue
        if _DEVICE_NAME.fullmatch(part):
            part = "_" + part
        parts.append(_truncate(part))
    if len(parts) > MAX_DEPTH:
        parts[MAX_DEPTH - 1 :] = [_truncate("_".join(parts[MAX_DEPTH - 1 :]))]
    if not parts or "/".join(parts) != id:
        digest = hashlib.sha256(id.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        parts = parts or ["_"]
        parts[-1] = f"{parts[-1]}-{digest}"
    return PurePosixPath(*parts)


def _truncate(name: str) -> str:
    return name.encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", errors="ignore")


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


def encode(article: Article, format: str) -> str:
    """What `format` writes for one article: a JSON line, an indented JSON record, or the text.

    Worker processes encode, so that the process writing the output only writes.
    """
    if format == "jsonl":
        return json_line(to_record(article))
    if format == "json":
        return json.dumps(to_record(article), ensure_ascii=False, indent=2)
    return article.text


def json_line(record: dict[str, Any]) -> str:
    """The record as one line of JSON."""
    return json_line_bytes(record).decode("utf-8", "surrogatepass")


def json_line_bytes(record: dict[str, Any]) -> bytes:
    """The record as one line of JSON in UTF-8, by orjson (a record in 14 us where the standard
    library takes 36); the standard library writes what orjson refuses: lone surrogates, which a
    JSON input may carry (kept as they were, as their UTF-8-style bytes), integers past 64 bits,
    keys that are not strings."""
    try:
        return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)
    except (orjson.JSONEncodeError, TypeError):
        return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8", "surrogatepass")


class RecordWriter:
    """Writes records to a stream in one of `FORMATS`."""

    def __init__(self, stream: TextIO, format: str = "jsonl"):
        if format not in FORMATS:
            raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
        self.stream = stream
        self.format = format
        self.count = 0
        self._pending_text: tuple[str, str] | None = None

    def write(self, article: Article) -> None:
        self.write_encoded(article.id, encode(article, self.format))

    def write_encoded(self, id: str, encoded: str) -> None:
        """Write what `encode` made of the article with this id."""
        if self.format == "jsonl":
            self._put(encoded)
        elif self.format == "json":
            self._put("[\n" if self.count == 0 else ",\n")
            self._put(encoded)
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
        self._put(("" if first else "\n") + f"==> {id} <==\n{text}\n")

    def _put(self, text: str) -> None:
        """Write `text`; a lone surrogate (a JSON input may carry one) cannot be UTF-8, so it is
        written as its ``\\udXXX`` escape, which in a JSON string is the same character."""
        try:
            self.stream.write(text)
        except UnicodeEncodeError:
            self.stream.write(text.encode("utf-8", "backslashreplace").decode("utf-8"))

    def close(self) -> None:
        if self.format == "json":
            self._put("[]\n" if self.count == 0 else "\n]\n")
        elif self.format == "text" and self._pending_text is not None:
            self._put(self._pending_text[1] + "\n")
            self._pending_text = None
        self.stream.flush()

