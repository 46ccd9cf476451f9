#!/usr/bin/env python3
"""Does link density tell furniture from article text in trafilatura's output? Checked, not shipped.

Issue 12 named boilerpipe's link density among the shallow features that carry over between
sites. cleaner's HTML mode takes its blocks from trafilatura's main text, which has already
dropped the link-heavy parts of a page. This asks what is left: trafilatura runs on each page of
the even halves of both development corpora, as the HTML reader runs it, but with its links kept
(``include_links``); every leaf element (paragraph, heading, list item, cell, quote) gets the
share of its words that stand in links, and the leaves are labelled as `shape_model.py` labels
kept blocks (`shape_model.label`). It prints, for bands of link share and short and long leaves,
how many of each.

Usage (from the repository root)::

    python bench/link_density.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402
from shape_model import label  # noqa: E402

LEAVES = {"p", "head", "item", "cell", "quote"}
BANDS = ((0.0, "none"), (0.5, "under 0.5"), (0.9, "0.5 to 0.9"), (1.01, "0.9 or more"))
SHORT = 12


def leaves(body):
    """(words, linked words) of each leaf element of trafilatura's tree."""
    for element in body.iter():
        if element.tag in LEAVES and not any(child.tag in LEAVES or child.tag in ("list", "table", "row") for child in element):
            text = " ".join("".join(element.itertext()).split())
            if text:
                linked = sum(len("".join(ref.itertext()).split()) for ref in element.iter("ref"))
                yield text, len(text.split()), linked


def band(share: float) -> str:
    if share == 0:
        return BANDS[0][1]
    return next(name for limit, name in BANDS[1:] if share < limit)


def main() -> int:
    from trafilatura import bare_extraction
    from trafilatura.utils import decode_file, load_html

    for name in corpora.CORPORA:
        corpus = corpora.load(name)
        counts: Counter = Counter()
        for page in corpus.pages:
            if page.half != "even":
                continue
            result = bare_extraction(
                load_html(decode_file(page.data)), url=page.url, with_metadata=False, include_comments=False,
                include_tables=True, include_links=True, fast=False,
            )
            if result is None or result.body is None:
                continue
            for text, words, linked in leaves(result.body):
                furniture = label(name, page, text)
                if furniture is not None:
                    verdict = "furniture" if furniture else "article"
                    counts[band(linked / words), "short" if words <= SHORT else "long", verdict] += 1
        print(f"{name}, even half: leaves of trafilatura's text by the share of their words in links")
        print(f"{'link share':<14} {'words':<8} {'furniture':>10} {'article':>8}")
        for _, name_of_band in BANDS:
            for size in ("short", "long"):
                print(f"{name_of_band:<14} {size:<8} {counts[name_of_band, size, 'furniture']:>10} {counts[name_of_band, size, 'article']:>8}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
