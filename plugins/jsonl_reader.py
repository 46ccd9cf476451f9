"""Reads JSON lines as scrapers write them: one record per line, the article in `text` or `html`.

A record's `url` and `id` are used; every other field passes through to the output untouched,
also when the record fails (no article in it), so that results join back to their input by id
(a `language` field is also read: it chooses the words of an article too short to tell).
A `.json` file may also hold one record or a list of records. Standard input is read as JSON
lines when it starts with ``{`` (or ``--input-format jsonl`` says so). A line that is not a record
becomes a failed article naming file and line.
"""

from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Document, Problem
from cleaner.read import unreadable

_USED = ("id", "url")


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    suffixes: list[str] = [".jsonl", ".json", ".ndjson"]
    """File endings this reader takes, compared without regard to case."""


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl
def cleaner_read_source(source, options):
    if not source.holds("jsonl", options.suffixes):
        return None
    return _records(source, _decoded(source.stream)) if source.stream is not None else _read_file(source)


def _decoded(lines):
    """Text lines from a binary stream read line by line, so a large scrape is never held whole."""
    for number, line in enumerate(lines):
        if isinstance(line, bytes):
            line = line.decode("utf-8", errors="replace")
        yield line.removeprefix("\ufeff") if number == 0 else line


def _read_file(source):
    """JSON lines are streamed; a `.json` file holding one JSON value (a record or a list) is read whole."""
    try:
        if source.name.lower().endswith(".json"):
            content = source.path.read_bytes().decode("utf-8-sig", errors="replace")
            if content.lstrip().startswith("[") or _is_one_record(content):
                yield from _json_document(source, content)
            else:
                yield from _records(source, content.splitlines())
            return
        with source.path.open("rb") as stream:
            yield from _records(source, _decoded(stream))
    except OSError as error:
        yield Document(id=source.default_id(), source=source.name, problems=[unreadable(source, error)])


def _is_one_record(content: str) -> bool:
    try:
        return isinstance(json.loads(content), dict)
    except json.JSONDecodeError:
        return False


def _json_document(source, content):
    """A whole-file JSON value: one record, or a list of records."""
    try:
        records = json.loads(content)
    except json.JSONDecodeError as error:
        yield _failed(source, error.lineno, f"not valid JSON: {error.msg}")
        return
    for number, record in enumerate(records if isinstance(records, list) else [records], start=1):
        yield _document(source, number, record, where=f"record {number}")


def _records(source, lines):
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as error:
            yield _failed(source, number, f"not valid JSON: {error.msg} (column {error.colno})")
            continue
        yield _document(source, number, record, where=f"line {number}")


def _document(source, number, record, where):
    if not isinstance(record, dict):
        return _failed(source, number, f"expected a JSON object, got {type(record).__name__}", where)
    text, html = record.get("text"), record.get("html")
    # A page's HTML is richer than a scraper's text of it: with both, clean the HTML.
    used, media_type = ("html", "text/html") if isinstance(html, str) else ("text", "text/plain")
    record_id = record.get("id")
    url = record.get("url")
    document = Document(
        id=str(record_id) if record_id not in (None, "") else f"{source.default_id()}:{number}",
        source=f"{source.name}:{number}",
        content=record[used] if isinstance(record.get(used), str) else "",
        media_type=media_type,
        url=url if isinstance(url, str) and url else None,
        fields={key: value for key, value in record.items() if key not in _USED and key != used},
    )
    if not isinstance(text, str) and not isinstance(html, str):
        document.problems.append(Problem("read", f"{source.name}: {where}: the record has neither a 'text' nor an 'html' string"))
    elif not document.content.strip():
        document.problems.append(Problem("read", f"{source.name}: {where}: the article is empty"))
    return document


def _failed(source, number, message, where=None):
    return Document(
        id=f"{source.default_id()}:{number}",
        source=f"{source.name}:{number}",
        problems=[Problem("read", f"{source.name}: {where or f'line {number}'}: {message}")],
    )
