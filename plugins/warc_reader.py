"""Reads WARC archives as crawlers write them (files, or standard input): every HTML response
record is one article.

warcio does the parsing (plain or gzipped, record by record). A record's target URI becomes the
article's url; its record id and capture date pass through to the output. Records that are not
HTML responses (requests, metadata, images, PDFs) are skipped, and the count of skipped records
is reported once per archive as a warning. A truncated record or an archive that breaks off
becomes a failed article naming the record; the records before it are cleaned.
"""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Document, Problem

_HTML_TYPES = ("text/html", "application/xhtml+xml")


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    suffixes: list[str] = [".warc", ".warc.gz"]
    """File endings this reader takes, compared without regard to case."""


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl
def cleaner_read_source(source, options):
    return _read(source) if source.holds("warc", options.suffixes) else None


def _read(source):
    """Yields each document one record late, so that the skipped count can ride on the last one."""
    from warcio.archiveiterator import ArchiveIterator

    skipped: Counter[str] = Counter()
    number = 0
    pending = None
    try:
        with source.open() as stream:
            for record in ArchiveIterator(stream):
                number += 1
                if record.rec_type != "response":
                    skipped[f"{record.rec_type} record(s)"] += 1
                    continue
                document = _document(source, number, record)
                if document is None:
                    skipped[f"{_content_type(record) or 'untyped'} response(s)"] += 1
                    continue
                if pending is not None:
                    yield pending
                pending = document
    except OSError as error:
        if pending is not None:
            yield pending
        pending = _failed(source, number, f"cannot read: {error.strerror or error}")
    except Exception as error:  # warcio raises its own errors (and zlib's) for a broken archive
        if pending is not None:
            yield pending
        pending = _failed(source, number + 1, f"the archive breaks off here: {type(error).__name__}: {error}")
    if pending is None:
        pending = _failed(source, number, "no HTML response record in this archive")
    if skipped:
        summary = ", ".join(f"{count} {kind}" for kind, count in sorted(skipped.items()))
        pending.problems.append(
            Problem("read", f"{source.name}: skipped records that are not HTML responses: {summary}", fatal=False)
        )
    yield pending


def _content_type(record) -> str:
    header = record.http_headers.get_header("Content-Type") if record.http_headers else None
    return (header or "").split(";")[0].strip().lower()


def _document(source, number, record) -> Document | None:
    """The record's page, a failed document if the record is truncated, None if it is not HTML."""
    url = record.rec_headers.get_header("WARC-Target-URI")
    record_id = record.rec_headers.get_header("WARC-Record-ID")
    document = Document(
        id=url or f"{source.default_id()}:{number}",
        source=f"{source.name}#{number}",
        media_type="text/html",
        url=url,
        fields={"warc_record_id": record_id, "warc_date": record.rec_headers.get_header("WARC-Date")},
    )
    from trafilatura.utils import decode_file

    payload = record.content_stream().read()
    missing = record.raw_stream.limit
    if missing:
        document.problems.append(
            Problem("read", f"{source.name}: record {number} ({url}): truncated, {missing} bytes of its content missing")
        )
        return document
    if _content_type(record) not in _HTML_TYPES:
        return None
    document.content = decode_file(payload)
    if not document.content.strip():
        document.problems.append(Problem("read", f"{source.name}: record {number} ({url}): empty response body"))
    return document


def _failed(source, number, message) -> Document:
    return Document(
        id=f"{source.default_id()}:{number}",
        source=f"{source.name}#{number}",
        problems=[Problem("read", f"{source.name}: record {number}: {message}")],
    )
