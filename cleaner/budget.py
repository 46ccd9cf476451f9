"""The per-article time budget: a plugin that loops forever fails its article, not the run.

A Python loop cannot be interrupted from another thread, so the budget is a SIGALRM timer
(`signal.setitimer`): when it expires, the signal handler raises `OverBudget` in the main thread,
inside whatever plugin is running. Python runs signal handlers only in the main thread, so in any
other thread the budget is not enforced; the CLI, and each worker process of a pool, clean in
their main thread. A loop inside C code that never returns to Python cannot be stopped this way;
in a batch of several workers, `cleaner.workers` kills a worker stuck so.

Python swallows an exception raised in a weakref callback or a ``__del__`` method (it prints
"Exception ignored in ..." and goes on), and the garbage collector runs those in the middle of any
code. So before raising, the handler sets the timer again, `RETRY_SECONDS` ahead: if the signal
came during such a callback, `OverBudget` is raised again a moment later, and the article still
stops; once it has stopped, leaving the budget's context disarms the timer (alone) or lets it go
off harmlessly (in a batch).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


RETRY_SECONDS = 0.05


class OverBudget(BaseException):
    """The time budget ran out. A BaseException, so that a plugin's ``except Exception`` cannot
    swallow it; the engine fills in the stage and plugin it interrupted."""

    def __init__(self) -> None:
        super().__init__("time budget exceeded")
        self.stage: str | None = None
        self.plugin: str | None = None


class TimeBudget:
    """Stops an article that runs past its time, with no cost per hook.

    Alone, an article puts the SIGALRM handler in place and sets the timer, and undoes both after.
    A batch holds the handler in place for all its articles (`installed`); within it an article only
    sets its deadline: the timer, once set, is left running from one article to the next, and
    when it goes off it stops the article whose deadline has passed, or waits for what is left of
    the current one's; so a batch makes about one system call per budget's length instead of two
    per article.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._held_by: int | None = None
        """The process holding the handler for a batch: a worker forked inside its parent's batch
        inherits this object, but not the parent's handler or timer, and must hold its own."""
        self._deadline: float | None = None
        self._timer_set = False

    @property
    def enforceable(self) -> bool:
        return (
            self.seconds > 0
            and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
        )

    @contextmanager
    def installed(self) -> Iterator[None]:
        """Keep the handler in place for a whole batch of articles."""
        if self._held_by == os.getpid() or not self.enforceable:
            yield
            return
        previous = signal.signal(signal.SIGALRM, self._alarm)
        self._held_by, self._timer_set, self._deadline = os.getpid(), False, None
        try:
            yield
        finally:
            self._held_by = None
            signal.setitimer(signal.ITIMER_REAL, 0)
            self._timer_set = False
            self._deadline = None
            signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)

    def running(self) -> _Armed | _Deadline | _Unarmed:
        """A context in which the budget runs for one article."""
        if not self.enforceable:
            return _UNARMED
        if self._held_by == os.getpid():
            return _Deadline(self)
        return _Armed(self.seconds)

    def _alarm(self, signum, frame) -> None:
        """The batch's timer went off: stop the article whose time is up, or wait for the rest of it."""
        self._timer_set = False
        if self._deadline is None:
            return
        left = self._deadline - time.monotonic()
        signal.setitimer(signal.ITIMER_REAL, left if left > 0 else RETRY_SECONDS)
        self._timer_set = True
        if left <= 0:
            raise OverBudget()


class _Deadline:
    """One article of a batch: its deadline, and the timer set if none is running."""

    __slots__ = ("budget", "previous")

    def __init__(self, budget: TimeBudget):
        self.budget = budget
        self.previous: float | None = None

    def __enter__(self) -> None:
        budget = self.budget
        self.previous = budget._deadline
        budget._deadline = time.monotonic() + budget.seconds
        if not budget._timer_set:
            budget._timer_set = True
            signal.setitimer(signal.ITIMER_REAL, budget.seconds)

    def __exit__(self, *exc_info) -> None:
        self.budget._deadline = self.previous


class _Armed:
    """One article outside a batch: the handler put in place and the timer set, both undone after."""

    __slots__ = ("seconds", "previous")

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.previous = None

    def __enter__(self) -> None:
        self.previous = signal.signal(signal.SIGALRM, _expire)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc_info) -> None:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, self.previous if self.previous is not None else signal.SIG_DFL)


class _Unarmed:
    __slots__ = ()

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc_info) -> None:
        pass


_UNARMED = _Unarmed()


def _expire(signum, frame) -> None:
    signal.setitimer(signal.ITIMER_REAL, RETRY_SECONDS)
    raise OverBudget()
