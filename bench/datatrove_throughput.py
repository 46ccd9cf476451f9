#!/usr/bin/env python3
"""Throughput of cleaner's datatrove step against ``cleaner clean`` on the same JSON lines.

Builds N seed-shaped articles (as ``bench/throughput.py`` varies them) as JSON lines, in two
files so that two tasks can share them, then times, each a fresh process reading the files and
writing JSON lines, in rounds (``--repeat``; medians reported):

  (a) ``cleaner clean --workers 1``;
  (b) a datatrove pipeline of one task: ``JsonlReader`` -> ``ArticleCleaner`` -> ``JsonlWriter``;
  (b2) the same, the writer given ``adapter=shallow_adapter``;
  (c) the pipeline without the step: what datatrove's reading and writing cost alone;
  (d) ``cleaner clean --workers 2`` and (e) pipeline (b2) in two tasks on two workers.

Then, in this one process and over the same records, the step's own cost: ``ArticleCleaner.run``
against ``Cleaner.clean_record`` (the cleaning every way of running cleaner does), taking turns
in rounds, in CPU microseconds an article. CPU seconds of (e) are not counted: datatrove's pool
workers are children of its fork server, which no one here waits for.

Usage (from the repository root, after ``pip install -e '.[test]'``, which brings datatrove)::

    python bench/datatrove_throughput.py              # N = 20,000
    python bench/datatrove_throughput.py -n 2000 --repeat 1
    python bench/datatrove_throughput.py --callgrind -n 1000   # the step's cost in instructions
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from throughput import SEEDS, machine, run_rounds, varied_articles

TASKS = 2


def build_jsonl(folder: Path, count: int) -> int:
    """Write the articles as records in `TASKS` files, alternately; return the size of their text in bytes."""
    folder.mkdir(parents=True)
    files = [(folder / f"part{part}.jsonl").open("w", encoding="utf-8") for part in range(TASKS)]
    size = 0
    try:
        for number, text in varied_articles(count, sorted(SEEDS.glob("*.txt"))):
            files[number % TASKS].write(json.dumps({"id": f"{number:07d}", "text": text}, ensure_ascii=False) + "\n")
            size += len(text.encode("utf-8"))
    finally:
        for file in files:
            file.close()
    return size


def pipeline(corpus: Path, output: Path, tasks: int, kind: str) -> None:
    """Run the datatrove pipeline (a subprocess of the benchmark); its logs go to a file. `kind`:
    ``clean``, ``shallow`` (clean, and write with `shallow_adapter`) or ``copy`` (no step)."""
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleaner.datatrove import ArticleCleaner, shallow_adapter

    logs = output.with_name(output.name + "-logs")
    with open(output.with_name(output.name + ".log"), "w") as log:
        os.dup2(log.fileno(), 2)
    writer = JsonlWriter(str(output), compression=None, adapter=shallow_adapter if kind == "shallow" else None)
    steps = [JsonlReader(str(corpus)), *([ArticleCleaner()] if kind != "copy" else []), writer]
    LocalPipelineExecutor(pipeline=steps, tasks=tasks, workers=tasks, logging_dir=str(logs), skip_completed=False).run()


def step_cost(corpus: Path, repeat: int) -> tuple[float, float]:
    """Median CPU microseconds an article of the step's run and of clean_record, over the same
    records, after a warm-up (the screen is built on the 201st article); the two take turns at
    going first."""
    from datatrove.data import Document

    from cleaner.datatrove import ArticleCleaner

    records = [json.loads(line) for path in sorted(corpus.glob("*.jsonl")) for line in path.open(encoding="utf-8")]
    step = ArticleCleaner()
    cleaner = step.cleaner

    def through_step() -> float:
        # Made as the step takes them, as a reader streams them: none is held after it passed.
        documents = (Document(text=record["text"], id=record["id"]) for record in records)
        started = time.process_time()
        for _ in step.run(documents):
            pass
        return (time.process_time() - started) / len(records) * 1e6

    def plain() -> float:
        started = time.process_time()
        with cleaner.batch():  # as the command line and its workers clean
            for record in records:
                cleaner.clean_record(record)
        return (time.process_time() - started) / len(records) * 1e6

    times: dict[str, list[float]] = {"step": [], "clean_record": []}
    for record in records[:300]:
        cleaner.clean_record(record)
    for number in range(max(repeat, 2)):
        for name, run in (("step", through_step), ("clean_record", plain))[:: 1 if number % 2 else -1]:
            times[name].append(run())
    print("rounds, CPU us an article: " + "; ".join(f"{name} {', '.join(f'{t:.0f}' for t in values)}" for name, values in times.items()))
    return statistics.median(times["step"]), statistics.median(times["clean_record"])


def instructions(count: int) -> dict[str, float]:
    """Instructions an article (valgrind's callgrind: the same count however busy the machine) of
    the step and of clean_record: three runs of this script side by side, alike but for the
    cleaning (none, clean_record, the step), less the one that cleans nothing."""
    runs = {}
    with tempfile.TemporaryDirectory() as folder:
        for mode in ("none", "clean_record", "step"):
            out = Path(folder, f"{mode}.out")
            command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, __file__,
                       "--one", mode, str(count)]
            runs[mode] = (out, subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        totals = {}
        for mode, (out, process) in runs.items():
            if process.wait() != 0:
                sys.exit(f"callgrind run {mode}: exit status {process.returncode}")
            totals[mode] = int(re.search(r"^totals: (\d+)", out.read_text(), re.M).group(1))
    return {mode: (totals[mode] - totals["none"]) / count for mode in ("clean_record", "step")}


def one(mode: str, count: int) -> None:
    """Warm up on 300 articles, then clean `count` articles by `mode` (a run for `instructions`)."""
    from datatrove.data import Document

    from cleaner.datatrove import ArticleCleaner

    records = [{"id": str(number), "text": text} for number, text in varied_articles(count, sorted(SEEDS.glob("*.txt")))]
    step = ArticleCleaner()
    for record in records[:300]:
        step.cleaner.clean_record(record)
    if mode == "step":
        for _ in step.run(Document(text=record["text"], id=record["id"]) for record in records):
            pass
    elif mode == "clean_record":
        with step.cleaner.batch():  # as the command line and its workers clean
            for record in records:
                step.cleaner.clean_record(record)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=20_000, help="articles (default: 20000)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; medians are reported (default: 3)")
    parser.add_argument("--work-dir", type=Path, help="keep the corpus and outputs here (default: a temporary folder)")
    parser.add_argument("--pipeline", nargs=4, metavar=("CORPUS", "OUTPUT", "TASKS", "KIND"), help=argparse.SUPPRESS)
    parser.add_argument("--callgrind", action="store_true",
                        help="instead, count the instructions an article of the step and of clean_record (needs valgrind; -n 1000 takes minutes)")
    parser.add_argument("--one", nargs=2, metavar=("MODE", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        one(args.one[0], int(args.one[1]))
        return 0
    if args.callgrind:
        counted = instructions(args.n)
        step, plain = counted["step"], counted["clean_record"]
        print(f"instructions an article over {args.n} articles: the step {step / 1e6:.2f} M, clean_record "
              f"{plain / 1e6:.2f} M: the step's own part {(step - plain) / 1e3:.0f} K ({(step - plain) / plain:.1%})")
        return 0
    if args.pipeline:
        corpus, output, tasks, kind = args.pipeline
        pipeline(Path(corpus), Path(output), int(tasks), kind)
        return 0

    work = args.work_dir or Path(tempfile.mkdtemp(prefix="cleaner-datatrove-"))
    corpus = work / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    started = time.perf_counter()
    size = build_jsonl(corpus, args.n)
    print(f"corpus: {args.n} articles in {TASKS} JSON-lines files, {size / 1e6:.1f} MB of text, "
          f"built in {time.perf_counter() - started:.1f} s in {corpus}", file=sys.stderr)

    cleaner = [sys.executable, "-m", "cleaner.cli", "clean", str(corpus), "-q"]

    def datatrove(name: str, tasks: int, kind: str) -> tuple[str, list[str], Path]:
        output = work / name.split(" ", 1)[1]
        return name, [sys.executable, __file__, "--pipeline", str(corpus), str(output), str(tasks), kind], output

    runs = [
        ("(a) clean -w 1", [*cleaner, "-o", str(work / "one.jsonl"), "--workers", "1"], work / "one.jsonl"),
        datatrove("(b) datatrove", 1, "clean"),
        datatrove("(b2) dt shallow", 1, "shallow"),
        datatrove("(c) dt no step", 1, "copy"),
        ("(d) clean -w 2", [*cleaner, "-o", str(work / "two.jsonl"), "--workers", "2"], work / "two.jsonl"),
        datatrove("(e) dt 2 tasks", 2, "shallow"),
    ]
    for _, _, output in runs:  # every run writes afresh
        if output.exists():
            shutil.rmtree(output) if output.is_dir() else output.unlink()
    medians = dict(zip(("a", "b", "b2", "c", "d", "e"), run_rounds(runs, args.n, size, args.repeat)))
    speed = {name: args.n / result.seconds for name, result in medians.items()}
    cpu = {name: result.cpu_seconds for name, result in medians.items()}
    print(f"b/a = {speed['b'] / speed['a']:.2f}   b2/a = {speed['b2'] / speed['a']:.2f}   e/d = {speed['e'] / speed['d']:.2f}   "
          f"by CPU seconds: b/a = {cpu['a'] / cpu['b']:.2f}, b2/a = {cpu['a'] / cpu['b2']:.2f}   "
          f"(medians of {args.repeat} round(s); {machine()})")
    step, plain = step_cost(corpus, args.repeat)
    print(f"the step: {step:.0f} CPU us an article, clean_record {plain:.0f}: the step's own part "
          f"{step - plain:.0f} us ({(step - plain) / plain:.1%})")
    if args.work_dir is None:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
