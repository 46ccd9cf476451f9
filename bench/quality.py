#!/usr/bin/env python3
"""Extraction quality of cleaner and trafilatura on both development corpora, side by side.

Four extractors run page by page in turn, in one process, and are timed in CPU seconds:

* ``trafilatura-fast``:     ``trafilatura.extract(page, url=url, fast=True)``;
* ``trafilatura``:          ``trafilatura.extract(page, url=url)``, standard, with its fallbacks;
* ``cleaner-html``:         cleaner on the page (one trafilatura pass, then the rules), default config;
* ``cleaner-text``:         cleaner in plain-text mode on trafilatura standard's text, the situation
                            of a user who has only scraped text (its time is cleaner's alone).

Both trafilatura runs use ``include_comments=False, include_tables=True``, as cleaner's HTML mode.
Each corpus is scored with its own metric (see ``corpora.py``) on all its pages and on each half:
``even`` is the half rules are tuned on, ``odd`` the half they are checked on.

Usage (from the repository root)::

    python bench/quality.py                          # both corpora, the four extractors
    python bench/quality.py --corpus scrapinghub --worst 10
    python bench/quality.py -e cleaner-html -e mypkg.mod:extract   # fn(page_bytes, url) -> text
    python bench/quality.py --gate                   # cleaner's scores against bench/baseline.json
    python bench/quality.py --update-baseline        # after a change that raises a score
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402
from corpora import HALVES, Corpus, Page  # noqa: E402

BASELINE = Path(__file__).resolve().parent / "baseline.json"
GATE_TOLERANCE = 0.002
"""How far a score may fall below the baseline before the gate fails."""

Extract = Callable[[bytes, str | None], str | None]


class TextFirst:
    """An extractor that takes trafilatura standard's text of the page instead of its bytes
    (made before its clock starts)."""

    def __init__(self, function: Callable[[str, str | None], str | None]):
        self.function = function

    def __call__(self, text: str, url: str | None) -> str | None:
        return self.function(text, url)


def trafilatura_extract(fast: bool) -> Extract:
    import trafilatura

    def extract(data: bytes, url: str | None) -> str | None:
        return trafilatura.extract(data, url=url, include_comments=False, include_tables=True, fast=fast)

    return extract


def cleaner_on_html(config=None) -> Extract:
    """cleaner's HTML mode: the page decoded as its reader does, then one trafilatura pass and the rules."""
    from cleaner import Cleaner
    from cleaner.model import Document
    from trafilatura.utils import decode_file

    engine = Cleaner.from_config(config)

    def extract(data: bytes, url: str | None) -> str | None:
        document = Document(id=url or "page", source=url or "page", content=decode_file(data), media_type="text/html", url=url)
        return engine.clean_document(document).text

    return extract


def cleaner_on_text(config=None) -> TextFirst:
    from cleaner import Cleaner

    engine = Cleaner.from_config(config)

    def extract(text: str, url: str | None) -> str | None:
        return engine.clean_text(text, id=url or "text", url=url).text

    return TextFirst(extract)


EXTRACTORS: dict[str, tuple[str, Callable[[], Extract]]] = {
    "trafilatura-fast": ("trafilatura fast", lambda: trafilatura_extract(fast=True)),
    "trafilatura": ("trafilatura standard", lambda: trafilatura_extract(fast=False)),
    "cleaner-html": ("cleaner, HTML mode", cleaner_on_html),
    "cleaner-text": ("cleaner, text mode on trafilatura standard's text", cleaner_on_text),
}
GATED = ("cleaner-html", "cleaner-text")
"""The extractors whose scores the quality gate holds."""


def resolve(spec: str) -> tuple[str, str, Extract]:
    """(key, label, extractor) for a registered name or ``package.module:function``."""
    if spec in EXTRACTORS:
        label, factory = EXTRACTORS[spec]
        return spec, label, factory()
    module_name, colon, attribute = spec.partition(":")
    if not colon:
        raise SystemExit(f"unknown extractor {spec!r}: use one of {', '.join(EXTRACTORS)} or module:function")
    sys.path.insert(0, str(corpora.ROOT))
    return spec, spec, getattr(importlib.import_module(module_name), attribute)


def run(extractors: list[Extract], pages: list[Page]) -> list[tuple[dict[str, str | None], float, list[str]]]:
    """Each extractor's outputs (page id -> text), CPU seconds and errors, page by page in turn, so
    that a busy machine slows all alike. Text-first extractors get trafilatura standard's text,
    made outside their clock."""
    results = [({}, 0.0, []) for _ in extractors]
    standard = trafilatura_extract(fast=False) if any(isinstance(e, TextFirst) for e in extractors) else None
    for page in pages:
        text = None
        for position, extract in enumerate(extractors):
            if isinstance(extract, TextFirst):
                if text is None:
                    text = standard(page.data, page.url) or ""
                given = text
            else:
                given = page.data
            outputs, seconds, errors = results[position]
            start = time.process_time()
            try:
                outputs[page.id] = extract(given, page.url)
            except Exception as error:  # an extractor's crash is scored as an empty text
                outputs[page.id] = None
                errors.append(f"{page.id}: {type(error).__name__}: {error}")
            results[position] = (outputs, seconds + time.process_time() - start, errors)
    return results


def score_table(corpus: Corpus, labelled: list[tuple[str, str, dict[str, str | None], float]]) -> list[dict]:
    rows = []
    for key, label, outputs, seconds in labelled:
        for half in HALVES:
            score = corpus.score(outputs, half)
            rows.append({"corpus": corpus.name, "half": half, "extractor": key, "label": label, **score,
                         "ms_per_page": 1000 * seconds / len(corpus.pages)})
    return rows


def print_rows(rows: list[dict]) -> None:
    print("| corpus | half | extractor | P | R | F1 | pages | ms/page |")
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        timing = f"{row['ms_per_page']:.1f}" if row["half"] == "all" else ""
        print(f"| {row['corpus']} | {row['half']} | {row['label']} | {row['precision']:.3f} | {row['recall']:.3f} "
              f"| {row['f1']:.3f} | {row['pages']} | {timing} |")


def print_worst(corpus: Corpus, label: str, outputs: dict[str, str | None], count: int) -> None:
    scored = sorted((corpus.score({page.id: outputs.get(page.id)}, "all") | {"page": page} for page in corpus.pages
                     if _single(corpus, page)), key=lambda row: (row["f1"], row["page"].id))
    print(f"\n{count} worst pages of {corpus.name} by F1 - {label}")
    for row in scored[:count]:
        print(f"{row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f}  {row['page'].id}  {row['page'].url or ''}")


def _single(corpus: Corpus, page: Page) -> bool:
    return corpus.name == "scrapinghub" or bool(page.with_snippets)


def gate_scores(bench_dir: Path = corpora.SHARED_BENCH) -> dict[str, float]:
    """cleaner's F1 per corpus, mode and half with the default configuration: what the gate holds."""
    scores = {}
    for name in corpora.CORPORA:
        corpus = corpora.load(name, bench_dir)
        extractors = [EXTRACTORS[key][1]() for key in GATED]
        for key, (outputs, _, _) in zip(GATED, run(extractors, corpus.pages)):
            for half in HALVES:
                scores[f"{name} {key} {half}"] = round(corpus.score(outputs, half)["f1"], 4)
    return scores


def gate_failures(scores: dict[str, float], baseline: dict[str, float]) -> list[str]:
    """A line for every score more than `GATE_TOLERANCE` below its baseline, or missing."""
    failures = []
    for key, floor in sorted(baseline.items()):
        score = scores.get(key)
        if score is None:
            failures.append(f"{key}: not measured (baseline {floor:.4f})")
        elif score < floor - GATE_TOLERANCE:
            failures.append(f"{key}: F1 {score:.4f}, more than {GATE_TOLERANCE} below the baseline {floor:.4f}")
    return failures


def load_baseline(path: Path = BASELINE) -> dict[str, float]:
    return json.loads(path.read_text(encoding="utf-8"))["f1"]


def write_baseline(scores: dict[str, float], path: Path = BASELINE) -> None:
    import trafilatura

    data = {
        "about": "cleaner's F1 on the development corpora with the default configuration; "
                 "`python bench/quality.py --update-baseline` writes it, tests/test_quality_gate.py holds it",
        "trafilatura": trafilatura.__version__,
        "f1": dict(sorted(scores.items())),
    }
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench-dir", type=Path, default=corpora.SHARED_BENCH, help="folder of the corpora (default: ../shared/bench)")
    parser.add_argument("--corpus", choices=corpora.CORPORA, action="append", help="score this corpus only (repeatable)")
    parser.add_argument("-e", "--extractor", action="append", help=f"extractor (repeatable): {', '.join(EXTRACTORS)} or module:function")
    parser.add_argument("--worst", type=int, default=0, metavar="K", help="print the K worst pages of each extractor")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    parser.add_argument("--gate", action="store_true", help="check cleaner's scores against bench/baseline.json")
    parser.add_argument("--update-baseline", action="store_true", help="write cleaner's scores to bench/baseline.json")
    args = parser.parse_args(argv)

    if args.gate or args.update_baseline:
        scores = gate_scores(args.bench_dir)
        if args.update_baseline:
            write_baseline(scores)
            print(f"wrote {BASELINE}")
        failures = gate_failures(scores, load_baseline())
        for key, score in sorted(scores.items()):
            print(f"{key:45} {score:.4f}")
        for failure in failures:
            print(f"FAIL {failure}")
        return 1 if failures else 0

    resolved = [resolve(spec) for spec in args.extractor or list(EXTRACTORS)]
    rows = []
    for name in args.corpus or corpora.CORPORA:
        corpus = corpora.load(name, args.bench_dir)
        results = run([extract for _, _, extract in resolved], corpus.pages)
        labelled = [(key, label, outputs, seconds) for (key, label, _), (outputs, seconds, _) in zip(resolved, results)]
        rows.extend(score_table(corpus, labelled))
        for (_, label, _), (_, _, errors) in zip(resolved, results):
            for error in errors:
                print(f"{corpus.name}: {label}: {error}", file=sys.stderr)
        if args.worst:
            for key, label, outputs, _ in labelled:
                print_worst(corpus, label, outputs, args.worst)
    print_rows(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
