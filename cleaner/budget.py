"""The per-article time budget: a plugin that loops forever fails its article, not the run.

A Python loop cannot be interrupted from another thread, so the budget is a SIGALRM timer
(`signal.setitimer`): when it expires, the signal handler raises `OverBudget` in the main thread,
inside whatever plugin is running. Python runs signal handlers only in the main thread, so in any
other thread the budget is not enforced; the CLI, and each worker process of a pool, clean in
their main thread. A loop inside C code that never returns to Python cannot be stopped this way.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class OverBudget(BaseException):
    """The time budget ran out. A BaseException, so that a plugin's ``except Exception`` cannot
    swallow it; the engine fills in the stage and plugin it interrupted."""

    def __init__(self) -> None:
        super().__init__("time budget exceeded")
        self.stage: str | None = None
        self.plugin: str | None = None


class TimeBudget:
    """Arms the timer around one article; two `setitimer` calls per article, none per hook."""

    def __init__(self, seconds: float):
        self.seconds = seconds

    @property
    def enforceable(self) -> bool:
        return (
            self.seconds > 0
            and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
        )

    @contextmanager
    def running(self) -> Iterator[None]:
        if not self.enforceable:
            yield
            return
        previous = signal.signal(signal.SIGALRM, _expire)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        try:
            yield
        finally:
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
            finally:
                signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)


def _expire(signum, frame) -> None:
    raise OverBudget()
