#!/usr/bin/env python3
"""The rule ledger: what each plugin and rule removed on the development corpora, furniture or article.

cleaner runs with the default configuration in HTML mode (on the page) and in text mode (on
trafilatura standard's text), and every removed block is judged against the corpus's labels:

* ``scrapinghub`` (whole-text truth) counts lines: a removed block whose words stand in the
  article's truth, in order, took article text; any other removed block was furniture.
* ``trafilatura-eval`` (snippets) counts snippets: a "without" snippet that was in the blocks and
  is not in the clean text was removed furniture; a "with" snippet lost the same way was article
  text taken. Each lost snippet is put down to the rule that removed most of it.

A rule on by default should remove more furniture than article text on every corpus and mode.

Usage (from the repository root)::

    python bench/ledger.py                       # all pages of both corpora, both modes
    python bench/ledger.py --half odd            # the half rules were not tuned on
    python bench/ledger.py --examples 5 --half even --rule captions/lead-caption
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402
from corpora import Corpus, Page, collapse, shingles, tokens  # noqa: E402
from quality import trafilatura_extract  # noqa: E402

MODES = ("html", "text")
FURNITURE, ARTICLE = "furniture", "article"


def clean_articles(corpus: Corpus, pages: list[Page], mode: str, config=None):
    """(page, Article) for each page, cleaned in `mode` with `config` (default: the defaults)."""
    from cleaner import Cleaner
    from cleaner.model import Document
    from trafilatura.utils import decode_file

    engine = Cleaner.from_config(config)
    standard = trafilatura_extract(fast=False) if mode == "text" else None
    for page in pages:
        if mode == "html":
            document = Document(id=page.id, source=page.id, content=decode_file(page.data), media_type="text/html", url=page.url)
            yield page, engine.clean_document(document)
        else:
            yield page, engine.clean_text(standard(page.data, page.url) or "", id=page.id, url=page.url)


def judge_lines(page: Page, article) -> list[tuple[str, str, str]]:
    """(rule, verdict, text) for every removed block, against the page's whole-text truth.

    A removed block took article text if most of its shingles are in the truth more often than
    in the clean text: a second copy of a passage the clean text keeps once took nothing.
    """
    missing = shingles(page.truth) - shingles(article.text)
    truth_text = f" {' '.join(tokens(page.truth))} "
    kept_text = f" {' '.join(tokens(article.text))} "
    verdicts = []
    for block in article.blocks:
        if block.removal is None:
            continue
        words = tokens(block.text)
        if not words:
            continue
        if len(words) >= 4:
            found = shingles(block.text)
            taken = found & missing
            missing -= taken
            in_truth = sum(taken.values()) >= 0.5 * sum(found.values())
        else:
            phrase = f" {' '.join(words)} "
            in_truth = truth_text.count(phrase) > kept_text.count(phrase)
        verdicts.append((_rule(block), ARTICLE if in_truth else FURNITURE, block.text))
    return verdicts


def judge_snippets(page: Page, article) -> list[tuple[str, str, str]]:
    """(rule, verdict, snippet) for every labelled snippet the rules took out of the text."""
    spans = []
    position = 0
    parts = []
    for block in article.blocks:
        text = collapse(block.text)
        if not text:
            continue
        spans.append((position, position + len(text), block))
        parts.append(text)
        position += len(text) + 1
    whole = " ".join(parts)
    clean = collapse(article.text)
    verdicts = []
    for verdict, snippets in ((FURNITURE, page.without_snippets), (ARTICLE, page.with_snippets)):
        for snippet in snippets:
            snippet = collapse(snippet)
            start = whole.find(snippet)
            if not snippet or start < 0 or snippet in clean:
                continue
            end = start + len(snippet)
            overlaps = Counter()
            for block_start, block_end, block in spans:
                if block.removal is not None and block_start < end and start < block_end:
                    overlaps[_rule(block)] += min(end, block_end) - max(start, block_start)
            if overlaps:
                verdicts.append((overlaps.most_common(1)[0][0], verdict, snippet))
    return verdicts


def _rule(block) -> str:
    return f"{block.removal.plugin}/{block.removal.rule}"


def ledger(names, half: str, config=None):
    """{rule: {(corpus, mode): Counter(verdict)}}, and examples {(rule, corpus, mode, verdict): [text]}."""
    counts: dict[str, dict[tuple[str, str], Counter]] = defaultdict(lambda: defaultdict(Counter))
    examples: dict[tuple[str, str, str, str], list[str]] = defaultdict(list)
    for name in names:
        corpus = corpora.load(name)
        pages = [page for page in corpus.pages if half == "all" or page.half == half]
        judge = judge_lines if name == "scrapinghub" else judge_snippets
        for mode in MODES:
            for page, article in clean_articles(corpus, pages, mode, config):
                for rule, verdict, text in judge(page, article):
                    counts[rule][(name, mode)][verdict] += 1
                    examples[(rule, name, mode, verdict)].append(f"{page.id}: {text[:140]}")
    return counts, examples


def print_ledger(counts, names) -> list[str]:
    """The table, in Markdown; returns the rules that took more article text than furniture somewhere."""
    columns = [(name, mode) for name in names for mode in MODES]
    unit = {"scrapinghub": "lines", "trafilatura-eval": "snippets"}
    print("| plugin/rule | " + " | ".join(f"{name} {mode} ({unit[name]}): furniture / article" for name, mode in columns) + " |")
    print("|---|" + "---|" * len(columns))
    losing = []
    for rule in sorted(counts):
        cells = []
        for column in columns:
            found = counts[rule].get(column, Counter())
            cells.append(f"{found[FURNITURE]} / {found[ARTICLE]}" + (" **!**" if found[ARTICLE] > found[FURNITURE] else ""))
            if found[ARTICLE] > found[FURNITURE] and rule not in losing:
                losing.append(rule)
        print(f"| {rule} | " + " | ".join(cells) + " |")
    return losing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=corpora.CORPORA, action="append", help="this corpus only (repeatable)")
    parser.add_argument("--half", choices=corpora.HALVES, default="all", help="pages of this half only (default: all)")
    parser.add_argument("--examples", type=int, default=0, metavar="N", help="print up to N removed texts per rule, corpus, mode and verdict")
    parser.add_argument("--rule", action="append", help="examples of this plugin/rule only (repeatable)")
    args = parser.parse_args(argv)

    names = args.corpus or list(corpora.CORPORA)
    counts, examples = ledger(names, args.half)
    losing = print_ledger(counts, names)
    if losing:
        print(f"\nTook more article text than furniture somewhere ({args.half} pages): {', '.join(losing)}")
    if args.examples:
        for (rule, name, mode, verdict), texts in sorted(examples.items()):
            if args.rule and rule not in args.rule:
                continue
            print(f"\n{rule} · {name} {mode} · {verdict}")
            for text in texts[: args.examples]:
                print(f"  {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
