#!/usr/bin/env python3
"""cleaner's HTML mode against trafilatura alone, on both development corpora, in one process.

Three parts (all by default, or those named with ``--part``):

* ``speed``: page by page in turn, ``trafilatura.extract(page, url=url, fast=F,
  include_comments=False, include_tables=True)`` and cleaner's HTML mode with the same ``fast``
  setting (the default configuration for ``fast: false``), for F false and true. cleaner's run is
  a page's bytes to its record's JSON line: decoded as its HTML reader decodes, cleaned, and
  encoded as ``cleaner clean`` writes it. CPU seconds, in rounds (``--rounds``, 3 by default) over
  all the pages; the rows are the medians of the rounds, and the ratio is the median of each
  round's ratio. The engines are built once and clean `WARM_UP` pages before the first round, as
  a long run builds them once and is warm after its first few hundred pages. Measured so,
  trafilatura takes longer than in a process of its own (on 2026-12-01, 38 to 42 ms a
  trafilatura-eval page against 25 to 27), for reasons not yet known: the ratio here is below
  what whole runs give (README, "HTML mode: speed and metadata"), which is what a user sees.
* ``breakdown``: a round of cleaner's default run with each stage timed: decoding, parsing,
  trafilatura's extraction, the page's metadata, the blocks, the rules and the record (what is
  left, the engine's own bookkeeping, is ``other``).
* ``metadata``: each level of ``plugins.html_reader.metadata`` (and ``full`` without the
  extensive date search) on the trafilatura-eval pages,
  whose labels carry the title, author and date the annotators read: how often the record has
  them right (the corpus's rule: exact match after collapsing whitespace and ignoring case,
  several authors joined with "; "), with cleaner's time per page and its metadata stage's. And
  trafilatura's own ``bare_extraction(..., with_metadata=True)`` as the yardstick.

Usage (from the repository root)::

    python bench/html_mode.py
    python bench/html_mode.py --part speed --rounds 5 --corpus scrapinghub
    python bench/html_mode.py --part metadata
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402
import quality  # noqa: E402
from corpora import Page  # noqa: E402

from cleaner import Cleaner  # noqa: E402
from cleaner.model import Document  # noqa: E402
from cleaner.write import json_line_bytes, to_record  # noqa: E402
from cleaner_plugins import html_reader  # noqa: E402

LEVELS = {
    "none": {"metadata": "none"},
    "fast": {"metadata": "fast"},
    "full": {"metadata": "full"},
    "full, extensive_date_search: false": {"metadata": "full", "extensive_date_search": False},
}
"""The settings of ``plugins.html_reader`` the metadata part compares, laid over config.yaml."""
STAGES = ("decode", "parse", "extraction", "metadata", "blocks", "rules", "record", "other")
LABELLED = ("title", "author", "date")

Run = Callable[[bytes, str | None], object]


def cleaner_run(config: dict | None = None, stages: dict[str, float] | None = None) -> Run:
    """cleaner's HTML mode from a page's bytes to its record, encoded as a JSON line as ``cleaner
    clean`` writes it; with `stages`, the time of decoding and of the record is added there (the
    other stages are timed by `timed_stages`)."""
    engine = Cleaner.from_config(config)

    def run(data: bytes, url: str | None) -> dict:
        started = time.process_time()
        content, _ = html_reader._decode(data)
        decoded = time.process_time()
        article = engine.clean_document(Document(id=url or "page", source=url or "page", content=content,
                                                 media_type=html_reader.MEDIA_TYPE, url=url))
        cleaned = time.process_time()
        record = to_record(article)
        json_line_bytes(record)
        if stages is not None:
            stages["decode"] += decoded - started
            stages["record"] += time.process_time() - cleaned
        return record

    return run


@contextmanager
def timed_stages(stages: dict[str, float]) -> Iterator[None]:
    """Add the time of the HTML reader's stages, of the rest of segmenting (``_segment``) and of
    cleaning a segmented article (``_clean``) to `stages` while inside."""
    patched = [
        (html_reader, "parse", "parse"),
        (html_reader, "extract", "extraction"),
        (html_reader, "page_metadata", "metadata"),
        (html_reader, "blocks_of", "blocks"),
        (Cleaner, "_segment", "segment"),
        (Cleaner, "_clean", "clean"),
    ]
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in patched]

    def timing(function, stage):
        def timed(*args, **kwargs):
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                stages[stage] += time.process_time() - started

        return timed

    for (owner, name, stage), (_, _, function) in zip(patched, originals):
        setattr(owner, name, timing(function, stage))
    try:
        yield
    finally:
        for owner, name, function in originals:
            setattr(owner, name, function)


WARM_UP = 600
"""Pages each run cleans before the rounds are timed, over the corpus as many times as it takes:
a run of thousands of pages pays once for what a process builds as it goes (the rules' screen,
compiled after 200 articles, whose automaton grows over the next few hundred; dateparser's
per-language expressions, compiled when a date is first looked for in a page's text), and the
rounds time what it pays for every page. On 121 pages a cold run costs cleaner about 4 ms a page
more."""


def warm_up(runs: dict[str, Run], pages: list[Page]) -> None:
    for _ in range(-(-WARM_UP // len(pages))):
        for page in pages:
            for run in runs.values():
                run(page.data, page.url)


def rounds(runs: dict[str, Run], pages: list[Page], count: int) -> list[dict[str, float]]:
    """CPU seconds of each run over all pages, per round, after `warm_up`; page by page in turn,
    so that a busy machine slows all alike."""
    warm_up(runs, pages)
    results = []
    for _ in range(count):
        seconds = dict.fromkeys(runs, 0.0)
        for page in pages:
            for name, run in runs.items():
                started = time.process_time()
                run(page.data, page.url)
                seconds[name] += time.process_time() - started
        results.append(seconds)
    return results


def speed(pages: list[Page], count: int, config: Path | None = None) -> list[dict]:
    runs = {}
    for fast in (False, True):
        runs[f"trafilatura fast={fast}"] = quality.trafilatura_extract(fast=fast)
        runs[f"cleaner fast={fast}"] = cleaner_run(_with_fast(config, fast))
    measured = rounds(runs, pages, count)
    rows = []
    for fast in (False, True):
        cleaner, trafilatura = f"cleaner fast={fast}", f"trafilatura fast={fast}"
        ratios = [result[cleaner] / result[trafilatura] for result in measured]
        rows.append({
            "fast": fast,
            "trafilatura_ms": 1000 * statistics.median(r[trafilatura] for r in measured) / len(pages),
            "cleaner_ms": 1000 * statistics.median(r[cleaner] for r in measured) / len(pages),
            "ratio": statistics.median(ratios),
            "ratios": ratios,
        })
    return rows


def _with_fast(config: Path | None, fast: bool) -> dict:
    """The configuration (the defaults, or `config` laid over them) with ``fast`` set as asked."""
    from cleaner.config import Config, merge

    return merge(Config.load(config).to_dict(), {"plugins": {"html_reader": {"fast": fast}}})


def breakdown(pages: list[Page], config: Path | None = None) -> dict[str, float]:
    """Milliseconds a page in each stage of cleaner's run (after `warm_up`)."""
    stages: dict[str, float] = defaultdict(float)
    run = cleaner_run(config, stages=stages)
    warm_up({"cleaner": run}, pages)
    stages.clear()
    total = 0.0
    with timed_stages(stages):
        for page in pages:
            started = time.process_time()
            run(page.data, page.url)
            total += time.process_time() - started
    # The rules: all of cleaning a segmented article (the screen, the rule plugins, the metadata
    # hooks, rendering the text); other: the engine's bookkeeping around segmenting and cleaning.
    stages["rules"] = stages["clean"] - stages["segment"]
    stages["other"] = total - sum(stages[stage] for stage in STAGES if stage not in ("rules", "other")) - stages["rules"]
    return {stage: 1000 * stages[stage] / len(pages) for stage in STAGES} | {"total": 1000 * total / len(pages)}


def same(found, annotated) -> bool:
    """The corpus's rule: equal after collapsing whitespace and ignoring case; several authors joined with "; "."""
    def normal(value):
        if isinstance(value, list):
            value = "; ".join(value)
        return " ".join(str(value).split()).casefold() if value else None

    return normal(found) is not None and normal(found) == normal(annotated)


def metadata_levels(pages: list[Page], count: int) -> list[dict]:
    """Each level's accuracy on the labelled pages and its times, the median of `count` rounds;
    and trafilatura's full metadata extraction as the yardstick."""
    from trafilatura import bare_extraction

    def yardstick(data: bytes, url: str | None):
        result = bare_extraction(data, url=url, with_metadata=True, include_comments=False, include_tables=True)
        return {field: getattr(result, field, None) for field in LABELLED}

    stages_by_level = {level: defaultdict(float) for level in LEVELS}
    runs = {level: cleaner_run({"plugins": {"html_reader": settings}}, stages_by_level[level]) for level, settings in LEVELS.items()}
    found: dict[str, dict[str, dict]] = defaultdict(dict)
    times: dict[str, list[float]] = defaultdict(list)
    metadata_times: dict[str, list[float]] = defaultdict(list)
    for _ in range(count):
        seconds = defaultdict(float)
        for stages in stages_by_level.values():
            stages.clear()
        for page in pages:
            started = time.process_time()
            found["trafilatura"][page.id] = yardstick(page.data, page.url)
            seconds["trafilatura"] += time.process_time() - started
            for level, run in runs.items():
                with timed_stages(stages_by_level[level]):
                    started = time.process_time()
                    record = run(page.data, page.url)
                    seconds[level] += time.process_time() - started
                found[level][page.id] = {"title": record["title"], **{field: record["metadata"][field] for field in ("author", "date")}}
        for name, value in seconds.items():
            times[name].append(1000 * value / len(pages))
        for level, stages in stages_by_level.items():
            metadata_times[level].append(1000 * stages["metadata"] / len(pages))
    rows = []
    for name in ("trafilatura", *LEVELS):
        row = {"name": name, "ms": statistics.median(times[name]),
               "metadata_ms": statistics.median(metadata_times[name]) if name in LEVELS else None}
        for field in LABELLED:
            labelled = [page for page in pages if field in page.fields]
            row[field] = (sum(same(found[name][page.id][field], page.fields[field]) for page in labelled), len(labelled))
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench-dir", type=Path, default=corpora.SHARED_BENCH, help="folder of the corpora (default: ../shared/bench)")
    parser.add_argument("--corpus", choices=corpora.CORPORA, action="append", help="this corpus only (repeatable)")
    parser.add_argument("--part", choices=("speed", "breakdown", "metadata"), action="append", help="this part only (repeatable)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over the pages (default: 3)")
    parser.add_argument("--config", type=Path, help="cleaner's configuration for the speed and breakdown parts (laid over the defaults)")
    args = parser.parse_args(argv)
    parts = args.part or ["speed", "breakdown", "metadata"]
    loaded = {name: corpora.load(name, args.bench_dir) for name in args.corpus or corpora.CORPORA}

    if "speed" in parts:
        print(f"cleaner's HTML mode against trafilatura.extract, CPU ms a page, median of {args.rounds} rounds")
        print("| corpus | pages | fast | trafilatura.extract | cleaner | cleaner / trafilatura | each round |")
        print("|---|---|---|---|---|---|---|")
        for name, corpus in loaded.items():
            for row in speed(corpus.pages, args.rounds, args.config):
                each = ", ".join(f"{ratio:.2f}" for ratio in row["ratios"])
                print(f"| {name} | {len(corpus.pages)} | {str(row['fast']).lower()} | {row['trafilatura_ms']:.1f} "
                      f"| {row['cleaner_ms']:.1f} | {row['ratio']:.2f} | {each} |")
    if "breakdown" in parts:
        print("\ncleaner's HTML mode (default configuration) by stage, CPU ms a page")
        print(f"| corpus | {' | '.join(STAGES)} | total |")
        print("|---|" + "---|" * (len(STAGES) + 1))
        for name, corpus in loaded.items():
            times = breakdown(corpus.pages, args.config)
            print(f"| {name} | " + " | ".join(f"{times[stage]:.2f}" for stage in (*STAGES, "total")) + " |")
    if "metadata" in parts:
        corpus = loaded.get("trafilatura-eval") or corpora.load("trafilatura-eval", args.bench_dir)
        print(f"\nmetadata on the {len(corpus.pages)} trafilatura-eval pages: right / labelled, "
              f"CPU ms a page (median of {args.rounds} rounds)")
        print("| metadata | title | author | date | ms a page | of which metadata |")
        print("|---|---|---|---|---|---|")
        for row in metadata_levels(corpus.pages, args.rounds):
            name = "trafilatura `bare_extraction(with_metadata=True)`" if row["name"] == "trafilatura" else f"cleaner, `{row['name']}`"
            cells = " | ".join(f"{right}/{total} ({right / total:.3f})" for right, total in (row[field] for field in LABELLED))
            metadata_ms = "" if row["metadata_ms"] is None else f"{row['metadata_ms']:.2f}"
            print(f"| {name} | {cells} | {row['ms']:.1f} | {metadata_ms} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
