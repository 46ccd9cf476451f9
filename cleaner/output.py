"""Where a batch run's records go, written so that a run killed at any moment leaves whole records.

A JSON-lines file is opened for appending and records go out whole, a few at a time, in one
write call straight to the operating system, so a killed run leaves whole lines and at most one
cut-off last line; ``--resume`` cuts that line off and skips the ids already written (records
still in memory when the run was killed are not written, so they are cleaned again). A folder gets ``<id>.txt``
and ``<id>.json`` per article, each written to a temporary file and renamed into place, the
``.json`` last: an article is done when its ``.json`` is there.

`open_outputs` opens them only once that is safe: no output is one of the inputs
(`cleaner.overlap`), and no other run writes to it (`cleaner.lock`).
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .batch import Outcome
from .lock import OutputBusy, OutputLock, configuration
from .model import Article
from .overlap import OutputIsInput, Target, refuse_overlaps
from .write import RecordWriter, encode, json_line_bytes, safe_relative_path, to_record

if TYPE_CHECKING:
    from .engine import Cleaner

_TEMPORARY = ".cleaner-partial"
_ID_PREFIX = b'{"id":'


class OutputError(Exception):
    """The output cannot be opened or resumed; a usage error."""


class WriteFailed(Exception):
    """The output could not be written (a full disk, a file system gone): the run stops there."""


def _write_failed(path: object, error: OSError) -> WriteFailed:
    return WriteFailed(f"cannot write {path}: {error.strerror or error}")


def make_outcome(article: Article, format: str, with_record: bool = False, with_text: bool = False) -> Outcome:
    """Encode in the worker: the JSON line where the output or ``--errors`` needs it, and what a
    ``json`` or ``text`` stream prints."""
    return Outcome(
        id=article.id,
        failed=article.failed,
        removed=_removed_by_plugin(article),
        messages=[_message(article, problem) for problem in article.problems],
        line=json_line_bytes(to_record(article)) if format == "jsonl" or with_record else None,
        encoded=None if format == "jsonl" else encode(article, format),
        text=article.text if with_text else None,
    )


def _removed_by_plugin(article: Article) -> dict[str, int]:
    counts: dict[str, int] = {}
    for block in article.blocks:
        if block.removal is not None:
            counts[block.removal.plugin] = counts.get(block.removal.plugin, 0) + 1
    return counts


def _file_of(source: str) -> str:
    """The file of a source that names a record in it ("a.jsonl:2", "crawl.warc.gz#3")."""
    return _RECORD_SUFFIX.sub("", source)


_RECORD_SUFFIX = re.compile(r"(?::|#)\d+$")


def _message(article: Article, problem) -> str:
    level = "error" if problem.fatal else "warning"
    plugin = f" (plugin {problem.plugin})" if problem.plugin else ""
    where = "" if problem.message.startswith(_file_of(article.source)) else f"{article.source}: "
    return f"cleaner: {level}: {where}{problem.message}{plugin}"


class JsonLinesFile:
    """Appends whole records, `BATCH` per write call; on resume, knows the ids already written."""

    BATCH = 32
    """Records per write call: a write costs as much as cleaning a few articles on slow file systems."""

    def __init__(self, path: str | Path, resume: bool = False, lock: OutputLock | None = None):
        self.path = Path(path)
        self.ids: set[str] = set()
        self._pending: list[bytes] = []
        self._failed = False
        self._lock = lock
        try:
            if resume and self.path.exists():
                self.ids = _written_ids(self.path)
            flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (0 if resume else os.O_TRUNC)
            self._fd = os.open(self.path, flags, 0o666)
        except OSError as error:
            raise OutputError(f"cannot write {path}: {error.strerror or error}") from None

    def done(self, id: str) -> bool:
        return id in self.ids

    def holds_records(self) -> bool:
        return bool(self.ids)

    def write(self, outcome: Outcome) -> None:
        self._pending.append(outcome.line)
        if len(self._pending) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the pending records; after a failed write, nothing more (the last line may be
        cut off, which ``--resume`` removes)."""
        data = memoryview(b"".join(self._pending))
        self._pending.clear()
        if self._failed:
            return
        try:
            while data:
                data = data[os.write(self._fd, data) :]
        except OSError as error:
            self._failed = True
            raise _write_failed(self.path, error) from None

    def close(self) -> None:
        """Flush, close and let go of the lock; closing again does nothing."""
        if self._fd < 0:
            return
        try:
            self.flush()
        finally:
            os.close(self._fd)
            self._fd = -1
            if self._lock is not None:
                self._lock.release()


def _written_ids(path: Path) -> set[str]:
    """Ids of the whole records in a JSON-lines output; a cut-off last line is truncated away."""
    ids: set[str] = set()
    with open(path, "rb+") as stream:
        end = 0
        for number, line in enumerate(stream, start=1):
            if not line.endswith(b"\n"):
                stream.truncate(end)
                break
            end += len(line)
            ids.add(_record_id(line, path, number))
    return ids


def _record_id(line: bytes, path: Path, number: int) -> str:
    try:
        if line.startswith(_ID_PREFIX):
            id, _ = json.JSONDecoder().raw_decode(line[len(_ID_PREFIX) :].lstrip(b" ").decode("utf-8", "surrogatepass"))
        else:
            id = json.loads(line)["id"]
        if isinstance(id, str):
            return id
    except (ValueError, KeyError, TypeError):
        pass
    raise OutputError(f"{path}: line {number} is not a cleaner record; cannot resume into this file")


class Folder:
    """``<id>.txt`` (the clean text) and ``<id>.json`` (the record) per article."""

    def __init__(self, path: str | Path, resume: bool = False, lock: OutputLock | None = None):
        self.root = Path(path)
        self._resume = resume
        self._lock = lock
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            if resume:
                _remove_partial_files(self.root)
        except OSError as error:
            raise OutputError(f"cannot write to folder {path}: {error.strerror or error}") from None

    def _path(self, id: str, suffix: str) -> Path:
        relative = safe_relative_path(id)
        return self.root / relative.with_name(relative.name + suffix)

    def done(self, id: str) -> bool:
        """Only when resuming: a run without ``--resume`` cleans every article again."""
        return self._resume and self._path(id, ".json").exists()

    def holds_records(self) -> bool:
        with os.scandir(self.root) as entries:
            return any(not entry.name.startswith(".") for entry in entries)

    def write(self, outcome: Outcome) -> None:
        self._replace(self._path(outcome.id, ".txt"), (outcome.text or "").encode("utf-8", "surrogatepass"))
        self._replace(self._path(outcome.id, ".json"), outcome.line)

    def _replace(self, path: Path, content: bytes) -> None:
        partial = path.with_name(f".{path.name}{_TEMPORARY}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(content)
            os.replace(partial, path)
        except OSError as error:
            raise _write_failed(path, error) from None

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()


def _remove_partial_files(root: Path) -> None:
    for directory, _, files in os.walk(root):
        for name in files:
            if name.endswith(_TEMPORARY):
                os.unlink(os.path.join(directory, name))


class Stream:
    """Standard output, or a file written whole in the ``json`` or ``text`` format (not resumable)."""

    def __init__(self, format: str, path: str | None = None, lock: OutputLock | None = None):
        self._lock = lock
        try:
            self._stream: TextIO = open(path, "w", encoding="utf-8") if path else sys.stdout
        except OSError as error:
            raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
        self._name = path or "standard output"
        self._closed = False
        self._writer = RecordWriter(self._stream, format)

    def done(self, id: str) -> bool:
        return False

    def write(self, outcome: Outcome) -> None:
        try:
            encoded = outcome.line.decode("utf-8", "surrogatepass") if outcome.encoded is None else outcome.encoded
            self._writer.write_encoded(outcome.id, encoded)
        except BrokenPipeError:
            raise
        except OSError as error:
            self._closed = True
            raise _write_failed(self._name, error) from None

    def close(self) -> None:
        """Finish the output, close it and let go of the lock; closing again does nothing."""
        try:
            if self._closed:
                return
            self._closed = True
            self._writer.close()
            if self._stream is not sys.stdout:
                self._stream.close()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise _write_failed(self._name, error) from None
        finally:
            if self._lock is not None:
                self._lock.release()


def is_folder(output: str) -> bool:
    """``-o`` names a folder if it ends with a slash or is an existing folder."""
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


Output = JsonLinesFile | Folder | Stream


@dataclass
class Outputs:
    """What a run writes: its records, the records of its failed articles, and what the walk of
    an input folder must leave out (the outputs, each by its name and where it is)."""

    records: Output
    errors: JsonLinesFile | None
    written: list[tuple[str, os.stat_result]]


def open_outputs(
    cleaner: Cleaner,
    inputs: Sequence[str],
    output: str | None,
    errors: str | None = None,
    *,
    format: str = "jsonl",
    folder: bool = False,
    resume: bool = False,
    wait: bool = False,
    say: Callable[[str], None] = print,
) -> Outputs:
    """Open the outputs of a run (`output`, standard output if None, and `errors`) once it is
    safe: none of them is one of `inputs` (nothing is touched if one is), and each is locked
    against other runs (`wait`: for as long as another holds it). The configuration is noted
    beside each; with `resume`, `say` hears if the output was written with another.

    Raises `OutputError` with what is wrong.
    """
    targets = [Target(output, Path(output), folder) if output else Target("standard output")]
    if errors:
        targets.append(Target(errors, Path(errors), role="errors file"))
    try:
        refuse_overlaps(inputs, targets)
    except OutputIsInput as error:
        raise OutputError(str(error)) from None
    locks: dict[Target, OutputLock] = {}
    records: Output | None = None
    try:
        for target in sorted(filter(_lockable, targets), key=lambda target: os.path.realpath(target.name)):
            locks[target] = _lock(target, wait, say)
        records = _open_records(targets[0], format, resume, locks.get(targets[0]))
        errors_file = JsonLinesFile(errors, resume=resume, lock=locks.get(targets[-1])) if errors else None
    except OutputError:
        if records is not None:
            records.close()
        for lock in locks.values():
            lock.release(remove=True)
        raise
    noted = configuration(cleaner)
    for target, lock in locks.items():
        warning = lock.record(noted, resume, holds_records=target is targets[0] and resume and records.holds_records())
        if warning:
            say(warning)
    written = [(target.name, status) for target in targets if (status := target.status()) is not None]
    return Outputs(records, errors_file, written)


def _lock(target: Target, wait: bool, say: Callable[[str], None]) -> OutputLock:
    try:
        return OutputLock(target.name, target.folder, wait=wait, say=say)
    except OutputBusy as error:
        raise OutputError(str(error)) from None
    except OSError as error:
        raise OutputError(f"cannot write {target.name}: {error.strerror or error}") from None


def _lockable(target: Target) -> bool:
    """A file or folder, or where one will be: standard output, a device (``/dev/null``) or a pipe
    is no one run's."""
    return target.path is not None and (target.status() is not None or not target.exists())


def _open_records(target: Target, format: str, resume: bool, lock: OutputLock | None) -> Output:
    if target.folder:
        return Folder(target.name, resume=resume, lock=lock)
    if target.path is not None and format == "jsonl":
        return JsonLinesFile(target.name, resume=resume, lock=lock)
    return Stream(format, target.name if target.path is not None else None, lock=lock)
