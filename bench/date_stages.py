#!/usr/bin/env python3
"""Where htmldate's extensive date search finds the dates it adds, and what each step costs.

`metadata: full` calls ``htmldate.find_date(..., extensive_search=True)``, which gets 21 more of
the labelled trafilatura-eval dates right than the search without it, for about twice the time.
This bench asks which steps of the extensive search earn them, to see whether one could be left
out: on each page where the search without it finds nothing, it runs the rest of `find_date`'s
steps one by one (as htmldate 1.11 orders them: the date candidates among the elements read with
dateparser, the timestamp and image patterns, the page's free text segment by segment, then its
whole serialized text) and says which first answers and whether that answer is the label's.

Usage (from the repository root)::

    python bench/date_stages.py

It reads htmldate's own step functions, so it follows htmldate's version: it checks that
`find_date` gives the answer the steps give, and says so where it does not.
"""

from __future__ import annotations

import time
from collections import Counter
from copy import deepcopy

from corpora import load
from htmldate import find_date
from htmldate.core import (
    CLEANING_LIST,
    FREE_TEXT_EXPRESSIONS,
    MAX_SEGMENT_LEN,
    MIN_SEGMENT_LEN,
    TIMESTAMP_PATTERN,
    Extractor,
    check_extracted_reference,
    clean_html,
    compare_reference,
    date_candidates,
    discard_unwanted,
    examine_elements,
    examine_time_elements,
    get_max_date,
    get_min_date,
    idiosyncrasies_search,
    img_search,
    pattern_search,
    search_page,
    serialize,
)
from trafilatura.settings import set_date_params
from trafilatura.utils import decode_file, load_html

WARM_UP = 60
"""Pages searched untimed first: dateparser compiles its locales' expressions on its first calls."""


def steps(tree, options) -> list[tuple[str, str | None, float]]:
    """The extensive search's steps after the fast ones, each with its answer and CPU seconds."""
    search_tree = discard_unwanted(clean_html(deepcopy(tree), CLEANING_LIST))
    found = []
    started = time.process_time()

    def step(name, answer):
        nonlocal started
        now = time.process_time()
        found.append((name, answer, now - started))
        started = now

    step("elements read with dateparser", examine_elements(date_candidates(search_tree, True), options)
         or examine_elements(search_tree.xpath(".//title|.//h1"), options) or examine_time_elements(search_tree, options))
    page = serialize(search_tree)
    step("timestamp, image and site patterns", pattern_search(page, TIMESTAMP_PATTERN, options)
         or img_search(search_tree, options) or idiosyncrasies_search(page, options))
    reference = None
    for segment in FREE_TEXT_EXPRESSIONS(search_tree):
        segment = segment.strip()
        if MIN_SEGMENT_LEN < len(segment) < MAX_SEGMENT_LEN:
            reference = compare_reference(reference, segment, options)
    step("free text, segment by segment", check_extracted_reference(reference, options))
    step("the whole page's text", search_page(page, options))
    return found


def main() -> None:
    corpus = load("trafilatura-eval")
    params = set_date_params(True)
    options = Extractor(True, get_max_date(params["max_date"]), get_min_date(None), params["original_date"], "%Y-%m-%d")
    trees = [(page, load_html(decode_file(page.data))) for page in corpus.pages]
    trees = [(page, tree) for page, tree in trees if tree is not None]
    for page, tree in trees[:WARM_UP]:
        find_date(tree, url=page.url, **params)
    firsts, right, seconds, disagree, gained = Counter(), Counter(), Counter(), 0, 0
    for page, tree in trees:
        label = page.fields.get("date")
        if find_date(tree, url=page.url, **{**params, "extensive_search": False}) is not None:
            continue
        answers = steps(tree, options)
        for name, _, spent in answers:
            seconds[name] += spent
        first = next(((name, answer) for name, answer, _ in answers if answer is not None), ("none", None))
        if first[1] != find_date(tree, url=page.url, **params):
            disagree += 1
        firsts[first[0]] += 1
        if label and first[1] == label:
            right[first[0]] += 1
            gained += 1
    print(f"{len(trees)} pages; the search without `extensive_search` finds no date on {sum(firsts.values())}.")
    print("On those, the step that answers first, how often its answer is the label's, and its CPU ms in all:\n")
    print(f"{'step':40} {'answers first':>13} {'right':>6} {'ms':>8}")
    for name in [name for name, _, _ in answers] + ["none"]:
        print(f"{name:40} {firsts[name]:13} {right[name]:6} {seconds[name] * 1000:8.0f}")
    print(f"\nright dates the extensive search adds on these pages: {gained}")
    if disagree:
        print(f"on {disagree} pages find_date's answer is not the steps' first: htmldate's order has changed")


if __name__ == "__main__":
    main()
