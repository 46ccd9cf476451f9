"""Input records (mappings such as a JSON object or a dataframe row) as documents, and stable ids.

For engines that hand cleaner one record at a time (`Cleaner.clean_record`, `cleaner.dask`):
``text`` is the article; ``id``, ``url``, ``site`` and ``source`` say what they say; every other
field passes through to the output record.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from .model import Document, Problem

USED = ("id", "text", "url", "site", "source")


def document_from_record(record: Mapping[str, Any]) -> Document:
    text = record.get("text")
    document = Document(
        id=_string(record.get("id")) or "",
        source=_string(record.get("source")) or "<record>",
        content=text if isinstance(text, str) else "",
        url=_string(record.get("url")),
        site=_string(record.get("site")),
        fields={key: value for key, value in record.items() if key not in USED},
    )
    document.id = stable_id(document)
    if not isinstance(text, str):
        got = "none" if text is None else f"a {type(text).__name__}"
        document.problems.append(Problem("read", f"record {document.id!r}: 'text' should be a string, got {got}"))
    elif not text.strip():
        document.problems.append(Problem("read", f"record {document.id!r}: empty 'text', no article in it"))
    return document


def stable_id(document: Document) -> str:
    """The reader's id; else the url; else a hash of the content, so that a rerun finds the same id."""
    if document.id:
        return document.id
    if document.url:
        return document.url
    return "sha1:" + hashlib.sha1(document.content.encode("utf-8", "surrogatepass")).hexdigest()


def _string(value: Any) -> str | None:
    """Ids may come as numbers; a missing value (None, or NaN in a dataframe) is no value."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    return str(value)
