#!/usr/bin/env python3
"""Throughput of ``cleaner clean`` against the least any cleaner must do, in one run.

Builds a corpus of N synthetic plain-text articles by varying the seeds (paragraphs rotated, a
few words of every line swapped for other words of the seed, so that no two articles share their
lines), then times three runs, each a fresh process reading the corpus folder and writing JSONL:

  (a) floor: read each article, split it into lines, write one JSON line: the least any cleaner does;
  (b) ``cleaner clean --workers 1``;
  (c) ``cleaner clean --workers <all cores>``.

It prints articles/s, MB/s (of input text), peak RSS (summed over the process and its children,
sampled every 50 ms) and the ratios b/a and c/b. Times are wall-clock and include starting Python.
On a shared machine wall-clock speed depends on the neighbours, so it also prints the CPU seconds
each run used (its whole process tree, from getrusage) and the b/a ratio of articles per CPU second.
A virtual machine's speed moves by 10% or more from one run to the next, so the three runs are
made in rounds, a b c a b c ... (``--repeat``, 3 by default), and each row and ratio is the median
over the rounds; every round is printed too.

Usage (from the repository root, after ``pip install -e '.[test]'``, which brings psutil)::

    python bench/throughput.py                  # N = 20,000
    python bench/throughput.py -n 200000        # the memory check
    python bench/throughput.py --repeat 1       # one round: quicker, noisier
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def varied_articles(count: int, seeds: list[Path]) -> Iterator[tuple[int, str]]:
    """`count` articles varied from the seeds, numbered; the same for the same count every time."""
    sources = [seed.read_text(encoding="utf-8") for seed in seeds]
    pools = [sorted({word for word in text.split() if word.isalpha() and word.islower()}) for text in sources]
    for number in range(count):
        rng = random.Random(number)
        yield number, _vary(sources[number % len(sources)], pools[number % len(sources)], rng, number)


def build_corpus(folder: Path, count: int, seeds: list[Path]) -> int:
    """Write `count` articles varied from the seeds; return their total size in bytes."""
    total = 0
    for number, text in varied_articles(count, seeds):
        path = folder / f"{number // 1000:04d}" / f"{number:07d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return total


def _vary(text: str, pool: list[str], rng: random.Random, number: int) -> str:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    head, body, tail = paragraphs[:2], paragraphs[2:-1], paragraphs[-1:]
    shift = number % max(len(body), 1)
    body = body[shift:] + body[:shift]
    return "\n\n".join("\n".join(_vary_line(line, pool, rng) for line in p.split("\n")) for p in head + body + tail)


def _vary_line(line: str, pool: list[str], rng: random.Random) -> str:
    """Swap up to two lower-case words (never the first) for others: same shape, new line."""
    words = line.split(" ")
    candidates = [i for i in range(1, len(words)) if words[i].isalpha() and words[i].islower()]
    for index in rng.sample(candidates, min(2, len(candidates))):
        words[index] = rng.choice(pool)
    return " ".join(words)


def floor(corpus: Path, output: Path) -> None:
    """(a): read, split into lines, write JSONL — the same walk order as cleaner's."""
    with open(output, "w", encoding="utf-8") as stream:
        for directory, subdirs, files in os.walk(corpus):
            subdirs.sort()
            for name in sorted(files):
                path = Path(directory, name)
                lines = path.read_bytes().decode("utf-8").split("\n")
                stream.write(json.dumps({"id": name, "lines": lines}, ensure_ascii=False) + "\n")


@dataclass
class Result:
    name: str
    seconds: float
    cpu_seconds: float
    peak_rss: int
    records: int


def measure(name: str, command: list[str], output: Path) -> Result:
    started = time.perf_counter()
    cpu_before = _children_cpu()
    process = psutil.Popen(command, cwd=ROOT)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                tree = [process, *process.children(recursive=True)]
                peak = max(peak, sum(_rss(p) for p in tree))
            except psutil.Error:
                pass
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    seconds = time.perf_counter() - started
    cpu_seconds = _children_cpu() - cpu_before
    done.set()
    sampler.join()
    if code not in (0, 1):
        sys.exit(f"{name}: exit status {code}")
    return Result(name, seconds, cpu_seconds, peak, count_records(output))


def count_records(output: Path) -> int:
    """Lines in a JSON-lines file, or in every ``.jsonl`` file of a folder."""
    records = 0
    for path in sorted(output.glob("*.jsonl")) if output.is_dir() else [output]:
        with open(path, "rb") as stream:
            records += sum(1 for _ in stream)
    return records


def _row(result: Result, count: int, size: int) -> str:
    return (f"{result.name:<16} {result.seconds:>8.2f} {count / result.seconds:>11.0f} "
            f"{size / 1e6 / result.seconds:>7.2f} {result.peak_rss / 2**20:>12.0f} {result.cpu_seconds:>7.2f}")


def _children_cpu() -> float:
    """CPU seconds of every finished descendant (the workers are waited for by their parent)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.Error:
        return 0


def run_rounds(runs: list[tuple[str, list[str], Path]], count: int, size: int, repeat: int) -> list[Result]:
    """Run each (name, command, output) in turn, `repeat` rounds, printing every run; return the
    median of each over the rounds (peak RSS: the highest)."""
    rounds: list[list[Result]] = []
    print(f"{'round':<6} {'run':<16} {'seconds':>8} {'articles/s':>11} {'MB/s':>7} {'peak RSS MB':>12} {'CPU s':>7}")
    for number in range(1, repeat + 1):
        results = []
        for name, command, output in runs:
            result = measure(name, command, output)
            if result.records != count:
                sys.exit(f"{name}: wrote {result.records} records for {count} articles")
            results.append(result)
            print(f"{number:<6} {_row(result, count, size)}")
        rounds.append(results)
    medians = [
        Result(
            column[0].name,
            statistics.median(result.seconds for result in column),
            statistics.median(result.cpu_seconds for result in column),
            max(result.peak_rss for result in column),
            count,
        )
        for column in zip(*rounds)
    ]
    if repeat > 1:
        print("median over the rounds:")
        for median in medians:
            print(f"{'':<6} {_row(median, count, size)}")
    return medians


def machine() -> str:
    return f"cores: {os.cpu_count()}, load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=20_000, help="articles in the corpus (default: 20000)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="workers of run (c) (default: all cores)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the three runs; medians are reported (default: 3)")
    parser.add_argument("--work-dir", type=Path, help="keep the corpus and outputs here (default: a temporary folder)")
    parser.add_argument("--floor", nargs=2, metavar=("CORPUS", "OUTPUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.floor:
        floor(Path(args.floor[0]), Path(args.floor[1]))
        return 0

    work = args.work_dir or Path(tempfile.mkdtemp(prefix="cleaner-throughput-"))
    corpus = work / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    seeds = sorted(SEEDS.glob("*.txt"))
    started = time.perf_counter()
    size = build_corpus(corpus, args.n, seeds)
    print(f"corpus: {args.n} articles from {len(seeds)} seeds, {size / 1e6:.1f} MB, "
          f"built in {time.perf_counter() - started:.1f} s in {corpus}", file=sys.stderr)

    cleaner = [sys.executable, "-m", "cleaner.cli", "clean", str(corpus), "-q"]
    runs = [
        ("(a) floor", [sys.executable, __file__, "--floor", str(corpus), str(work / "floor.jsonl")], work / "floor.jsonl"),
        ("(b) 1 worker", [*cleaner, "-o", str(work / "one.jsonl"), "--workers", "1"], work / "one.jsonl"),
        (f"(c) {args.workers} workers", [*cleaner, "-o", str(work / "all.jsonl"), "--workers", str(args.workers)],
         work / "all.jsonl"),
    ]
    medians = run_rounds(runs, args.n, size, args.repeat)
    a, b, c = (args.n / result.seconds for result in medians)
    cpu = [result.cpu_seconds for result in medians]
    print(f"b/a = {b / a:.2f}   c/b = {c / b:.2f}   b/a by CPU seconds = {cpu[0] / cpu[1]:.2f}   "
          f"(medians of {args.repeat} round(s); {machine()})")
    if args.work_dir is None:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
