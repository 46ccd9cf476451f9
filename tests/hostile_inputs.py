"""The catalogue of hostile text inputs, built in a folder on demand.

Shared by tests/test_hostile.py, which asserts what each produces, and bench/hostile.py, which
times each through the command line. Every case writes its hostile file(s) next to a good
article, ``good.txt``, which must still come out clean.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GOOD_ARTICLE = "A good headline\n\nThe body of the good article, one sentence.\n"
GOOD_TEXT = "The body of the good article, one sentence."
BODY = "Officials said on Monday that the bridge would reopen next month after repairs.\n"


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], None]
    config: dict[str, Any] = field(default_factory=dict)


def _write(name: str, data: bytes) -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_bytes(data)


def _nul_inside(folder: Path) -> None:
    (folder / "nul_inside.txt").write_bytes(b"Headline\n\n" + BODY.encode() * 200 + b"Before\x00after.\n")


def _line_50mb(folder: Path) -> None:
    with open(folder / "line_50mb.txt", "w", encoding="ascii") as file:
        file.write("Headline\n\n")
        for _ in range(50):
            file.write("word " * 200_000)
        file.write("\n")


def _million_lines(folder: Path) -> None:
    lines = ["Photo: AP", "Related", "Advertisement", "Short line", "He said it was fine.", "x"]
    with open(folder / "million_lines.txt", "w", encoding="ascii") as file:
        file.write("Headline\n\n")
        file.writelines(f"{lines[number % len(lines)]}\n" for number in range(1_000_000))


def _spaces_between_words(folder: Path) -> None:
    (folder / "spaces.txt").write_text("Headline\n\nRead" + " " * 1_000_000 + "more\n", encoding="ascii")


def _gzip_bomb(folder: Path) -> None:
    """1 GiB of text in a file of about 1 MB: one gzip member of 16 MiB, repeated 64 times."""
    member = gzip.compress(b"A" * (16 << 20), compresslevel=9)
    with open(folder / "bomb.txt.gz", "wb") as bomb:
        for _ in range(64):
            bomb.write(member)


def _truncated_gzip(folder: Path) -> None:
    whole = gzip.compress((BODY * 2000).encode())
    (folder / "truncated.txt.gz").write_bytes(whole[: len(whole) // 2])


def _symlink_loops(folder: Path) -> None:
    (folder / "loop").symlink_to(".")
    (folder / "self.txt").symlink_to("self.txt")


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "pipe.txt")


def _unreadable(folder: Path) -> None:
    """A file whose read fails. chmod 000 stops everyone but root (as CI runs); for root, the file
    is a link to /proc/self/mem, which opens as a regular file and fails to read (EIO) for anyone."""
    path = folder / "unreadable.txt"
    if os.geteuid() == 0:
        path.symlink_to("/proc/self/mem")
        return
    path.write_text("Headline\n\n" + BODY)
    path.chmod(0)


CASES = [
    Case("invalid_utf8", _write("invalid_utf8.txt", b"Headline\n\nCaf\xe9 \xff\xfe broken \x80 bytes, then text.\n")),
    Case("utf16_bom", _write("utf16_bom.txt", ("Headline\n\n" + BODY).encode("utf-16"))),
    Case("nul_start", _write("nul_start.txt", b"\x00\x00Headline\n\nBody.\n")),
    Case("nul_inside", _nul_inside),
    Case("line_50mb", _line_50mb),
    Case("line_50mb_allowed", _line_50mb, {"limits": {"max_article_bytes": 64_000_000, "time_budget_seconds": 0}}),
    Case("million_lines", _million_lines),
    Case("million_lines_allowed", _million_lines, {"limits": {"max_article_blocks": 2_000_000, "time_budget_seconds": 5}}),
    Case("spaces_between_words", _spaces_between_words),
    Case("empty", _write("empty.txt", b"")),
    Case("symlink_loops", _symlink_loops),
    Case("fifo", _fifo),
    Case("unreadable", _unreadable),
    Case("gzip_bomb", _gzip_bomb),
    Case("truncated_gzip", _truncated_gzip),
]


def build(case: Case, folder: Path) -> Path:
    """Make `folder` with the case's inputs and the good article; return the config file to use."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    case.build(folder)
    config = folder.parent / f"{case.name}.yaml"
    lines = [f"{section}:\n" + "".join(f"  {key}: {value}\n" for key, value in values.items()) for section, values in case.config.items()]
    config.write_text("".join(lines) or "{}\n", encoding="utf-8")
    return config
