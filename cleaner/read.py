"""Turns the inputs named on the command line into sources, and bytes into text."""

from __future__ import annotations

import codecs
import gzip
import os
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import chardet

from .model import Document, Problem, Source

STDIN = "-"


@dataclass(slots=True)
class MissingInput:
    """An input that names nothing readable; it becomes a failed record, not a crash."""

    source: Source
    problem: Problem


def iter_sources(inputs: Iterable[str]) -> Iterator[Source | MissingInput]:
    """Every file named, and every file below every folder named, in a stable order."""
    for name in inputs:
        if name == STDIN:
            yield Source(name=STDIN)
            continue
        path = Path(name)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield Source(name=name, path=path)
        elif path.exists() or path.is_symlink():
            yield MissingInput(Source(name=name, path=path), Problem("read", f"{name}: not a regular file or folder"))
        else:
            yield MissingInput(Source(name=name, path=path), Problem("read", f"{name}: no such file or folder"))


def _walk(folder: Path) -> Iterator[Source]:
    """Files below `folder`, hidden ones left out; symlinked folders are not followed (no loops)."""
    for directory, subdirs, files in os.walk(folder):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for file_name in sorted(files):
            if not file_name.startswith("."):
                path = Path(directory, file_name)
                yield Source(name=str(path), path=path, root=folder)


def unreadable(source: Source, error: OSError) -> Problem:
    """The problem of a file the operating system would not let us read."""
    return Problem("read", f"{source.name}: cannot read: {error.strerror or error}")


class BinaryContent(ValueError):
    pass


class InputError(ValueError):
    """A file that cannot be taken as input; the message says why, for the reader to name the file."""


_FIRST_READ = 1 << 16
"""Bytes read at once: an article file is read whole in one call, a gzip file told by its start."""


def read_bytes_limited(path: Path, max_bytes: int) -> bytes:
    """The bytes of a file (gunzipped if it is gzip data), refusing more than `max_bytes`.

    Never blocks on a FIFO or device, and never holds more than `max_bytes` + 1 bytes, however far
    a gzip bomb would expand. Raises `InputError` for what is not a readable regular file, a file
    over the limit, and a truncated or corrupt gzip stream.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}") from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        raise InputError("not a regular file")
    with open(descriptor, "rb") as file:
        try:
            head = file.read(min(_FIRST_READ, max_bytes + 1))
            compressed = head[:2] == b"\x1f\x8b"
            if compressed:
                file.seek(0)
                with gzip.GzipFile(fileobj=file) as unzipped:
                    data = unzipped.read(max_bytes + 1)
            elif status.st_size > max_bytes:
                raise InputError(_too_large(status.st_size, max_bytes))
            elif len(head) < _FIRST_READ:
                data = head
            else:
                data = head + file.read(max_bytes + 1 - len(head))
        except EOFError:
            raise InputError("truncated gzip file: the compressed data ends before its end marker") from None
        except (gzip.BadGzipFile, zlib.error) as error:
            raise InputError(f"not a valid gzip file: {error}") from None
        except OSError as error:
            raise InputError(f"cannot read: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise InputError(_too_large(None, max_bytes, compressed))
    return data


def _too_large(size: int | None, max_bytes: int, compressed: bool = False) -> str:
    what = "decompresses to more" if compressed else f"is {size:,} bytes, more" if size else "is more"
    return f"{what} than the article size limit of {max_bytes:,} bytes (limits.max_article_bytes)"


Decoder = Callable[[bytes], tuple[str, "str | None"]]


def read_one_article(source: Source, media_type: str, decoder: Decoder, max_bytes: int) -> Iterator[Document]:
    """Yields the one article of a file, read (only when asked for) and decoded by `decoder`.

    `decoder` turns bytes into (text, note). A file that cannot be read within `max_bytes`, that the
    decoder rejects (it raises `BinaryContent`) or that is empty gets a fatal problem naming it; the
    decoder's note becomes a warning.
    """
    yield _read_document(source, media_type, decoder, max_bytes)


def _read_document(source: Source, media_type: str, decoder: Decoder, max_bytes: int) -> Document:
    document = Document(id=source.default_id(), source=source.name, media_type=media_type)
    try:
        data = read_bytes_limited(source.path, max_bytes)
    except InputError as error:
        document.problems.append(Problem("read", f"{source.name}: {error}"))
        return document
    try:
        document.content, note = decoder(data)
    except BinaryContent as error:
        document.problems.append(Problem("read", f"{source.name}: {error}"))
        return document
    if note:
        document.problems.append(Problem("read", f"{source.name}: {note}", fatal=False))
    if not document.content.strip():
        document.problems.append(Problem("read", f"{source.name}: empty file, no article in it"))
    return document


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode scraped bytes; return the text and, if it was not plain UTF-8, a note saying how.

    Raises `BinaryContent` for data that is not text at all.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError:
                return data.decode(encoding, errors="replace"), f"invalid {encoding} after its byte-order mark; undecodable bytes replaced with U+FFFD"
    if b"\x00" in data[:8192]:
        raise BinaryContent("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        position = error.start
    guess = chardet.detect(data[:65536]).get("encoding")
    if guess and guess.lower().replace("_", "-") not in ("utf-8", "ascii"):
        try:
            return data.decode(guess), f"not valid UTF-8 (byte {position}); decoded as {guess}, detected by chardet"
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("utf-8", errors="replace"), (
        f"not valid UTF-8 (byte {position}); undecodable bytes replaced with U+FFFD"
    )
