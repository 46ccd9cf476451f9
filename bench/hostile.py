#!/usr/bin/env python3
"""Time the hostile-input catalogue (tests/hostile_inputs.py) through the command line.

Each case runs in a fresh process (``cleaner clean FOLDER --config CASE.yaml``, with
``--plugins-dir`` where the case brings a faulty plugin, and the case's own options) on its
hostile file(s) and a good article; the table gives what the hostile file produced, the exit
status, the wall time of the whole run, and the run's peak resident memory.

Each misuse (an output that is an input, two runs on one output, a rules file naming plugins)
is played as its test plays it, in fresh processes; the table gives what the run it is about
said and what became of the data, its exit status and the wall time of the whole play (several
runs, for some); no peak memory.

Usage (from the repository root)::

    python bench/hostile.py                 # every case and misuse
    python bench/hostile.py gzip_bomb fifo  # some
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile_inputs import CASES, MISUSES, build  # noqa: E402

# VmHWM (Linux) is the peak of this process since its exec; ru_maxrss would include the memory
# of the parent it was forked from.
RUN = (
    "import re, sys\n"
    "from cleaner.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "peak = re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read()).group(1)\n"
    "print(f'peak-kb {peak}', file=sys.stderr)\n"
    "sys.exit(status)\n"
)


def describe(record: dict, folder: Path) -> str:
    """The first error, its file named relative to the case's folder; or the size of the result."""
    errors = [e for e in record["errors"] if e["level"] == "error"]
    if errors:
        plugin = f" (plugin {errors[0]['plugin']})" if errors[0]["plugin"] else ""
        return "error: " + errors[0]["message"].replace(f"{folder}/", "")[:120] + plugin
    warnings = f", {len(record['errors'])} warning(s)" if record["errors"] else ""
    return f"result: text {len(record['text']):,} chars, {len(record['removed']):,} removed{warnings}"


def run(case, workdir: Path) -> tuple[str, int, float, float]:
    folder = workdir / case.name
    options = build(case, folder)
    output = workdir / f"{case.name}.jsonl"
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", RUN, "clean", str(folder), *options, "-o", str(output), "-q"],
        capture_output=True, text=True,
    )
    seconds = time.perf_counter() - started
    peak_kb = int(result.stderr.rsplit("peak-kb ", 1)[-1])
    produced, fillers = [], 0
    with open(output, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            good = not record["errors"] and record["text"]
            if record["id"] == "good" or (record["id"].startswith("filler") and good):
                fillers += record["id"] != "good"
                if not good:
                    produced.append("GOOD ARTICLE NOT CLEANED")
            else:
                produced.append(f"`{record['id']}` {describe(record, folder)}")
    if fillers:
        produced.append(f"{fillers} other articles clean")
    return "; ".join(produced) or "nothing", result.returncode, seconds, peak_kb / 1024


def play(misuse, workdir: Path) -> tuple[str, int, float]:
    folder = workdir / misuse.name
    folder.mkdir()
    started = time.perf_counter()
    played = misuse.play(folder)
    return played.describe(), played.status, time.perf_counter() - started


def main(names: list[str]) -> int:
    cases = [case for case in CASES if not names or case.name in names]
    misuses = [misuse for misuse in MISUSES if not names or misuse.name in names]
    print("| case | what it produced | exit | seconds | peak MB |\n| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as workdir:
        for case in cases:
            produced, status, seconds, peak_mb = run(case, Path(workdir))
            print(f"| {case.name} | {produced} | {status} | {seconds:.2f} | {peak_mb:.0f} |", flush=True)
        for misuse in misuses:
            produced, status, seconds = play(misuse, Path(workdir))
            print(f"| {misuse.name} | {produced} | {status} | {seconds:.2f} | |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
