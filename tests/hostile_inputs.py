"""The catalogue of hostile inputs, built in a folder on demand, and of command lines that
would destroy or double data.

Shared by tests/test_hostile.py, which asserts what each produces, and bench/hostile.py, which
times each through the command line. Every case (`CASES`) writes its hostile file(s) next to a
good article, ``good.txt``, which must still come out clean. A case may bring plugins of its own
(a faulty one), written to a folder beside the articles and loaded with ``--plugins-dir``, and
options of its own (``--workers 2``, for a plugin that kills or stops its worker process).

Every misuse (`MISUSES`) is a command line a user may get wrong (an output that is an input, two
runs on one output, a rules file from someone else), played in fresh processes by its `play`.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
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
    options: tuple[str, ...] = ()
    """Options of ``cleaner clean`` the case needs besides its config and plugins."""


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


def _entity_runs(folder: Path) -> None:
    (folder / "entities.txt").write_text(
        "Headline\n\nDon&#8217;t miss" + "&hellip;" * 200_000 + "\n\n" + "&amp;" * 200_000 + "\n", encoding="ascii"
    )


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


IN_A_WORKER = "multiprocessing.parent_process() is not None and article.id == 'faulty'"
"""Whether a plugin runs in a worker process on the faulty article: it never harms the main process."""

WORKER_FAULTS = {
    "worker_killed": "    os.kill(os.getpid(), signal.SIGKILL)\n",
    "worker_stuck_in_compiled_code": "    hashlib.pbkdf2_hmac('sha256', b'key', b'salt', 2**31 - 1)\n",
}
"""A crash in a compiled library (or the out-of-memory killer), and a call into C that does not come
back to Python, where the time budget is handled: the run kills the worker at 4 x 0.5 + 1 s (a
budget short enough to keep the case quick, long enough that a loaded machine does not make an
ordinary article look stuck)."""

FILLERS = 150
"""Articles beside the faulty one, so that the run has enough chunks to use its worker processes."""


def _worker_fault(name: str) -> Case:
    source = (
        "import hashlib\nimport multiprocessing\nimport os\nimport signal\n\nimport cleaner\n\n\n"
        f"@cleaner.hookimpl\ndef cleaner_mark_blocks(article):\n    if not ({IN_A_WORKER}):\n        return None\n"
        + WORKER_FAULTS[name]
    )

    def build(folder: Path) -> None:
        (folder / "faulty.txt").write_bytes(b"Headline\n\nBody sentence.\n")
        for number in range(FILLERS):
            (folder / f"filler{number:03d}.txt").write_text(f"Filler {number}\n\nFiller body {number}.\n", encoding="ascii")

    return Case(name, build, {"limits": {"time_budget_seconds": 0.5}}, plugins={"fault": source}, options=("--workers", "2"))


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
    Case("entity_runs", _entity_runs),
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
    *(_worker_fault(name) for name in WORKER_FAULTS),
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
    return options + list(case.options)


CLEANER = [sys.executable, "-m", "cleaner.cli"]


@dataclass
class Played:
    """What a misuse did: the exit status and standard error of the run it is about, and what
    became of the data."""

    status: int
    stderr: str
    intact: bool | None = None
    """Whether the input is byte for byte as it was (None: the misuse touches no input)."""
    records: list[list[dict]] = field(default_factory=list)
    """The output's records after each run."""
    marked: bool | None = None
    """Whether a plugin a rules file named was imported (None: no rules file)."""

    def describe(self) -> str:
        """In a few words, for the benchmark's table."""
        said = next((line.removeprefix("cleaner: ") for line in self.stderr.splitlines() if line), "nothing")
        parts = [said[:110] + ("..." if len(said) > 110 else "")]
        if self.intact is not None:
            parts.append("input intact" if self.intact else "INPUT CHANGED")
        if self.records:
            ids = [[record["id"] for record in run] for run in self.records]
            parts.append("records per run: " + ", ".join(str(len(run)) for run in ids))
            parts.append("each id once" if all(len(run) == len(set(run)) for run in ids) else "IDS REPEATED")
        if self.marked is not None:
            parts.append("PLUGIN IMPORTED" if self.marked else "no plugin imported")
        return "; ".join(parts)


@dataclass(frozen=True)
class Misuse:
    name: str
    play: Callable[[Path], Played]


def _cleaner(*arguments: object, cwd: Path, **options: Any) -> subprocess.CompletedProcess:
    return subprocess.run([*CLEANER, *map(str, arguments)], cwd=cwd, capture_output=True, text=True, timeout=300, **options)


def _records_file(path: Path, count: int) -> bytes:
    """`count` JSON-lines records of an article as long as the seed (4 KB), r0, r1, ..."""
    paragraph = " ".join(BODY.split()) + " "
    path.write_text(
        "".join(json.dumps({"id": f"r{n}", "text": f"Headline {n}\n\n{paragraph * 50}{n}."}) + "\n" for n in range(count)),
        encoding="utf-8",
    )
    return path.read_bytes()


def _records_of(path: Path) -> list[dict]:
    if path.is_dir():
        return [json.loads(record.read_text(encoding="utf-8")) for record in sorted(path.rglob("*.json"))]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _output_is_input(workdir: Path) -> Played:
    """`cleaner clean b.jsonl -o b.jsonl`: opening the output would empty the input."""
    data = _records_file(workdir / "b.jsonl", 100)
    run = _cleaner("clean", "b.jsonl", "-o", "b.jsonl", cwd=workdir)
    return Played(run.returncode, run.stderr, (workdir / "b.jsonl").read_bytes() == data)


def _output_is_a_link_to_input(workdir: Path) -> Played:
    """`cleaner clean c.jsonl -o link.jsonl`, link.jsonl a symlink to c.jsonl."""
    data = _records_file(workdir / "c.jsonl", 100)
    (workdir / "link.jsonl").symlink_to("c.jsonl")
    run = _cleaner("clean", "c.jsonl", "-o", "link.jsonl", cwd=workdir)
    return Played(run.returncode, run.stderr, (workdir / "c.jsonl").read_bytes() == data)


def _output_is_piped_input(workdir: Path) -> Played:
    """`cat d.jsonl | cleaner clean - -o d.jsonl`: cat is still reading d.jsonl (400 KB, far more
    than a pipe holds) when cleaner would open it."""
    data = _records_file(workdir / "d.jsonl", 100)
    cat = subprocess.Popen(["cat", "d.jsonl"], cwd=workdir, stdout=subprocess.PIPE)
    run = _cleaner("clean", "-", "-o", "d.jsonl", cwd=workdir, stdin=cat.stdout)
    cat.stdout.close()
    cat.wait()
    return Played(run.returncode, run.stderr, (workdir / "d.jsonl").read_bytes() == data)


def _output_inside_input_folder(workdir: Path) -> Played:
    """`cleaner clean rel/ -o rel/out/`, twice: the second run must not read the first one's output."""
    (workdir / "rel").mkdir()
    for name in ("first", "second"):
        (workdir / "rel" / f"{name}.txt").write_text(f"Headline {name}\n\n{BODY}", encoding="utf-8")
    runs, records = [], []
    for _ in range(2):
        runs.append(_cleaner("clean", "rel/", "-o", "rel/out/", "-q", cwd=workdir))
        records.append(_records_of(workdir / "rel" / "out"))
    return Played(runs[1].returncode, runs[0].stderr + runs[1].stderr, None, records)


GATE = """
import time
from pathlib import Path

import cleaner


@cleaner.hookimpl
def cleaner_mark_blocks(article):
    if article.id == "r200":
        Path({reached!r}).touch()
        while not Path({go!r}).exists():
            time.sleep(0.01)
"""
"""Holds the first of two runs on article r200 until the test lets it go, so that the second run
surely starts while the first one writes (a pause, as a slow article or a slow disk would make)."""


def _two_runs_one_output(workdir: Path, wait: bool = False) -> Played:
    """Two `cleaner clean in.jsonl -o out.jsonl --resume` at once: the second is refused at once,
    or with `wait`, waits for the first and then finds everything done."""
    _records_file(workdir / "in.jsonl", 300)
    (workdir / "plugins").mkdir()
    (workdir / "plugins" / "gate.py").write_text(GATE.format(reached=str(workdir / "reached"), go=str(workdir / "go")))
    (workdir / "config.yaml").write_text("limits:\n  time_budget_seconds: 0\n")
    arguments = ["clean", "in.jsonl", "-o", "out.jsonl", "--resume", "--plugins-dir", "plugins", "--config", "config.yaml", "-q"]
    first = subprocess.Popen([*CLEANER, *arguments], cwd=workdir, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not (workdir / "reached").exists() and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    second = subprocess.Popen([*CLEANER, *arguments, *(["--wait-for-lock"] if wait else [])], cwd=workdir,
                              stderr=subprocess.PIPE, text=True)
    said = second.stderr.readline()
    (workdir / "go").touch()
    status = second.wait(timeout=300)
    stderr = said + second.stderr.read()
    first_stderr = first.communicate(timeout=300)[1]
    return Played(status, f"{stderr}(the first run, pid {first.pid}, ended with {first.returncode}){first_stderr}", None,
                  [_records_of(workdir / "out.jsonl")])


def _rules_file_loads_plugins(workdir: Path) -> Played:
    """`--rules untrusted.yaml`, a file naming a folder of plugins (code) and lifting the limits."""
    (workdir / "plugins").mkdir()
    (workdir / "plugins" / "marker.py").write_text("from pathlib import Path\n\nPath(__file__).with_name('MARK').touch()\n")
    (workdir / "untrusted.yaml").write_text(
        "plugin_dirs: [plugins]\nplugins:\n  marker: {}\nlimits: {max_article_bytes: 999999999999}\n"
        "sites:\n  example.com:\n    drop_lines: ['subscribe now']\n"
    )
    (workdir / "good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    run = _cleaner("clean", "good.txt", "--rules", "untrusted.yaml", "-o", "out.jsonl", cwd=workdir)
    return Played(run.returncode, run.stderr, None, [], (workdir / "plugins" / "MARK").exists())


MISUSES = [
    Misuse("output_is_input", _output_is_input),
    Misuse("output_is_a_link_to_input", _output_is_a_link_to_input),
    Misuse("output_is_piped_input", _output_is_piped_input),
    Misuse("output_inside_input_folder", _output_inside_input_folder),
    Misuse("two_runs_one_output", _two_runs_one_output),
    Misuse("two_runs_one_output_waiting", lambda workdir: _two_runs_one_output(workdir, wait=True)),
    Misuse("rules_file_loads_plugins", _rules_file_loads_plugins),
]
