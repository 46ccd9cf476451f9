#!/usr/bin/env python3
"""Score article-body extractors on the scrapinghub benchmark pages.

The metric is the one described in ``<bench-dir>/README.md`` (and used by the
scrapinghub/article-extraction-benchmark ``evaluate.py``):

* text is tokenised as ``\\w+`` (Unicode, case kept);
* each text becomes a multiset of 4-token shingles (a text with fewer than
  four tokens is one shorter shingle, an empty text has none);
* per page TP = shared shingles (min of counts), FP = predicted-only,
  FN = truth-only, normalised by TP+FP+FN so every page weighs the same;
* per-page precision = TP/(TP+FP), recall = TP/(TP+FN), with 1.0 when
  FP = FN = 0 and 0.0 when TP = FP = 0 (resp. TP = FN = 0);
* precision and recall are means over all pages, F1 = 2PR/(P+R) of the means.

Extractors are plain callables ``fn(html: str, url: str) -> str``. Built-in ones
are registered in ``EXTRACTORS``; any other can be named on the command line as
``package.module:function``.

Usage (from the repository root)::

    python bench/quality.py                       # trafilatura alone
    python bench/quality.py --limit 20 --worst 10
    python bench/quality.py -e trafilatura -e mypkg.mod:extract --json out.json
    python bench/quality.py --three-way            # the README's table: (a), (b), (c)
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Tuple

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BENCH_DIR = REPO_ROOT.parent / "shared" / "bench" / "scrapinghub"

NGRAM = 4
_TOKEN_RE = re.compile(r"\w+", re.UNICODE)

ExtractFn = Callable[[str, str], Optional[str]]


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    html: str
    truth: str


def load_pages(bench_dir: Path, limit: Optional[int] = None) -> List[Page]:
    """Load pages (sorted by id) from ``bench_dir``: pages/, truth/, urls.tsv."""
    urls: Dict[str, str] = {}
    for line in (bench_dir / "urls.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip():
            page_id, _, url = line.partition("\t")
            urls[page_id.strip()] = url.strip()
    pages = []
    for html_path in sorted((bench_dir / "pages").glob("*.html")):
        page_id = html_path.stem
        truth_path = bench_dir / "truth" / f"{page_id}.txt"
        pages.append(
            Page(
                id=page_id,
                url=urls.get(page_id, ""),
                # The README says the pages are UTF-8; replace rather than crash
                # on a stray byte.
                html=html_path.read_bytes().decode("utf-8", errors="replace"),
                truth=truth_path.read_text(encoding="utf-8"),
            )
        )
        if limit is not None and len(pages) >= limit:
            break
    return pages


# ------------------------------------------------------------------------- metric


def tokenize(text: str) -> List[str]:
    return _TOKEN_RE.findall(text or "")


def shingles(text: str, n: int = NGRAM) -> Counter:
    """Multiset of n-token shingles; a text shorter than n tokens gives one
    shorter shingle (as in the reference implementation), an empty text none."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def match(pred: str, truth: str) -> Tuple[float, float, float]:
    """(TP, FP, FN) of one page, normalised to sum to 1 (all 0 if both empty)."""
    p, t = shingles(pred), shingles(truth)
    tp = sum((p & t).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def prf(tp: float, fp: float, fn: float) -> Tuple[float, float]:
    """Per-page (precision, recall) with the README's edge cases."""
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = 0.0 if tp == 0 and fp == 0 else tp / (tp + fp)
    recall = 0.0 if tp == 0 and fn == 0 else tp / (tp + fn)
    return precision, recall


def score(pred: str, truth: str) -> Tuple[float, float]:
    """Per-page (precision, recall) of ``pred`` against ``truth``."""
    return prf(*match(pred, truth))


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# --------------------------------------------------------------------- evaluation


def evaluate(extract_fn: ExtractFn, pages: Iterable[Page]) -> dict:
    """Run ``extract_fn(html, url)`` on every page and score it.

    Returns precision, recall, f1 (F1 of the mean P and R), pages_per_second
    (extraction time only) and per_page: a list of dicts with id, url,
    precision, recall, f1, tp/fp/fn (normalised) and the raw shingle counts.
    An extractor that raises or returns None is scored as an empty text and
    the error is recorded on the page.
    """
    return evaluate_all([extract_fn], pages)[0]


def evaluate_all(extract_fns: List[ExtractFn], pages: Iterable[Page]) -> List[dict]:
    """Score several extractors, page by page in turn, so that a busy machine slows all alike.

    Time is the process's CPU time, which other jobs on the machine disturb far less than the
    wall clock. An extractor wrapped in `TextFirst` gets the text of the first extractor
    instead of the HTML (made before its clock starts).
    """
    rows: List[List[dict]] = [[] for _ in extract_fns]
    for page in pages:
        first_output = ""
        for position, extract_fn in enumerate(extract_fns):
            given = first_output if isinstance(extract_fn, TextFirst) else page.html
            pred, seconds, error = _timed(extract_fn, given, page.url)
            if position == 0:
                first_output = pred
            rows[position].append(_page_row(page, pred, seconds, error))
    return [summarise(per_page) for per_page in rows]


def _timed(extract_fn: ExtractFn, given: str, url: str) -> Tuple[str, float, Optional[str]]:
    error = None
    start = time.process_time()
    try:
        pred = extract_fn(given, url) or ""
    except Exception as exc:  # an extractor crash must not stop the run
        pred, error = "", f"{type(exc).__name__}: {exc}"
    return pred, time.process_time() - start, error


def _page_row(page: Page, pred: str, seconds: float, error: Optional[str]) -> dict:
    tp, fp, fn = match(pred, page.truth)
    p, r = prf(tp, fp, fn)
    row = {
        "id": page.id,
        "url": page.url,
        "precision": p,
        "recall": r,
        "f1": f1(p, r),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "seconds": seconds,
        "pred_shingles": sum(shingles(pred).values()),
        "truth_shingles": sum(shingles(page.truth).values()),
    }
    if error:
        row["error"] = error
    return row


def summarise(per_page: List[dict]) -> dict:
    """Mean P and R over the pages, F1 of the means, pages per CPU second."""
    if not per_page:
        raise ValueError("no pages to evaluate")
    precision = statistics.mean(row["precision"] for row in per_page)
    recall = statistics.mean(row["recall"] for row in per_page)
    elapsed = sum(row["seconds"] for row in per_page)
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1(precision, recall),
        "pages": len(per_page),
        "pages_per_second": len(per_page) / elapsed if elapsed else float("inf"),
        "per_page": per_page,
    }


# --------------------------------------------------------------------- extractors


def trafilatura_alone() -> ExtractFn:
    """(a) trafilatura alone: ``trafilatura.extract(html, url=url)``."""
    import trafilatura  # imported here so the import is not timed as extraction

    def extract(html: str, url: str) -> Optional[str]:
        return trafilatura.extract(html, url=url)

    return extract


def cleaner_on_html() -> ExtractFn:
    """(b) cleaner on the page's HTML: one trafilatura pass, then the rule plugins."""
    from cleaner import Cleaner
    from cleaner.model import Document

    engine = Cleaner.from_config()

    def extract(html: str, url: str) -> Optional[str]:
        document = Document(id=url, source=url, content=html, media_type="text/html", url=url)
        return engine.clean_document(document).text

    return extract


def cleaner_on_text() -> ExtractFn:
    """(c) cleaner in plain-text mode on trafilatura's default text output.

    That is the situation of a user who has only the scraped text, so only cleaner's time is
    counted: trafilatura's text is made before the clock starts (see `TextFirst`).
    """
    from cleaner import Cleaner

    engine = Cleaner.from_config()

    def extract(text: str, url: str) -> Optional[str]:
        return engine.clean_text(text, id=url, source=url, url=url).text

    return TextFirst(extract)


class TextFirst:
    """Marks an extractor that takes trafilatura's text of the page instead of its HTML."""

    def __init__(self, fn: ExtractFn):
        self.fn = fn

    def __call__(self, text: str, url: str) -> Optional[str]:
        return self.fn(text, url)


# name -> (label printed in the table, factory returning the extract function).
# Factories do their imports/setup up front, outside the timed extraction loop.
EXTRACTORS: Dict[str, Tuple[str, Callable[[], ExtractFn]]] = {
    "trafilatura": ("(a) trafilatura alone", trafilatura_alone),
    "cleaner-html": ("(b) cleaner on HTML", cleaner_on_html),
    "cleaner-text": ("(c) cleaner on (a)'s text", cleaner_on_text),
}
THREE_WAY = ("trafilatura", "cleaner-html", "cleaner-text")


def resolve_extractor(spec: str) -> Tuple[str, ExtractFn]:
    """A registered name, or ``package.module:function``."""
    if spec in EXTRACTORS:
        label, factory = EXTRACTORS[spec]
        return label, factory()
    module_name, sep, attr = spec.partition(":")
    if not sep:
        raise SystemExit(
            f"unknown extractor {spec!r}: use one of {sorted(EXTRACTORS)} "
            "or module:function"
        )
    sys.path.insert(0, str(REPO_ROOT))
    fn = getattr(importlib.import_module(module_name), attr)
    return spec, fn


# ---------------------------------------------------------------------------- cli


def print_table(results: List[Tuple[str, dict]]) -> None:
    width = max([len("extractor")] + [len(label) for label, _ in results])
    print(f"{'extractor':<{width}}  {'P':>6} {'R':>6} {'F1':>6} {'pages':>5} {'pages/s':>8}")
    for label, res in results:
        print(
            f"{label:<{width}}  {res['precision']:6.3f} {res['recall']:6.3f} "
            f"{res['f1']:6.3f} {res['pages']:5d} {res['pages_per_second']:8.1f}"
        )


# Page sets of the table: all pages, and the pages at even and odd positions in id order, so a
# rule tuned while looking at one half can be checked on the other.
PAGE_SETS = (("all", lambda position: True), ("even", lambda position: position % 2 == 0), ("odd", lambda position: position % 2 == 1))


def print_page_set_table(results: List[Tuple[str, dict]]) -> None:
    """One row per page set and extractor, as a Markdown table, then (b)'s time against (a)'s."""
    print("| page set | extractor | P | R | F1 | pages | pages/s |")
    print("|---|---|---|---|---|---|---|")
    for set_name, chosen in PAGE_SETS:
        for label, res in results:
            rows = [row for position, row in enumerate(res["per_page"]) if chosen(position)]
            part = summarise(rows)
            print(
                f"| {set_name} | {label} | {part['precision']:.3f} | {part['recall']:.3f} | {part['f1']:.3f} "
                f"| {part['pages']} | {part['pages_per_second']:.1f} |"
            )
    seconds = [sum(row["seconds"] for row in res["per_page"]) for _, res in results]
    if len(seconds) >= 2 and seconds[0]:
        print(f"\n{results[1][0]} takes {seconds[1] / seconds[0]:.2f}x the CPU time of {results[0][0]} per page")


def print_worst(label: str, res: dict, k: int) -> None:
    rows = sorted(res["per_page"], key=lambda row: (row["f1"], row["id"]))[:k]
    print(f"\n{k} worst pages by F1 - {label}")
    print(f"{'P':>6} {'R':>6} {'F1':>6}  id / url")
    for row in rows:
        flag = f"  [{row['error']}]" if "error" in row else ""
        print(
            f"{row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f}  "
            f"{row['id']}\n{'':22}{row['url']}{flag}"
        )


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--bench-dir",
        type=Path,
        default=DEFAULT_BENCH_DIR,
        help="benchmark folder with pages/, truth/, urls.tsv "
        "(default: ../shared/bench/scrapinghub relative to the repo root)",
    )
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    parser.add_argument("--worst", type=int, default=0, metavar="K", help="print the K worst pages by F1")
    parser.add_argument(
        "-e",
        "--extractor",
        action="append",
        default=None,
        help="extractor to score (repeatable): a registered name "
        f"({', '.join(sorted(EXTRACTORS))}) or module:function; default trafilatura",
    )
    parser.add_argument(
        "--three-way",
        action="store_true",
        help="the README's table: (a) trafilatura alone, (b) cleaner on the HTML, (c) cleaner on (a)'s "
        "text, run page by page in turn, for all pages and the even/odd halves",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write all results (with per-page rows) here")
    args = parser.parse_args(argv)

    pages = load_pages(args.bench_dir, args.limit)
    if not pages:
        parser.error(f"no pages found under {args.bench_dir}")

    specs = list(THREE_WAY) if args.three_way else args.extractor or ["trafilatura"]
    resolved = [resolve_extractor(spec) for spec in specs]
    scored = evaluate_all([fn for _, fn in resolved], pages)
    results = [(label, res) for (label, _), res in zip(resolved, scored)]

    if args.three_way:
        print_page_set_table(results)
    else:
        print_table(results)
    if args.worst:
        for label, res in results:
            print_worst(label, res, args.worst)
    if args.json:
        args.json.write_text(json.dumps({label: res for label, res in results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
