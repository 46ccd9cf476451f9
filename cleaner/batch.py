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
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from .engine import Cleaner, RunStats
from .model import Document, Problem
from .records import stable_id

CHUNK_SIZE = 64
"""Documents per task: enough to make a task's overhead small, few enough to keep memory low."""
CHUNKS_PER_WORKER = 3
"""Chunks in flight per worker: one running, the others queued so that no worker waits."""


class WorkersDying(RuntimeError):
    """Worker processes die whatever they clean; the run stops rather than fail every article."""


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


class WorkerPool:
    """Worker processes cleaning chunks of documents, whose outcomes come back in input order.

    Whatever a worker cannot do, the run survives. A chunk that cannot be sent to a worker (a
    reader's document that does not pickle) is cleaned in this process instead, as a one-worker
    run would. A worker that dies (a crash in a compiled library, the out-of-memory killer) breaks
    the pool: a new one is started, and the chunk it broke on is cleaned again an article at a
    time, alone in the pool, so that only an article whose worker dies again fails, with an error
    that says so, and every other article is cleaned as usual.
    """

    def __init__(self, cleaner: Cleaner, encode: Callable[..., Outcome], workers: int):
        self._cleaner = cleaner
        self._encode = encode
        self._workers = workers
        self._pool = self._start()
        self._pending: deque[tuple[list[Document], Future]] = deque()
        self._warned_unsendable = False

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        for _, future in self._pending:
            future.cancel()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, chunk: list[Document]) -> Iterator[Outcome]:
        """Queue `chunk`; once enough are queued for no worker to wait, yield the oldest one's outcomes."""
        self._pending.append((chunk, self._pool.submit(_clean_in_worker, chunk, self._encode)))
        if len(self._pending) >= self._workers * CHUNKS_PER_WORKER:
            yield from self._oldest()

    def drain(self) -> Iterator[Outcome]:
        while self._pending:
            yield from self._oldest()

    def _oldest(self) -> list[Outcome]:
        chunk, future = self._pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            self._restart()
            outcomes = self._one_at_a_time(chunk)
            self._resubmit_broken()
            return outcomes
        except Exception as error:
            return self._here(chunk, error)

    def _here(self, chunk: list[Document], error: Exception) -> list[Outcome]:
        """Clean a chunk a worker could not take in this process; an error that was not about
        sending it is raised here again, as in a one-worker run."""
        outcomes = clean_chunk(self._cleaner, chunk, self._encode)
        if not self._warned_unsendable and outcomes:
            self._warned_unsendable = True
            outcomes[0].messages.insert(0, (
                f"cleaner: warning: {chunk[0].source}: could not be sent to a worker process "
                f"({type(error).__name__}: {error}); such articles are cleaned in the main process"
            ))
        return outcomes

    def _one_at_a_time(self, chunk: list[Document]) -> list[Outcome]:
        outcomes: list[Outcome] = []
        for document in chunk:
            try:
                outcomes.extend(self._pool.submit(_clean_in_worker, [document], self._encode).result())
            except BrokenProcessPool:
                self._restart()
                self._check_workers_live(document)
                outcomes.append(self._encode(self._cleaner.clean_document(_worker_died(document))))
            except Exception as error:
                outcomes.extend(self._here([document], error))
        return outcomes

    def _check_workers_live(self, suspect: Document) -> None:
        """Blame `suspect` only if a worker can clean something else: one that dies on a two-line
        article too (a plugin that fails to load in it, a machine out of memory) would fail every
        article of the run, so the run stops instead."""
        probe = Document(id="probe", source="(a two-line test article)", content="A headline\n\nA sentence of text.")
        try:
            self._pool.submit(_clean_in_worker, [probe], self._encode).result()
        except BrokenProcessPool:
            raise WorkersDying(
                f"a worker process died cleaning {suspect.source} alone, and a new one died on a two-line "
                "test article: the workers fail, not the articles"
            ) from None

    def _resubmit_broken(self) -> None:
        """Send again the queued chunks the broken pool took down with it."""
        for position, (chunk, future) in enumerate(self._pending):
            if isinstance(future.exception(), BrokenProcessPool):
                self._pending[position] = (chunk, self._pool.submit(_clean_in_worker, chunk, self._encode))

    def _restart(self) -> None:
        self._pool.shutdown(wait=True)
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context(_start_method())
        return ProcessPoolExecutor(
            self._workers, mp_context=context, initializer=_start_worker, initargs=(self._cleaner, os.getpid())
        )


def _worker_died(document: Document) -> Document:
    """The document of an article whose worker died cleaning it, alone: it fails, unread here."""
    document.loader = None
    document.problems.append(Problem(
        "clean",
        f"{document.source}: the worker process cleaning this article died (a crash in a compiled "
        "library, or killed for memory); the article was not cleaned",
    ))
    return document


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
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
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
