"""Where a batch run's records go, written so that a run killed at any moment leaves whole records.

A JSON-lines file is opened for appending and records go out whole, a few at a time, in one
write call straight to the operating system, so a killed run leaves whole lines and at most one
cut-off last line; ``--resume`` cuts that line off and skips the ids already written (records
still in memory when the run was killed are not written, so they are cleaned again). A folder gets ``<id>.txt``
and ``<id>.json`` per article, each written to a temporary file and renamed into place, the
``.json`` last: an article is done when its ``.json`` is there.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import TextIO

from .batch import Outcome
from .model import Article
from .write import RecordWriter, encode, json_line_bytes, safe_relative_path, to_record

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

    def __init__(self, path: str | Path, resume: bool = False):
        self.path = Path(path)
        self.ids: set[str] = set()
        self._pending: list[bytes] = []
        self._failed = False
        try:
            if resume and self.path.exists():
                self.ids = _written_ids(self.path)
            flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (0 if resume else os.O_TRUNC)
            self._fd = os.open(self.path, flags, 0o666)
        except OSError as error:
            raise OutputError(f"cannot write {path}: {error.strerror or error}") from None

    def done(self, id: str) -> bool:
        return id in self.ids

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
        """Flush and close; closing again does nothing."""
        if self._fd < 0:
            return
        try:
            self.flush()
        finally:
            os.close(self._fd)
            self._fd = -1


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

    def __init__(self, path: str | Path, resume: bool = False):
        self.root = Path(path)
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
        return self._path(id, ".json").exists()

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
        pass


def _remove_partial_files(root: Path) -> None:
    for directory, _, files in os.walk(root):
        for name in files:
            if name.endswith(_TEMPORARY):
                os.unlink(os.path.join(directory, name))


class Stream:
    """Standard output, or a file written whole in the ``json`` or ``text`` format (not resumable)."""

    def __init__(self, format: str, path: str | None = None):
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
        """Finish the output and close it; closing again does nothing."""
        if self._closed:
            return
        self._closed = True
        try:
            self._writer.close()
            if self._stream is not sys.stdout:
                self._stream.close()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise _write_failed(self._name, error) from None


def is_folder(output: str) -> bool:
    """``-o`` names a folder if it ends with a slash or is an existing folder."""
    return output.endswith(("/", os.sep)) or Path(output).is_dir()
