"""Where a run's output meets its input: refused before anything is opened, or left out of the walk.

Opening an output empties it, so ``cleaner clean b.jsonl -o b.jsonl`` would destroy its input
before reading a line of it. So, before any output is opened, an output that is one of the inputs
is refused: compared by device and inode, as ``cp`` and ``cat`` compare them, so that a symlink
or a hard link to an input is that input, and standard input is an input too, when it is the
output file itself or a pipe from a process that holds the output open (``cat d.jsonl |``). A
folder output that holds an input is refused as well: its files could replace it.

An output inside an input folder is not refused but left out of the folder's walk (`LeaveOut`),
with one warning, so that a second run does not read the first one's output as new articles.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .read import STDIN

Identity = tuple[int, int]
"""A file's device and inode: the same for every name of one file."""


class OutputIsInput(Exception):
    """Writing the output would destroy an input; the message names both."""


@dataclass(frozen=True)
class Target:
    """A file or folder a run writes, as the user named it (``None``: standard output)."""

    name: str
    path: Path | None = None
    folder: bool = False
    role: str = "output"

    def describe(self) -> str:
        if self.path is None:
            return "standard output"
        return f"the {self.role} folder {self.name}" if self.folder else f"the {self.role} {self.name}"

    def status(self) -> os.stat_result | None:
        """The file or folder it is now; None if there is none yet, or it is a terminal, a pipe or
        a device (``/dev/null``): those are streams, which writing does not destroy."""
        status = _stream_status(sys.stdout) if self.path is None else _stat(self.path)
        if status is None or not (stat.S_ISREG(status.st_mode) or stat.S_ISDIR(status.st_mode)):
            return None
        return status

    def exists(self) -> bool:
        return self.path is not None and os.path.exists(self.path)


def identity(status: os.stat_result) -> Identity:
    return (status.st_dev, status.st_ino)


def _stream_status(stream) -> os.stat_result | None:
    """What a standard stream is, if it is one the operating system knows (not a test's stand-in)."""
    try:
        return os.fstat(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return None


def _stat(path: str | Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except (OSError, ValueError):
        return None


_SAME = "a run cannot write the file it reads; nothing was written"


def refuse_overlaps(inputs: Sequence[str], targets: Sequence[Target]) -> None:
    """Raise `OutputIsInput` if writing one of `targets` could destroy one of `inputs`, or if two
    targets are one file. Looks only: nothing is created or opened for writing."""
    _refuse_shared_targets(targets)
    for target in targets:
        status = target.status()
        if status is None:
            continue
        for name in inputs:
            if name == STDIN:
                _refuse_standard_input(target, status)
                continue
            found = _stat(name)
            if found is None:
                continue
            if identity(found) == identity(status) and stat.S_ISDIR(found.st_mode):
                raise OutputIsInput(
                    f"{target.describe()} is the input folder {name}: the files written there could replace "
                    "its articles; nothing was written"
                )
            if identity(found) == identity(status):
                raise OutputIsInput(f"{target.describe()} is the input {name} (the same file): {_SAME}")
            if stat.S_ISDIR(status.st_mode) and _inside(name, identity(status)):
                raise OutputIsInput(
                    f"{target.describe()} holds the input {name}, which the files written there could replace: "
                    "write to a folder outside the inputs; nothing was written"
                )


def _refuse_shared_targets(targets: Sequence[Target]) -> None:
    seen: dict[object, Target] = {}
    for target in targets:
        status = target.status()
        if status is not None:
            key: object = identity(status)
        elif target.path is not None and not target.exists():
            key = os.path.realpath(target.path)
        else:
            continue
        if key in seen:
            raise OutputIsInput(
                f"{seen[key].describe()} and {target.describe()} are the same file: give each its own; nothing was written"
            )
        seen[key] = target


def _refuse_standard_input(target: Target, status: os.stat_result) -> None:
    given = _stream_status(sys.stdin)
    if given is None:
        return
    if identity(given) == identity(status):
        raise OutputIsInput(f"{target.describe()} is standard input (-), the same file: {_SAME}")
    if stat.S_ISFIFO(given.st_mode) and stat.S_ISREG(status.st_mode):
        for pid, command in _writers_holding(identity(given), identity(status)):
            raise OutputIsInput(
                f"{target.describe()} is being read into standard input (-) by {command} (pid {pid}): {_SAME}"
            )


def _inside(name: str, folder: Identity) -> bool:
    """Whether the file or folder `name` lies below `folder`."""
    return any(
        (status := _stat(parent)) is not None and identity(status) == folder
        for parent in Path(os.path.realpath(name)).parents
    )


_PROC = Path("/proc")


@dataclass(frozen=True)
class _Process:
    pid: int
    command: str
    holds: frozenset[Identity]
    """Every file and pipe it holds open."""
    writes_into: frozenset[Identity]
    """The pipes it holds open for writing."""
    reads_from: frozenset[Identity]
    """The pipes it holds open for reading."""


def _writers_holding(pipe: Identity, file: Identity) -> Iterator[tuple[int, str]]:
    """The processes upstream of `pipe` (writing into it, or into a pipe that one reads, and so
    on) that hold `file` open: ``cat d.jsonl | grep x | cleaner clean - -o d.jsonl``. From /proc,
    on Linux (elsewhere none are found), among the processes this user may look at, which a
    pipeline's always are. A process that has written all it had and ended holds nothing: what
    it wrote is in the pipe, and nothing is lost."""
    processes = list(_processes())
    pipes, seen = {pipe}, set()
    while True:
        writers = [process for process in processes if process.pid not in seen and process.writes_into & pipes]
        if not writers:
            return
        for process in writers:
            seen.add(process.pid)
            if file in process.holds:
                yield process.pid, process.command
            pipes |= process.reads_from


def _processes() -> Iterator[_Process]:
    if not _PROC.is_dir():
        return
    for folder in _PROC.iterdir():
        if not folder.name.isdigit() or int(folder.name) == os.getpid():
            continue
        try:
            descriptors = os.listdir(folder / "fd")
        except OSError:
            continue
        holds, writes_into, reads_from = set(), set(), set()
        for fd in descriptors:
            status = _stat(folder / "fd" / fd)
            if status is None:
                continue
            holds.add(identity(status))
            if stat.S_ISFIFO(status.st_mode):
                mode = _access_mode(folder, fd)
                if mode in (os.O_WRONLY, os.O_RDWR):
                    writes_into.add(identity(status))
                if mode in (os.O_RDONLY, os.O_RDWR):
                    reads_from.add(identity(status))
        yield _Process(int(folder.name), _command(folder), frozenset(holds), frozenset(writes_into), frozenset(reads_from))


def _access_mode(process: Path, fd: str) -> int | None:
    """How the descriptor was opened: `os.O_RDONLY`, `os.O_WRONLY` or `os.O_RDWR`."""
    try:
        info = (process / "fdinfo" / fd).read_text()
    except OSError:
        return None
    flags = next((line.split()[1] for line in info.splitlines() if line.startswith("flags:")), None)
    return int(flags, 8) & os.O_ACCMODE if flags else None


def _command(process: Path) -> str:
    try:
        return (process / "comm").read_text().strip() or "a process"
    except OSError:
        return "a process"


class LeaveOut:
    """Which entries of an input folder's walk are this run's outputs, to be left out.

    Called for every entry the walk meets, so it asks the operating system only about an entry
    that could be an output: one with an output's name or inode number, or a symlink; `warn`
    hears of each output once.
    """

    def __init__(self, outputs: Iterable[tuple[str, os.stat_result]], warn: Callable[[str], None]):
        self._names: dict[Identity, str] = {}
        self._file_names: set[str] = set()
        for name, status in outputs:
            self._names[identity(status)] = name
            self._file_names.add(os.path.basename(os.path.normpath(name)))
        self._inodes = {inode for _, inode in self._names}
        self._warn = warn
        self._warned: set[Identity] = set()

    def __call__(self, entry: os.DirEntry) -> bool:
        if not self._names:
            return False
        if not (entry.name in self._file_names or entry.inode() in self._inodes or entry.is_symlink()):
            return False
        try:
            found = identity(entry.stat())
        except OSError:
            return False
        name = self._names.get(found)
        if name is None:
            return False
        if found not in self._warned:
            self._warned.add(found)
            self._warn(
                f"cleaner: warning: {entry.path} is this run's output ({name}): left out of the input, "
                "so that no run reads its own output"
            )
        return True
