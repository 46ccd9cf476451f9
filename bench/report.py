#!/usr/bin/env python3
"""``cleaner report`` at batch scale: peak memory writing the page, its size, and how long headless
Chromium takes to render it.

Makes N seed-shaped records: articles varied from the seeds as ``bench/throughput.py`` varies them
(paragraphs rotated, words swapped) are cleaned by cleaner, a thousand distinct ones, and the
records are stamped out N times over with their own ids, sources and sites: SITES hosts whose
article counts fall off as 1/rank (a few big sites, a long tail). One record in 500 is the record
of a failed article (cleaner's own, for an empty text). The records go to a JSON-lines file.

Then ``cleaner report`` runs on it in a fresh process: its wall-clock time and peak RSS (sampled
every 50 ms) are printed, with the page's size; and headless Chromium (Debian's ``chromium``) takes
a screenshot of the page, timed from start to exit, three times with a fresh profile each (median
printed). The page's counts are checked against the records.

Usage (from the repository root, after ``pip install -e '.[test]'``, which brings psutil)::

    python bench/report.py                  # N = 1,000,000 (6.7 GB of records, about 10 minutes)
    python bench/report.py -n 20000         # quicker
    python bench/report.py --sites 100000   # many small sites
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

from throughput import ROOT, SEEDS, _vary, measure

from cleaner import Cleaner

DISTINCT_ARTICLES = 1000
FAILED_EVERY = 500
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


def base_records() -> tuple[list[dict], dict]:
    """A thousand distinct records of seed-shaped articles, and one of a failed article, all cleaned by cleaner."""
    cleaner = Cleaner.from_config()
    sources = [seed.read_text(encoding="utf-8") for seed in sorted(SEEDS.glob("*.txt"))]
    pools = [sorted({word for word in text.split() if word.isalpha() and word.islower()}) for text in sources]
    records = []
    for number in range(DISTINCT_ARTICLES):
        text = _vary(sources[number % len(sources)], pools[number % len(sources)], random.Random(number), number)
        records.append(cleaner.clean_record({"id": str(number), "text": text}))
    return records, cleaner.clean_record({"id": "failed", "text": ""})


def write_records(path: Path, count: int, sites: int) -> tuple[int, int, int]:
    """Write `count` records; return how many failed, the blocks removed and the file's size."""
    records, failed_record = base_records()
    hosts = [f"news{rank:06d}.example.com" for rank in range(1, sites + 1)]
    cumulative = list(itertools.accumulate(1 / rank for rank in range(1, sites + 1)))
    rng = random.Random(1)
    failed = blocks = 0
    with open(path, "wb") as stream:
        for number in range(count):
            is_failed = number % FAILED_EVERY == FAILED_EVERY - 1
            base = failed_record if is_failed else records[number % DISTINCT_ARTICLES]
            host = hosts[bisect.bisect(cumulative, rng.random() * cumulative[-1])]
            record = dict(base, id=f"{number:07d}", source=f"corpus/{number // 1000:04d}/{number:07d}.txt")
            record["metadata"] = dict(base["metadata"], site=host, url=f"https://{host}/news/{number:07d}")
            stream.write(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))
            failed += is_failed
            blocks += len(record["removed"])
    return failed, blocks, path.stat().st_size


def render_time(page: Path, work: Path) -> float:
    """Seconds for headless Chromium to start, load the page, take a screenshot and exit."""
    browser = shutil.which("chromium") or sys.exit("chromium is not installed (apt-get install chromium)")
    profile = Path(tempfile.mkdtemp(prefix="profile-", dir=work))
    shot = work / "page.png"
    shot.unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run(
        [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--screenshot={shot}", "--window-size=1200,1600",
         page.as_uri()],
        check=True, capture_output=True, timeout=600,
    )
    seconds = time.perf_counter() - started
    shutil.rmtree(profile)
    if not shot.exists() or shot.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("chromium wrote no screenshot")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=1_000_000, help="records (default: 1000000)")
    parser.add_argument("--sites", type=int, default=5_000, help="distinct sites (default: 5000)")
    parser.add_argument("--repeat", type=int, default=3, help="Chromium renders timed (default: 3)")
    parser.add_argument("--work-dir", type=Path, help="keep the records and the page here (default: a temporary folder)")
    args = parser.parse_args(argv)

    work = args.work_dir or Path(tempfile.mkdtemp(prefix="cleaner-report-"))
    work.mkdir(parents=True, exist_ok=True)
    records, page = work / "records.jsonl", work / "report.html"
    started = time.perf_counter()
    failed, blocks, size = write_records(records, args.n, args.sites)
    print(f"records: {args.n:,} ({failed:,} failed, {blocks:,} blocks removed), {args.sites:,} sites, "
          f"{size / 1e9:.2f} GB, written in {time.perf_counter() - started:.0f} s to {records}", file=sys.stderr)

    command = [sys.executable, "-m", "cleaner.cli", "report", str(records), "-o", str(page)]
    result = measure("report", command, page)
    html = page.read_text(encoding="utf-8")
    totals = re.search(r'data-articles="(\d+)" data-failed="(\d+)" data-blocks="(\d+)"', html)
    if totals is None or tuple(map(int, totals.groups())) != (args.n, failed, blocks):
        sys.exit(f"the page's counts {totals and totals.groups()} are not the records' {(args.n, failed, blocks)}")
    shown = html.count('<details class="article"')
    print(f"report: {result.seconds:.1f} s, {result.cpu_seconds:.1f} CPU s, peak RSS {result.peak_rss / 2**20:.0f} MB, "
          f"page {page.stat().st_size / 1e6:.2f} MB, {shown} articles shown")
    renders = [render_time(page, work) for _ in range(args.repeat)]
    print(f"chromium screenshot: median {statistics.median(renders):.2f} s "
          f"({', '.join(f'{seconds:.2f}' for seconds in renders)}); load average: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if args.work_dir is None:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
