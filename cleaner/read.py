"""Turns the inputs named on the command line into sources (standard input told apart by its first
bytes), and bytes into text."""

from __future__ import annotations

import codecs
import gzip
import io
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO, TextIO

import chardet

from .model import Document, Problem, Source

STDIN = "-"


@dataclass(slots=True)
class MissingInput:
    """An input that names nothing readable; it becomes a failed record, not a crash."""

    source: Source
    problem: Problem


def iter_sources(
    inputs: Iterable[str | Source | MissingInput], leave_out: Callable[[os.DirEntry], bool] | None = None
) -> Iterator[Source | MissingInput]:
    """Every file named, and every file below every folder named, in a stable order; `leave_out`
    says which entries of a folder are not inputs (the run's own output, `cleaner.overlap.LeaveOut`).
    ``-`` is standard input, its format told from its first bytes; a source already made
    (standard input of a given format, `standard_input`) is taken as it is."""
    for name in inputs:
        if not isinstance(name, str):
            yield name
            continue
        if name == STDIN:
            yield standard_input()
            continue
        path = Path(name)
        if path.is_dir():
            yield from _walk(path, leave_out)
        elif path.is_file():
            yield Source(name=name, path=path)
        elif path.exists() or path.is_symlink():
            yield MissingInput(Source(name=name, path=path), Problem("read", f"{name}: not a regular file or folder"))
        else:
            yield MissingInput(Source(name=name, path=path), Problem("read", f"{name}: no such file or folder"))


INPUT_FORMATS = ("jsonl", "text", "html", "warc")
"""What standard input may hold; a reader takes each (`Source.holds`)."""

_GZIP = b"\x1f\x8b"
_SNIFF_BYTES = 16
"""Bytes past white space that tell the formats apart (a UTF-16 ``WARC/`` takes ten)."""
_HTML_START = re.compile(r"<[a-zA-Z!?/]")


def standard_input(format: str | None = None, stream: BinaryIO | None = None) -> Source | MissingInput:
    """Standard input (or `stream`) as a source of `format`, or of the format its first bytes
    show: JSON lines, an HTML page, a WARC archive or a plain-text article (`sniff_format`).
    Gzip data is unzipped first, as a file's would be."""
    if stream is None:
        stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        return MissingInput(Source(name=STDIN), Problem("read", f"{STDIN}: there is no standard input to read"))
    try:
        with _read_errors("stream"):
            head = _head(stream)
            if head.startswith(_GZIP):
                stream = gzip.GzipFile(fileobj=_replaying(head, stream))
                head = _head(stream)
    except InputError as error:
        return MissingInput(Source(name=STDIN), Problem("read", f"{STDIN}: {error}"))
    return Source(name=STDIN, format=format or sniff_format(head), stream=_replaying(head, stream))


def sniff_format(head: bytes | str) -> str:
    """``jsonl`` for data that starts with ``{``, ``html`` for a tag, ``warc`` for a WARC
    header, else ``text``; a byte-order mark and white space before are passed over."""
    text = head if isinstance(head, str) else _decoded_head(head)
    start = text.lstrip("\ufeff \t\r\n\f")
    if start.startswith("{"):
        return "jsonl"
    if start.startswith("WARC/"):
        return "warc"
    if _HTML_START.match(start):
        return "html"
    return "text"


def is_piped(stream: TextIO | None = None) -> bool:
    """True if standard input (or `stream`) is a pipe, a socket or a file: something sent to be
    read, where a terminal or /dev/null is not."""
    stream = sys.stdin if stream is None else stream
    try:
        mode = os.fstat(stream.fileno()).st_mode
    except (AttributeError, OSError, ValueError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or stat.S_ISREG(mode)


def _head(stream: BinaryIO) -> bytes:
    """The first bytes, as many as come at once, and more only until `_SNIFF_BYTES` that are not
    white space have come (or the end): a slow producer's first record is taken when it comes."""
    read = getattr(stream, "read1", stream.read)
    head = b""
    while len(head) < _MAX_HEAD and len(head.lstrip(_WHITE_SPACE)) < _SNIFF_BYTES and (part := read(1 << 16)):
        head += part
    return head


_WHITE_SPACE = b" \t\r\n\f" + codecs.BOM_UTF8
_MAX_HEAD = 1 << 20


def _decoded_head(head: bytes) -> str:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head.decode(encoding, errors="ignore")
    return head.decode("utf-8", errors="ignore")


def _replaying(head: bytes, stream: BinaryIO) -> io.BufferedReader:
    return io.BufferedReader(_Replaying(head, stream))


class _Replaying(io.RawIOBase):
    """`stream` with the bytes already read from it (`head`) put back in front."""

    def __init__(self, head: bytes, stream: BinaryIO):
        self._head = head
        self._stream = stream
        self._read = getattr(stream, "read1", stream.read)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size], self._head = self._head[:size], self._head[size:]
            return size
        data = self._read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _walk(folder: Path, leave_out: Callable[[os.DirEntry], bool] | None = None) -> Iterator[Source]:
    """Files below `folder`, hidden ones and those `leave_out` names left out; symlinked folders
    are not followed (no loops). As `os.walk` orders them: a folder's files, then each subfolder,
    by name; a folder that cannot be listed is passed over, as `os.walk` does. The walk is written
    out to let `leave_out` look at each entry as the listing has it, without a system call."""
    pending = [os.fspath(folder)]
    while pending:
        try:
            with os.scandir(pending.pop()) as listing:
                entries = sorted((entry for entry in listing if not entry.name.startswith(".")), key=_name)
        except OSError:
            continue
        subfolders = []
        for entry in entries:
            if leave_out is not None and leave_out(entry):
                continue
            if _is_folder(entry):
                if not entry.is_symlink():
                    subfolders.append(entry.path)
                continue
            path = Path(entry.path)
            yield Source(name=str(path), path=path, root=folder)
        pending.extend(reversed(subfolders))


def _name(entry: os.DirEntry) -> str:
    return entry.name


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def unreadable(source: Source, error: OSError) -> Problem:
    """The problem of a file the operating system would not let us read."""
    return Problem("read", f"{source.name}: cannot read: {error.strerror or error}")


class BinaryContent(ValueError):
    pass


class InputError(ValueError):
    """A file that cannot be taken as input; the message says why, for the reader to name the file."""


_FIRST_READ = 1 << 16
"""Bytes read at once: an article file is read whole in one call, a gzip file told by its start."""


def read_bytes_limited(path: str | Path, max_bytes: int) -> bytes:
    """The bytes of a file (gunzipped if it is gzip data), refusing more than `max_bytes`.

    Never blocks on a FIFO or device, and never holds more than `max_bytes` + 1 bytes, however far
    a gzip bomb would expand. Raises `InputError` for what is not a readable regular file, a file
    over the limit, and a truncated or corrupt gzip stream.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}") from None
    try:
        with _read_errors("file"):
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                raise InputError("not a regular file")
            # The first read is a plain system call: it holds a whole article, and tells gzip by its start.
            head = os.read(descriptor, min(_FIRST_READ, max_bytes + 1))
            compressed = head[:2] == b"\x1f\x8b"
            if compressed:
                os.lseek(descriptor, 0, os.SEEK_SET)
                with open(descriptor, "rb", closefd=False) as file, gzip.GzipFile(fileobj=file) as unzipped:
                    data = unzipped.read(max_bytes + 1)
            elif status.st_size > max_bytes:
                raise InputError(_too_large(status.st_size, max_bytes))
            elif len(head) < _FIRST_READ:
                data = head
            else:
                parts = [head]
                remaining = max_bytes + 1 - len(head)
                while remaining > 0 and (part := os.read(descriptor, min(remaining, 1 << 20))):
                    parts.append(part)
                    remaining -= len(part)
                data = b"".join(parts)
    finally:
        os.close(descriptor)
    if len(data) > max_bytes:
        raise InputError(_too_large(None, max_bytes, compressed))
    return data


def read_stream_limited(stream: BinaryIO, max_bytes: int) -> bytes:
    """The bytes of a stream (standard input, gunzipped already if it was gzip), refusing more
    than `max_bytes`; raises `InputError` as `read_bytes_limited` does."""
    with _read_errors("stream"):
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(_too_large(None, max_bytes))
    return data


@contextmanager
def _read_errors(what: str) -> Iterator[None]:
    """What reading raises, as an `InputError` that says what went wrong."""
    try:
        yield
    except EOFError:
        raise InputError(f"truncated gzip {what}: the compressed data ends before its end marker") from None
    except (gzip.BadGzipFile, zlib.error) as error:
        raise InputError(f"not a valid gzip {what}: {error}") from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}") from None


def _too_large(size: int | None, max_bytes: int, compressed: bool = False) -> str:
    what = "decompresses to more" if compressed else f"is {size:,} bytes, more" if size else "is more"
    return f"{what} than the article size limit of {max_bytes:,} bytes (limits.max_article_bytes)"


Decoder = Callable[[bytes], tuple[str, "str | None"]]


def read_one_article(source: Source, media_type: str, decoder: Decoder, max_bytes: int) -> Iterator[Document]:
    """Yields the one article of a file, to be read where it is cleaned (`Document.load`): in a
    batch run, the worker processes share the reading instead of the process that hands out work.
    Standard input is read at once, as no other process can read it.

    `decoder` turns bytes into (text, note). A file that cannot be read within `max_bytes`, that the
    decoder rejects (it raises `BinaryContent`) or that is empty gets a fatal problem naming it; the
    decoder's note becomes a warning.
    """
    document = Document(id=source.default_id(), source=source.name, media_type=media_type)
    if source.stream is not None:
        try:
            _decode_into(document, read_stream_limited(source.stream, max_bytes), decoder)
        except InputError as error:
            document.problems.append(Problem("read", f"{source.name}: {error}"))
    else:
        # The path as a string: a Path pickles as its parts and is parsed again in the worker (3 us).
        document.loader = partial(_read_file, os.fspath(source.path), decoder, max_bytes)
    yield document


def _read_file(path: str, decoder: Decoder, max_bytes: int, document: Document) -> None:
    try:
        data = read_bytes_limited(path, max_bytes)
    except InputError as error:
        document.problems.append(Problem("read", f"{document.source}: {error}"))
        return
    _decode_into(document, data, decoder)


def _decode_into(document: Document, data: bytes, decoder: Decoder) -> None:
    try:
        document.content, note = decoder(data)
    except BinaryContent as error:
        document.problems.append(Problem("read", f"{document.source}: {error}"))
        return
    if note:
        document.problems.append(Problem("read", f"{document.source}: {note}", fatal=False))
    if not document.content.strip():
        what = "nothing on standard input" if document.source == STDIN else "empty file"
        document.problems.append(Problem("read", f"{document.source}: {what}, no article in it"))


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


BINARY_SHARE = 0.10
"""Past this share of control characters and U+FFFD among its characters, a file is binary.

Random bytes come to about half as UTF-8, and to 11% even in an 8-bit code page that has a
character for every byte (28 of the 255 byte values other than NUL are controls); only a file of
a few dozen random bytes can come in under it by chance. Text comes to next to none: an article
in an 8-bit code page is decoded in one, and one in UTF-8 with a few broken bytes as UTF-8 (see
`_decode_text`), so only the broken bytes count.
"""

_SAMPLE = 65536
"""Characters counted: enough to tell, and the cost stays small however large the file."""

_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
"""Control characters (C0, DEL, C1) other than tab, newline, form feed and carriage return; and
U+FFFD, which decoding puts where bytes were not text in the encoding."""


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode scraped bytes; return the text and, if it was not plain UTF-8, a note saying how.

    Raises `BinaryContent` for data that is not text at all: NUL bytes near the start, or, decoded
    as well as it can be, more than `BINARY_SHARE` control characters and undecodable bytes.
    """
    text, note, plain_utf8 = _decode_text(data)
    share = _control_byte_share(data) if plain_utf8 else _not_text_share(text)
    if share > BINARY_SHARE:
        raise BinaryContent(f"binary file ({share:.0%} control characters or undecodable bytes), not text")
    return text, note


def _control_byte_share(data: bytes) -> float:
    """`_not_text_share` of valid UTF-8, counted on its bytes in C (most articles; Python's regular
    expressions took 25 us over a 4 KB article): C0 controls and DEL are single bytes in UTF-8, and
    U+FFFD is three. C1 controls are left out: valid UTF-8 that is binary holds C0 controls too."""
    sample = data[:_SAMPLE]
    if not sample:
        return 0.0
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return (controls + sample.count(b"\xef\xbf\xbd")) / len(sample)


_CONTROL_BYTES = bytes(byte for byte in (*range(0x20), 0x7F) if byte not in b"\t\n\r\f")


def _not_text_share(text: str) -> float:
    sample = text[:_SAMPLE]
    return len(_NOT_TEXT.findall(sample)) / len(sample) if sample else 0.0


def _decode_text(data: bytes) -> tuple[str, str | None, bool]:
    """UTF-8; else UTF-8 with replacements, if most of its non-ASCII characters decode (a few broken
    bytes in UTF-8 text); else chardet's guess, with replacements if it leaves fewer than UTF-8.
    The flag says the bytes were plain UTF-8 (no byte-order mark, nothing replaced)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), None, False
            except UnicodeDecodeError:
                return data.decode(encoding, errors="replace"), f"invalid {encoding} after its byte-order mark; undecodable bytes replaced with U+FFFD", False
    if b"\x00" in data[:8192]:
        raise BinaryContent("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), None, True
    except UnicodeDecodeError as error:
        position = error.start
    as_utf8 = data.decode("utf-8", errors="replace")
    replaced = as_utf8.count("\ufffd") - data.count("\ufffd".encode())
    decoded_non_ascii = _non_ascii(as_utf8) - replaced
    replaced_note = f"not valid UTF-8 (byte {position}); undecodable bytes replaced with U+FFFD"
    if decoded_non_ascii > replaced:
        return as_utf8, replaced_note, False
    guess = chardet.detect(data[:65536]).get("encoding")
    guess = _AS_BROWSERS_READ.get(guess.lower(), guess) if guess else None
    if guess and guess.lower().replace("_", "-") not in ("utf-8", "ascii"):
        guess_note = f"not valid UTF-8 (byte {position}); decoded as {guess}, detected by chardet"
        try:
            return data.decode(guess), guess_note, False
        except UnicodeDecodeError:
            as_guess = data.decode(guess, errors="replace")
            if as_guess.count("\ufffd") < as_utf8.count("\ufffd"):
                return as_guess, f"{guess_note}; undecodable bytes replaced with U+FFFD", False
        except LookupError:
            pass
    return as_utf8, replaced_note, False


_AS_BROWSERS_READ = {"iso-8859-1": "windows-1252", "latin-1": "windows-1252"}
"""Text called ISO-8859-1 is read as windows-1252, as browsers do (the WHATWG Encoding Standard):
the two differ only in 0x80-0x9F, where ISO-8859-1 has invisible controls and windows-1252 the
curly quotes and dashes that scraped text is full of."""


def _non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", errors="ignore"))
