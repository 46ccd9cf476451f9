"""The worker processes of a batch run, and how the run outlives a worker that crashes or hangs.

Chunks of documents go to a `concurrent.futures.ProcessPoolExecutor` and their outcomes come back
in input order. What a worker cannot do, the run survives:

- a chunk that cannot be sent to a worker (a reader's document that does not pickle) is cleaned
  in the main process, as a one-worker run would;
- a worker that dies (a crash in a compiled library, the out-of-memory killer) breaks the pool;
- a worker still on one article long after its time budget (a plugin stuck in a call into
  compiled code that does not come back to Python, where the SIGALRM budget is handled) is
  killed, which breaks the pool too.

A broken pool is replaced, and the chunk it broke on is cleaned again an article at a time, alone
in the pool, so that only the article that kills or hangs its worker fails, with an error that
says so; the queued chunks are sent again. If a fresh worker dies on a two-line test article
too, the workers themselves fail, and the run stops (`WorkersDying`).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent import futures
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from .model import Document, Problem

if TYPE_CHECKING:
    from .batch import Outcome
    from .engine import Cleaner

CHUNKS_PER_WORKER = 3
"""Chunks in flight per worker: one running, the others queued so that no worker waits."""
WATCH_EVERY = 1.0
"""Seconds between looks at what the workers are on, while waiting for a chunk."""


class WorkersDying(RuntimeError):
    """Worker processes die whatever they clean; the run stops rather than fail every article."""


class _Stuck(Exception):
    """A worker was killed for staying on one article past `stuck_after`."""


def clean_chunk(cleaner: Cleaner, documents: list[Document], encode: Callable[..., Outcome]) -> list[Outcome]:
    return [encode(cleaner.clean_document(document)) for document in documents]


def stuck_after(cleaner: Cleaner) -> float | None:
    """How long a worker may stay on one article: its budget twice over (reading, then cleaning,
    each have one) and as much again for encoding and a loaded machine, plus a second. None
    when the budget is off (``time_budget_seconds: 0``): then nothing is too long."""
    budget = cleaner.limits.time_budget_seconds
    return 4 * budget + 1 if budget > 0 else None


class WorkerPool:
    """Worker processes cleaning chunks of documents, whose outcomes come back in input order."""

    def __init__(self, cleaner: Cleaner, encode: Callable[..., Outcome], workers: int):
        self._cleaner = cleaner
        self._encode = encode
        self._workers = workers
        self._stuck_after = stuck_after(cleaner)
        self._pending: deque[tuple[list[Document], Future]] = deque()
        self._warned_unsendable = False
        self._start()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        for _, future in self._pending:
            future.cancel()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, chunk: list[Document]) -> list[Outcome]:
        """Queue `chunk`; once enough are queued for no worker to wait, the oldest one's outcomes."""
        self._pending.append((chunk, self._send(chunk)))
        if len(self._pending) >= self._workers * CHUNKS_PER_WORKER:
            return self._oldest()
        return []

    def drain(self) -> list[Outcome]:
        outcomes: list[Outcome] = []
        while self._pending:
            outcomes.extend(self._oldest())
        return outcomes

    def _send(self, chunk: list[Document]) -> Future:
        return self._pool.submit(_clean_in_worker, chunk, self._encode)

    def _oldest(self) -> list[Outcome]:
        chunk, future = self._pending.popleft()
        try:
            return self._result(future)
        except (BrokenProcessPool, _Stuck):
            self._restart()
            outcomes = self._one_at_a_time(chunk)
            self._resend_broken()
            return outcomes
        except Exception as error:
            return self._here(chunk, error)

    def _result(self, future: Future) -> list[Outcome]:
        """The future's outcomes; a worker on one article past `stuck_after` is killed on the way."""
        if self._stuck_after is None:
            return future.result()
        while True:
            try:
                return future.result(timeout=WATCH_EVERY)
            except futures.TimeoutError:  # not the built-in TimeoutError before Python 3.11
                if self._kill_stuck_worker():
                    raise _Stuck() from None

    def _kill_stuck_worker(self) -> bool:
        now = time.monotonic()
        for slot, started in enumerate(self._started):
            if started and now - started > self._stuck_after:
                pid = self._pids[slot]
                if pid:
                    os.kill(pid, signal.SIGKILL)
                    return True
        return False

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
                outcomes.extend(self._result(self._send([document])))
            except _Stuck:
                self._restart()
                outcomes.append(self._not_cleaned(document, (
                    f"still being cleaned after {self._stuck_after:g} s, far past the time budget: a plugin "
                    "stuck inside compiled code, where the budget cannot stop it; its worker process was killed"
                )))
            except BrokenProcessPool:
                self._restart()
                self._check_workers_live(document)
                outcomes.append(self._not_cleaned(
                    document, "the worker process cleaning this article died (a crash in a compiled library, "
                    "or killed for memory)"
                ))
            except Exception as error:
                outcomes.extend(self._here([document], error))
        return outcomes

    def _not_cleaned(self, document: Document, why: str) -> Outcome:
        """The failed outcome of an article that could not be cleaned, made here without reading it."""
        document.loader = None
        document.problems.append(Problem("clean", f"{document.source}: {why}; the article was not cleaned"))
        return self._encode(self._cleaner.clean_document(document))

    def _check_workers_live(self, suspect: Document) -> None:
        """Blame `suspect` only if a worker can clean something else: one that dies on a two-line
        article too (a plugin that fails to load in it, a machine out of memory) would fail every
        article of the run, so the run stops instead."""
        probe = Document(id="probe", source="(a two-line test article)", content="A headline\n\nA sentence of text.")
        try:
            self._result(self._send([probe]))
        except (BrokenProcessPool, _Stuck):
            raise WorkersDying(
                f"a worker process died cleaning {suspect.source} alone, and a new one died on a two-line "
                "test article: the workers fail, not the articles"
            ) from None

    def _resend_broken(self) -> None:
        """Send again the queued chunks the broken pool took down with it."""
        for position, (chunk, future) in enumerate(self._pending):
            if isinstance(future.exception(), BrokenProcessPool):
                self._pending[position] = (chunk, self._send(chunk))

    def _restart(self) -> None:
        self._pool.shutdown(wait=True)
        self._start()

    def _start(self) -> None:
        """A new pool, with shared slots where each worker posts its pid and when it started its
        current article (0 between articles), for `_kill_stuck_worker` to read."""
        context = multiprocessing.get_context(_start_method())
        self._pids = context.RawArray("q", self._workers)
        self._started = context.RawArray("d", self._workers)
        slots = context.Value("i", 0)
        self._pool = ProcessPoolExecutor(
            self._workers, mp_context=context, initializer=_start_worker,
            initargs=(self._cleaner, os.getpid(), self._pids, self._started, slots),
        )


def _start_method() -> str:
    """Fork, where it is safe (one thread, so no lock can be held across it): the workers then
    start with the cleaner already built. Otherwise spawn, which builds it again in each."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


_worker_cleaner: Cleaner | None = None
"""The cleaner of a worker process, unpickled once when the process starts."""
_worker_started: Any = None
"""This worker's place to post when it started its current article."""
_worker_slot = 0


def _start_worker(cleaner: Cleaner, parent: int, pids: Any, started: Any, slots: Any) -> None:
    """Ctrl-C reaches every process of the terminal's group; the parent alone decides what stops.
    SIGTERM takes its default action (the parent's handler would stop the pool from ending a
    worker). A worker whose parent was killed (SIGKILL leaves no time to stop it) would wait for
    work for ever, so it watches its parent and exits when it is gone."""
    global _worker_cleaner, _worker_started, _worker_slot
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with slots.get_lock():
        _worker_slot = slots.value
        slots.value += 1
    pids[_worker_slot] = os.getpid()
    _worker_started = started
    _worker_cleaner = cleaner
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _clean_in_worker(documents: list[Document], encode: Callable[..., Outcome]) -> list[Outcome]:
    assert _worker_cleaner is not None, "worker process started without a cleaner"
    outcomes = []
    try:
        with _worker_cleaner.batch():
            for document in documents:
                _worker_started[_worker_slot] = time.monotonic()
                outcomes.append(encode(_worker_cleaner.clean_document(document)))
    finally:
        _worker_started[_worker_slot] = 0.0
    return outcomes
