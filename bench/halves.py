#!/usr/bin/env python3
"""How far apart two halves of a development corpus score by chance, next to the even/odd gap.

Issue 12 asks that the half no rule was tuned on (odd ids) score within 0.01 of the half they
were tuned on (even ids). That gap holds two things: what the tuning did not carry over, and
which pages fell into which half. This bench measures the second: it scores each extractor on
many random splits of the same pages into halves of the same sizes, and prints how far apart
the two halves of a random split score (the median and the 95th percentile of the difference,
and the share of splits more than 0.01 apart) next to the even/odd difference, and the share of
random splits at least that far apart. An extractor tuned on neither half (trafilatura) shows
what chance alone gives; a gap no wider than most random splits' is not evidence of overfitting.

Each page's part of the score is computed once (`corpora.Corpus.page_terms`), so a split costs
a sum. The extractors run as in `quality.py`.

Usage (from the repository root)::

    python bench/halves.py                       # both corpora, the four extractors
    python bench/halves.py --corpus trafilatura-eval --splits 5000
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402
import quality  # noqa: E402

LIMIT = 0.01
"""The gap issue 12 allows between the halves."""


def split_differences(corpus: corpora.Corpus, terms: dict[str, tuple[float, ...]], splits: int, seed: int = 0) -> list[float]:
    """|F1 of one half - F1 of the other| for `splits` random splits of the pages, sorted."""
    ids = [page.id for page in corpus.pages]
    size = sum(page.half == "even" for page in corpus.pages)
    rng = random.Random(seed)
    differences = []
    for _ in range(splits):
        rng.shuffle(ids)
        first = corpus.score_terms([terms[page_id] for page_id in ids[:size]])["f1"]
        second = corpus.score_terms([terms[page_id] for page_id in ids[size:]])["f1"]
        differences.append(abs(first - second))
    return sorted(differences)


def even_odd(corpus: corpora.Corpus, terms: dict[str, tuple[float, ...]]) -> float:
    """F1 of the even half minus F1 of the odd half."""
    by_half = {
        half: corpus.score_terms([terms[page.id] for page in corpus.pages if page.half == half])["f1"] for half in ("even", "odd")
    }
    return by_half["even"] - by_half["odd"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=corpora.CORPORA, action="append", help="default: both")
    parser.add_argument("-e", "--extractor", action="append", choices=list(quality.EXTRACTORS), help="default: all four")
    parser.add_argument("--splits", type=int, default=2000, help="random splits per extractor (default 2000)")
    args = parser.parse_args(argv)
    keys = args.extractor or list(quality.EXTRACTORS)
    print(f"| corpus | extractor | even - odd | random halves: median | 95th percentile | share > {LIMIT} | share ≥ |even - odd| |")
    print("|---|---|---|---|---|---|---|")
    for name in args.corpus or corpora.CORPORA:
        corpus = corpora.load(name)
        resolved = [quality.resolve(key) for key in keys]
        results = quality.run([extract for _, _, extract in resolved], corpus.pages)
        for (_, label, _), (outputs, _, _) in zip(resolved, results):
            terms = {page.id: corpus.page_terms(page, outputs.get(page.id)) for page in corpus.pages}
            gap = even_odd(corpus, terms)
            differences = split_differences(corpus, terms, args.splits)
            median = differences[len(differences) // 2]
            high = differences[min(len(differences) - 1, int(0.95 * len(differences)))]
            over = sum(difference > LIMIT for difference in differences) / len(differences)
            wider = sum(difference >= abs(gap) for difference in differences) / len(differences)
            print(f"| {name} | {label} | {gap:+.4f} | {median:.4f} | {high:.4f} | {over:.2f} | {wider:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
