"""The catalogue of hostile text inputs, built in a folder on demand.

Shared by tests/test_hostile.py, which asserts what each produces, and bench/hostile.py, which
times each through the command line. Every case writes its hostile file(s) next to a good
article, ``good.txt``, which must still come out clean. A case may bring plugins of its own (a
faulty one), written to a folder beside the articles and loaded with ``--plugins-dir``.
"""

from __future__ import annotations

import gzip
import json
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
    plugins: dict[str, str] = field(default_factory=dict)
    """Plugin modules the run loads besides the built-in ones: module name -> source."""


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


def _nested_html(folder: Path) -> None:
    """An article 100,000 elements deep, as a page of unclosed tags can be."""
    depth = 100_000
    page = "<html><body>" + "<div>" * depth + "<p>" + BODY * 3 + "</p>" + "</div>" * depth + "</body></html>\n"
    (folder / "nested.html").write_text(page, encoding="ascii")


def _billion_laughs(folder: Path) -> None:
    """Nine levels of entities, each ten of the one below: &lol9; would expand to 10^9 "lol"s (3 GB)."""
    entities = ['<!ENTITY lol "lol">']
    for level in range(1, 10):
        below = "lol" if level == 1 else f"lol{level - 1}"
        entities.append(f'<!ENTITY lol{level} "{f"&{below};" * 10}">')
    page = (
        '<?xml version="1.0"?>\n<!DOCTYPE html [\n' + "\n".join(entities) + "\n]>\n"
        "<html><head><title>Headline</title></head><body><article>"
        f"<p>{BODY * 3}</p><p>&lol9;</p><p>{BODY * 3}</p></article></body></html>\n"
    )
    (folder / "laughs.html").write_text(page, encoding="ascii")


def _jsonl(*lines: str) -> Callable[[Path], None]:
    return _write("records.jsonl", "".join(line + "\n" for line in lines).encode())


RECORD_TEXT = "The record's body, cleaned although a line of its file is bad."
FIRST_RECORD = json.dumps({"id": "first", "text": f"First headline\n\n{RECORD_TEXT}"})
LAST_RECORD = json.dumps({"id": "last", "text": f"Last headline\n\n{RECORD_TEXT}"})

FAULTY_PLUGINS = {
    "raises": "    raise RuntimeError('bad plugin')\n",
    "loops": "    while True:\n        pass\n",
    "wrongtype": "    return 'not a list of marks'\n",
}


def _faulty_plugin(name: str) -> Case:
    """A plugin that fails on the article ``faulty.txt`` only. That file comes before ``good.txt``,
    so the good article is cleaned after the failure (after the time budget stopped a loop)."""
    source = (
        "import cleaner\n\n\n@cleaner.hookimpl\ndef cleaner_mark_blocks(article):\n"
        "    if article.id != 'faulty':\n        return None\n" + FAULTY_PLUGINS[name]
    )
    return Case(
        f"plugin_{name}",
        _write("faulty.txt", b"Headline\n\nBody sentence.\n"),
        {"limits": {"time_budget_seconds": 1}},
        plugins={name: source},
    )


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
    Case("nested_html", _nested_html),
    Case("billion_laughs", _billion_laughs),
    Case("jsonl_not_json", _jsonl(FIRST_RECORD, '{"id": "cut", "text": "The scraper stopped writ', LAST_RECORD)),
    Case("jsonl_no_text", _jsonl(FIRST_RECORD, json.dumps({"id": "bare", "url": "https://example.com/bare"}), LAST_RECORD)),
    *(_faulty_plugin(name) for name in FAULTY_PLUGINS),
]


def build(case: Case, folder: Path) -> list[str]:
    """Make `folder` with the case's inputs and the good article, and the case's config and plugins
    beside it; return the options of ``cleaner clean`` that use them."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    case.build(folder)
    config = folder.parent / f"{case.name}.yaml"
    lines = [f"{section}:\n" + "".join(f"  {key}: {value}\n" for key, value in values.items()) for section, values in case.config.items()]
    config.write_text("".join(lines) or "{}\n", encoding="utf-8")
    options = ["--config", str(config)]
    if case.plugins:
        plugins = folder.parent / f"{case.name}-plugins"
        plugins.mkdir(exist_ok=True)
        for module, source in case.plugins.items():
            (plugins / f"{module}.py").write_text(source, encoding="utf-8")
        options += ["--plugins-dir", str(plugins)]
    return options
