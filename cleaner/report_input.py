"""The records ``cleaner report`` reads: read once as a stream, and the few it shows read again by position.

A file of JSON lines is read as it is, a record's position being the byte offset of its line.
A JSON array (``cleaner clean --format json``) is parsed item by item with ijson and each record is
copied, as one JSON line, to a temporary file that positions then point into; standard input
(``-``) is first copied to a temporary file, as it cannot be read twice. Either way memory holds
one record at a time, whatever the number of records; the temporary files are deleted on close.

A line or item that is not a record is a problem named by its line or record number; reading goes
on past it (an array cannot be resynchronised after a syntax error, so that one ends the array).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

import ijson
import orjson

from .write import json_line_bytes

PROBLEMS_KEPT = 100
"""Problems kept word for word; past that they are only counted (a file of a million bad lines
must not make a page or a memory of a million messages)."""


class Problems:
    """What was wrong with the input: the first `PROBLEMS_KEPT` messages, and how many in all."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.count = 0

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.messages) < PROBLEMS_KEPT:
            self.messages.append(message)

    @property
    def not_kept(self) -> int:
        return self.count - len(self.messages)


class RecordSource:
    """The records of `path` (``-`` for standard input), in order, with their positions."""

    def __init__(self, path: str, stdin: IO[bytes] | None = None):
        self.name = "standard input" if path == "-" else path
        self._spools: list[IO[bytes]] = []
        if path == "-":
            self._file = self._spool()
            shutil.copyfileobj(stdin or sys.stdin.buffer, self._file, 1 << 20)
            self._file.seek(0)
        else:
            self._file = open(path, "rb")
        self._lines = self._file

    def records(self, problems: Problems) -> Iterator[tuple[int, dict[str, Any]]]:
        """Every record with its position; what is not a record goes to `problems`."""
        if self._first_byte() == b"[":
            self._lines = self._spool()
            return self._array_records(problems)
        self._file.seek(0)
        return self._line_records(self._file, problems)

    def read_at(self, positions: Iterable[int]) -> dict[int, dict[str, Any]]:
        """The records at these positions (from `records`), read again."""
        found = {}
        for position in sorted(set(positions)):
            self._lines.seek(position)
            found[position] = parse_line(self._lines.readline())
        return found

    def reread(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """Every record again, in order (for a page that shows them all)."""
        self._lines.seek(0)
        return self._line_records(self._lines, Problems())

    def close(self) -> None:
        self._file.close()
        for spool in self._spools:
            spool.close()

    def __enter__(self) -> RecordSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _spool(self) -> IO[bytes]:
        spool = tempfile.TemporaryFile(prefix="cleaner-report-")
        self._spools.append(spool)
        return spool

    def _first_byte(self) -> bytes:
        self._file.seek(0)
        while chunk := self._file.read(1 << 16):
            stripped = chunk.lstrip()
            if stripped:
                return stripped[:1]
        return b""

    def _line_records(self, lines: IO[bytes], problems: Problems) -> Iterator[tuple[int, dict[str, Any]]]:
        position = lines.tell()
        for number, line in enumerate(lines, start=1):
            start, position = position, position + len(line)
            if not line.strip():
                continue
            try:
                item = parse_line(line)
            except ValueError as error:
                problems.add(f"{self.name}: line {number}: not valid JSON: {error}")
                continue
            if is_record(item):
                yield start, item
            else:
                problems.add(f"{self.name}: line {number}: {NOT_A_RECORD}")

    def _array_records(self, problems: Problems) -> Iterator[tuple[int, dict[str, Any]]]:
        self._file.seek(0)
        number = 0
        try:
            for number, item in enumerate(ijson.items(self._file, "item", use_float=True), start=1):
                if not is_record(item):
                    problems.add(f"{self.name}: record {number}: {NOT_A_RECORD}")
                    continue
                start = self._lines.tell()
                self._lines.write(json_line_bytes(item))
                yield start, item
        except ijson.JSONError as error:
            problems.add(f"{self.name}: record {number + 1}: not valid JSON: {error}")
        self._lines.flush()


NOT_A_RECORD = "not a cleaner record (expected an object with 'removed')"


def is_record(item: Any) -> bool:
    return isinstance(item, dict) and isinstance(item.get("removed", []), list)


def parse_line(line: bytes) -> Any:
    """One JSON line by orjson; a line orjson refuses may still be what ``cleaner clean`` wrote for
    a record holding a lone surrogate (its UTF-8-style bytes), which the standard library reads."""
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError as error:
        try:
            return json.loads(line.decode("utf-8", "surrogatepass"))
        except UnicodeDecodeError:
            raise ValueError("not UTF-8") from None
        except ValueError:
            raise ValueError(str(error)) from None


def text_of(value: Any) -> str:
    """A record's field as text: records are input, and a field may hold anything."""
    return value if isinstance(value, str) else "" if value is None else str(value)


def entries(record: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The objects of a record's list field (``removed``, ``errors``); anything else there is skipped."""
    items = record.get(key)
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []
