"""One run at a time per output, and the configurations each output was written with.

Before it opens an output, a run takes an exclusive ``flock`` on a small file that goes with it:
``.NAME.cleaner-run`` beside an output file NAME, ``.cleaner-run`` inside an output folder. The
kernel lets go of the lock when the process ends, however it ends, so a killed run leaves no stale
lock behind (the file stays; only the lock matters). A second run on the same output finds it
locked and stops, naming the run that holds it, or waits for it.

The same file keeps, as JSON, the pid of the run that holds it and a fingerprint of each
configuration the output was written with (`configuration`), so that ``--resume`` can say when
the articles already written were cleaned otherwise than the rest will be.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import time
import weakref
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .engine import Cleaner

RUN_FILE = ".cleaner-run"


class OutputBusy(Exception):
    """Another run holds the output's lock."""


def run_file(output: str | Path, folder: bool) -> Path:
    """The file that goes with `output`: the same for every name of it that a symlink gives."""
    real = Path(os.path.realpath(output))
    return real / RUN_FILE if folder else real.with_name(f".{real.name}{RUN_FILE}")


class OutputLock:
    """The lock on one output, held from `__init__` until `release` or the end of the process."""

    def __init__(self, output: str, folder: bool, wait: bool = False, say: Callable[[str], None] = print):
        self.output = output
        self.path = run_file(output, folder)
        if folder:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = -1
        self._created = False
        self._take(wait, say)
        self.previous: list[dict[str, Any]] = self._read().get("configurations") or []
        self._write(self.previous)
        _close_in_forked_children(self)

    def _take(self, wait: bool, say: Callable[[str], None]) -> None:
        """Lock the run file; again if it was replaced while this run waited for it."""
        while True:
            self._created = not self.path.exists()
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
            try:
                self._lock(fd, wait, say)
                if os.path.samestat(os.fstat(fd), os.stat(self.path)):
                    self._fd = fd
                    return
            except FileNotFoundError:
                pass
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)

    def _lock(self, fd: int, wait: bool, say: Callable[[str], None]) -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            holder = _holder(fd)
        if not wait:
            raise OutputBusy(
                f"{self.output} is being written by another run ({holder}); wait for it to end, "
                "or add --wait-for-lock to wait for it; nothing was written"
            )
        say(f"cleaner: {self.output} is being written by another run ({holder}); waiting for it to end (--wait-for-lock)")
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(os.pread(self._fd, 1 << 20, 0) or b"{}")
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, configurations: list[dict[str, Any]]) -> None:
        data = json.dumps({"pid": os.getpid(), "started": time.strftime("%Y-%m-%d %H:%M:%S"),
                           "configurations": configurations}, sort_keys=True)
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, data.encode() + b"\n", 0)

    def record(self, configuration: dict[str, Any], resume: bool, holds_records: bool) -> str | None:
        """Note the configuration of this run; with `resume`, a warning if the output was written
        with another one (or holds records and no note of how they were cleaned)."""
        kept = self.previous if resume else []
        self._write(kept + [configuration] if configuration not in kept else kept)
        if not (resume and holds_records):
            return None
        if not kept:
            return (
                f"cleaner: warning: {self.output} holds records but no note of the configuration they were "
                f"cleaned with ({self.path} is missing or unreadable): cannot tell whether it is this run's"
            )
        other = next((old for old in reversed(kept) if old != configuration), None)
        if other is None:
            return None
        return (
            f"cleaner: warning: {self.output} was written with another configuration than this run's "
            f"(differing: {'; '.join(differences(other, configuration))}): the articles already in it "
            "are not cleaned again, so it will hold articles cleaned two ways; run without --resume to "
            "clean them all alike"
        )

    def release(self, remove: bool = False) -> None:
        """Let go of the lock (closing again does nothing); `remove` deletes the run file if this run
        made it and wrote nothing (a run that stopped before it began)."""
        if self._fd < 0:
            return
        if remove and self._created:
            self.path.unlink(missing_ok=True)
        os.close(self._fd)
        self._fd = -1


def _holder(fd: int) -> str:
    """Who holds the lock, as its run file says: it writes its pid just after taking the lock."""
    for _ in range(20):
        try:
            data = json.loads(os.pread(fd, 1 << 20, 0) or b"{}")
            if isinstance(data, dict) and isinstance(data.get("pid"), int):
                return f"pid {data['pid']}, started {data.get('started', 'at an unknown time')}"
        except (OSError, ValueError):
            pass
        time.sleep(0.01)
    return "pid unknown"


def _close_in_forked_children(lock: OutputLock) -> None:
    """A forked worker gets a copy of the lock's descriptor, which would hold the lock after the
    run itself was killed, until the worker noticed; it closes its copy at once instead."""
    reference = weakref.ref(lock)

    def close_copy() -> None:
        held = reference()
        if held is not None and held._fd >= 0:
            os.close(held._fd)
            held._fd = -1

    os.register_at_fork(after_in_child=close_copy)


def configuration(cleaner: Cleaner) -> dict[str, Any]:
    """What decides how an article is cleaned, in short: the options (the configuration, with
    its site rules, and ``--site``), the code of each plugin, and cleaner's version."""
    options = json.dumps({"config": cleaner.config.to_dict(), "site": cleaner.default_site}, sort_keys=True, default=str)
    return {
        "options": _digest(options.encode("utf-8", "surrogatepass")),
        "plugins": {name: _code_digest(plugin) for name, plugin in cleaner.manager.list_name_plugin()},
        "cleaner": _version(),
    }


def differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What differs between two configurations, in words."""
    found = []
    if old.get("options") != new.get("options"):
        found.append("the options or site rules")
    before, now = old.get("plugins") or {}, new.get("plugins") or {}
    changed = sorted(name for name in before.keys() & now.keys() if before[name] != now[name])
    if changed:
        found.append(f"the code of plugins {', '.join(changed)}")
    if before.keys() != now.keys():
        found.append(f"the plugins loaded (then also {', '.join(sorted(before.keys() - now.keys())) or 'none'}, "
                     f"now also {', '.join(sorted(now.keys() - before.keys())) or 'none'})")
    if old.get("cleaner") != new.get("cleaner"):
        found.append(f"the version of cleaner ({old.get('cleaner')} then, {new.get('cleaner')} now)")
    return found or ["the configuration as recorded"]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _code_digest(plugin: object) -> str:
    path = getattr(plugin, "__file__", None)
    if path:
        try:
            return _digest(Path(path).read_bytes())
        except OSError:
            pass
    kind = type(plugin)
    return _digest(f"{kind.__module__}.{kind.__qualname__}".encode())


def _version() -> str:
    try:
        return metadata.version("cleaner")
    except metadata.PackageNotFoundError:
        return "unknown"
