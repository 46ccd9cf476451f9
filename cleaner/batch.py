"""Cleans many articles: documents stream from the readers to worker processes, records stream out.

The process that runs the readers also writes; the workers load the documents a reader left
unread (a file's content, `Document.loader`), clean them and encode the records. Documents go
out in chunks, with a bounded number of chunks in flight, so memory stays flat however large the
input. Results are written in input order (the oldest chunk is awaited first), so a run's output
is the same with any number of workers, and ``--resume`` only has to know which ids are written.
"""

from __future__ import annotations

import itertools
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .engine import Cleaner, RunStats
from .model import Document, Problem
from .records import stable_id
from .workers import WorkerPool, clean_chunk

CHUNK_SIZE = 64
"""Documents per task: enough to make a task's overhead small, few enough to keep memory low."""


@dataclass(slots=True)
class Outcome:
    """What a worker sends back for one article: its output, already encoded, and its accounts."""

    id: str
    failed: bool
    removed: dict[str, int]
    messages: list[str]
    line: bytes | None = None
    """The record as a JSON line in UTF-8, for a JSON-lines output, a folder or ``--errors``: bytes
    cross from the worker and go to the file as they are, where a string is decoded and encoded."""
    encoded: str | None = None
    """What a ``json`` or ``text`` stream prints for the article."""
    text: str | None = None


@dataclass
class Summary:
    articles: int = 0
    failed: int = 0
    skipped: int = 0
    removed: Counter[str] = field(default_factory=Counter)

    def add(self, outcome: Outcome) -> None:
        self.articles += 1
        self.failed += outcome.failed
        self.removed.update(outcome.removed)


class UniqueIds:
    """Gives a second article with an id already used in this run the id ``<id>#2`` (and so on).

    Two inputs can share an id (two folders with an ``a.txt`` each, a JSONL file with a repeated
    id); both are kept, and as the numbering follows the input order, a resumed run numbers alike.
    """

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def assign(self, document: Document) -> Document:
        id = stable_id(document)
        count = self._seen.get(id, 0) + 1
        self._seen[id] = count
        if count == 1:
            document.id = id
            return document
        document.id = f"{id}#{count}"
        while document.id in self._seen:
            count += 1
            document.id = f"{id}#{count}"
        self._seen[document.id] = 1
        document.problems.append(
            Problem("read", f"id {id!r} is already used in this run; this article is {document.id!r}", fatal=False)
        )
        return document


def clean_documents(
    cleaner: Cleaner,
    documents: Iterable[Document],
    encode: Callable[..., Outcome],
    workers: int = 1,
) -> Iterator[Outcome]:
    """Outcomes in input order, cleaned here (one worker, or one chunk) or in `workers` processes."""
    chunks = _chunks(documents, CHUNK_SIZE)
    first = next(chunks, None)
    second = next(chunks, None)
    chunks = itertools.chain(filter(None, (first, second)), chunks)
    if workers <= 1 or second is None:
        for chunk in chunks:
            yield from clean_chunk(cleaner, chunk, encode)
        return
    with WorkerPool(cleaner, encode, workers) as pool:
        for chunk in chunks:
            yield from pool.submit(chunk)
        yield from pool.drain()


def read_new(
    cleaner: Cleaner,
    inputs: Iterable[str],
    stats: RunStats,
    done: Callable[[str], bool],
    summary: Summary,
    leave_out: Callable[[os.DirEntry], bool] | None = None,
) -> Iterator[Document]:
    """Documents with unique ids, leaving out those `done` says are written (a resumed run), and
    the files `leave_out` says are not inputs (the run's own output)."""
    ids = UniqueIds()
    for document in cleaner.read(inputs, stats, leave_out):
        ids.assign(document)
        if done(document.id):
            summary.skipped += 1
            continue
        yield document


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for document in documents:
        chunk.append(document)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
