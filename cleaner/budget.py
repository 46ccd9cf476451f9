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
    """Arms the timer around one article: two `setitimer` calls per article, none per hook.

    The SIGALRM handler is put in place around each article and the one before it put back, unless
    a batch holds it in place for all its articles (`installed`), which saves two system calls an
    article.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._held = False

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
        if self._held or not self.enforceable:
            yield
            return
        previous = signal.signal(signal.SIGALRM, _expire)
        self._held = True
        try:
            yield
        finally:
            self._held = False
            signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)

    def running(self) -> _Armed | _Unarmed:
        """A context in which the budget runs for one article."""
        if not self.enforceable:
            return _UNARMED
        return _Armed(self.seconds, install=not self._held)


class _Armed:
    __slots__ = ("seconds", "install", "previous")

    def __init__(self, seconds: float, install: bool):
        self.seconds = seconds
        self.install = install
        self.previous = None

    def __enter__(self) -> None:
        if self.install:
            self.previous = signal.signal(signal.SIGALRM, _expire)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc_info) -> None:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            if self.install:
                signal.signal(signal.SIGALRM, self.previous if self.previous is not None else signal.SIG_DFL)


class _Unarmed:
    __slots__ = ()

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc_info) -> None:
        pass


_UNARMED = _Unarmed()


def _expire(signum, frame) -> None:
    raise OverBudget()
