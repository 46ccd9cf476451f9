"""Bounded reading of input files: size limits, gzip bombs and truncated gzip, non-regular files."""

import gzip
import os

import pytest

from cleaner.read import InputError, read_bytes_limited


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
