"""Cleans many articles: documents stream from the readers to worker processes, records stream out.

The process that runs the readers also writes; the workers load the documents a reader left
unread (a file's content, `Document.loader`), clean them and encode the records. Documents go
out in chunks, with a bounded number of chunks in flight, so memory stays flat however large the
input. Results are written in input order (the oldest chunk is awaited first), so a run's output
is the same with any number of workers, and ``--resume`` only has to know which ids are written.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from .engine import Cleaner, RunStats
from .model import Document, Problem
from .records import stable_id

CHUNK_SIZE = 64
"""Documents per task: enough to make a task's overhead small, few enough to keep memory low."""
CHUNKS_PER_WORKER = 3
"""Chunks in flight per worker: one running, the others queued so that no worker waits."""


@dataclass(slots=True)
class Outcome:
    """What a worker sends back for one article: its output, already encoded, and its accounts."""

    id: str
    encoded: str
    failed: bool
    removed: dict[str, int]
    messages: list[str]
    record: str | None = None
    """The JSON line, where the output needs it besides `encoded` (folders, ``--errors``)."""
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
    context = multiprocessing.get_context(_start_method())
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(cleaner, os.getpid())
    ) as pool:
        pending: deque[Future] = deque()
        try:
            for chunk in chunks:
                pending.append(pool.submit(_clean_in_worker, chunk, encode))
                if len(pending) >= workers * CHUNKS_PER_WORKER:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def clean_chunk(cleaner: Cleaner, documents: list[Document], encode: Callable[..., Outcome]) -> list[Outcome]:
    return [encode(cleaner.clean_document(document)) for document in documents]


def read_new(
    cleaner: Cleaner, inputs: Iterable[str], stats: RunStats, done: Callable[[str], bool], summary: Summary
) -> Iterator[Document]:
    """Documents with unique ids, leaving out those `done` says are written (a resumed run)."""
    ids = UniqueIds()
    for document in cleaner.read(inputs, stats):
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


_worker_cleaner: Cleaner | None = None
"""The cleaner of a worker process, unpickled once when the process starts."""


def _start_method() -> str:
    """Fork, where it is safe (one thread, so no lock can be held across it): the workers then
    start with the cleaner already built. Otherwise spawn, which builds it again in each."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _start_worker(cleaner: Cleaner, parent: int) -> None:
    """Ctrl-C reaches every process of the terminal's group; the parent alone decides what stops.

    A worker whose parent was killed (SIGKILL leaves no time to stop it) would wait for work
    for ever, so it watches its parent and exits when it is gone.
    """
    global _worker_cleaner
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_cleaner = cleaner
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _clean_in_worker(documents: list[Document], encode: Callable[..., Outcome]) -> list[Outcome]:
    assert _worker_cleaner is not None, "worker process started without a cleaner"
    with _worker_cleaner.batch():
        return clean_chunk(_worker_cleaner, documents, encode)
