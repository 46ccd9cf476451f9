"""Bounded reading of input files: size limits, gzip bombs and truncated gzip, non-regular files;
standard input told apart by its first bytes."""

import codecs
import gzip
import io
import os

import pytest

from cleaner.read import (
    MissingInput,
    InputError,
    is_piped,
    read_bytes_limited,
    read_stream_limited,
    sniff_format,
    standard_input,
)


def test_plain_and_gzipped_files_within_the_limit(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"hello")
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(b"hello"))
    assert read_bytes_limited(tmp_path / "a.txt", 5) == b"hello"
    assert read_bytes_limited(tmp_path / "a.txt.gz", 5) == b"hello"


def test_a_file_over_the_limit_is_refused_with_its_size(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"x" * 11)
    with pytest.raises(InputError, match=r"is 11 bytes, more than the article size limit of 10 bytes"):
        read_bytes_limited(tmp_path / "a.txt", 10)


def test_a_gzip_bomb_is_stopped_at_the_limit(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    with gzip.open(path, "wb", compresslevel=9) as bomb:
        chunk = b"\0" * (1 << 20)
        for _ in range(200):
            bomb.write(chunk)
    assert path.stat().st_size < 1 << 20, "200 MB of zeros compresses to a few hundred KB"
    with pytest.raises(InputError, match="decompresses to more than the article size limit of 1,000,000 bytes"):
        read_bytes_limited(path, 1_000_000)


def test_truncated_gzip_is_said_to_be_truncated(tmp_path):
    whole = gzip.compress(b"Headline\n\nA body paragraph. " * 100)
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(InputError, match="truncated gzip file"):
        read_bytes_limited(path, 1_000_000)


def test_compression_is_told_by_content_not_by_name(tmp_path):
    named_gz = tmp_path / "plain.txt.gz"
    named_gz.write_bytes(b"plain text, not gzip")
    assert read_bytes_limited(named_gz, 1_000_000) == b"plain text, not gzip"
    unnamed = tmp_path / "page.html"
    unnamed.write_bytes(gzip.compress(b"<p>gzipped page</p>"))
    assert read_bytes_limited(unnamed, 1_000_000) == b"<p>gzipped page</p>"


def test_a_corrupt_gzip_stream_is_an_error(tmp_path):
    path = tmp_path / "corrupt.txt.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00" + b"not deflate data at all" * 4)
    with pytest.raises(InputError, match="not a valid gzip file|truncated gzip"):
        read_bytes_limited(path, 1_000_000)


def test_a_fifo_is_refused_without_blocking(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    with pytest.raises(InputError, match="not a regular file"):
        read_bytes_limited(path, 1_000)


@pytest.mark.parametrize("make", ["dangling", "loop", "directory"])
def test_what_cannot_be_opened_as_a_file_is_an_input_error(tmp_path, make):
    path = tmp_path / "x.txt"
    if make == "dangling":
        path.symlink_to(tmp_path / "absent")
    elif make == "loop":
        path.symlink_to(path)
    else:
        path.mkdir()
    with pytest.raises(InputError, match="cannot read|not a regular file"):
        read_bytes_limited(path, 1_000)


@pytest.mark.parametrize(
    "head, format",
    [
        ('{"id": "a", "text": "Headline"}\n', "jsonl"),
        ('\ufeff\n\n  {"text": "after a byte-order mark and blank lines"}', "jsonl"),
        ("<!DOCTYPE html><html><body>", "html"),
        ("<html lang='en'>", "html"),
        ("\n  <!-- saved page -->\n<html>", "html"),
        ("<?xml version='1.0'?><html>", "html"),
        ("<p>A paragraph</p>", "html"),
        ("WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        ("Were liberating Russia Putin on brink\n\nDaring attacks ...", "text"),
        ("[VIDEO] A headline tagged as video\n\nBody.", "text"),
        ("<3 from the newsroom: a text article that starts with a heart", "text"),
        ("", "text"),
    ],
)
def test_the_format_is_told_from_the_first_bytes(head, format):
    assert sniff_format(head) == format
    assert sniff_format(head.encode("utf-8")) == format


def test_a_utf16_page_is_told_by_its_byte_order_mark():
    assert sniff_format(codecs.BOM_UTF16_LE + "<html><body>".encode("utf-16-le")) == "html"


def test_standard_input_gives_back_every_byte_it_read_to_tell_the_format():
    data = b'{"text": "first"}\n' + b"x" * 200_000 + b"\n"
    source = standard_input(stream=io.BytesIO(data))
    assert source.format == "jsonl"
    assert source.stream.read() == data


def test_gzip_on_standard_input_is_unzipped_then_told_apart():
    page = b"<html><body><p>A page</p></body></html>"
    source = standard_input(stream=io.BytesIO(gzip.compress(page)))
    assert (source.format, source.stream.read()) == ("html", page)


def test_a_format_given_is_taken_as_it_is():
    source = standard_input("text", stream=io.BytesIO(b"<b>Headline</b>\n\nBody."))
    assert source.format == "text"


def test_corrupt_gzip_on_standard_input_is_an_error_naming_it():
    missing = standard_input(stream=io.BytesIO(b"\x1f\x8b\x08\x00not gzip at all"))
    assert isinstance(missing, MissingInput)
    assert missing.problem.message.startswith("-: ") and "gzip" in missing.problem.message


class _Trickle(io.RawIOBase):
    """A producer that has written its first record and will write no more for now."""

    def __init__(self, first):
        self.chunks = [first]

    def readable(self):
        return True

    def read1(self, size=-1):
        assert self.chunks, "read past the first record: the producer would block here"
        return self.chunks.pop(0)


def test_standard_input_is_told_apart_without_waiting_for_more_than_it_needs():
    first = b'{"id": "1", "text": "A slow producer\'s first record."}\n'
    source = standard_input(stream=_Trickle(first))
    assert source.format == "jsonl"
    assert source.stream.readline() == first


def test_a_stream_over_the_limit_is_refused():
    assert read_stream_limited(io.BytesIO(b"x" * 10), 10) == b"x" * 10
    with pytest.raises(InputError, match="is more than the article size limit of 10 bytes"):
        read_stream_limited(io.BytesIO(b"x" * 11), 10)


def test_pipes_and_files_are_piped_but_not_dev_null(tmp_path):
    reading, writing = os.pipe()
    with os.fdopen(reading) as pipe, os.fdopen(writing, "w"):
        assert is_piped(pipe)
    (tmp_path / "a.txt").write_text("x")
    with (tmp_path / "a.txt").open() as file:
        assert is_piped(file)
    with open(os.devnull) as devnull:
        assert not is_piped(devnull)
    assert not is_piped(io.StringIO("no file descriptor"))
