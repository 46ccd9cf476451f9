#!/usr/bin/env python3
"""Where one article's time goes, stage by stage and rule by rule, in one process.

Builds seed-shaped articles as `throughput.py` does, cleans a few hundred first (so that the
screen is compiled and its automaton warm, as in a long run), then times on the next ones:
running the readers over the folder (what a batch run's parent does), reading and decoding a
file, splitting it into blocks, telling its language (and, apart, building the options of a set
of languages met first), the screen, each rule plugin on each of its passes, and encoding the record. Nothing is kept from one article to the next, as in a run (holding thousands of
articles would wake the garbage collector, whose passes then land on whichever rule allocates).
The rules are timed around each call, so the sum of the rows is a little above the whole.

Usage (from the repository root)::

    python bench/breakdown.py            # 2,000 articles timed
    python bench/breakdown.py -n 5000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from throughput import SEEDS, build_corpus  # noqa: E402

from cleaner import Cleaner  # noqa: E402
from cleaner.batch import Summary, read_new  # noqa: E402
from cleaner.engine import RunStats  # noqa: E402
from cleaner.model import Article  # noqa: E402
from cleaner.patterns import Vocabulary  # noqa: E402
from cleaner.output import make_outcome  # noqa: E402

WARM_UP = 400
NEW_LANGUAGES = "the options of a set of languages met first (built once a set)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=2000, help="articles timed (default: 2000)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="cleaner-breakdown-") as work:
        corpus = Path(work) / "corpus"
        build_corpus(corpus, WARM_UP + args.n, sorted(SEEDS.glob("*.txt")))
        cleaner = Cleaner.from_config()
        rows: dict[str, float] = defaultdict(float)

        with cleaner.batch():
            started = time.perf_counter()
            documents = list(read_new(cleaner, [str(corpus)], RunStats(), lambda id: False, Summary()))
            rows["readers over the folder (the parent's part)"] = time.perf_counter() - started
            warm, timed = documents[:WARM_UP], documents[WARM_UP:]
            for document in warm:
                cleaner.clean_document(document)
        rows["readers over the folder (the parent's part)"] *= len(timed) / len(documents)

        rules = _timed_rules(cleaner)  # after the warm-up, whose articles share ids with none timed
        whole = 0.0
        with cleaner.batch():
            started = time.perf_counter()
            for document in timed:
                document.load()
            rows["reading and decoding the file"] = time.perf_counter() - started
            site = cleaner.site_profile(None)
            segment = site.implementations["cleaner_segment_document"][0]
            keep_nothing = Vocabulary()
            for document in timed:
                started = time.perf_counter()
                found = segment.function(document=document, options=site.options[segment.plugin], limits=cleaner.limits)
                middle = time.perf_counter()
                article = Article(id="", source="", blocks=found.blocks)
                # profile_of in its two steps (the engine's own), to time them apart
                guesser = cleaner._guesser
                languages = guesser.languages_of(article.blocks) if guesser else None
                told = time.perf_counter()
                profile = cleaner._in_languages(site, languages) if guesser else site
                chosen = time.perf_counter()
                article.screen = profile.screen
                article.may_match(keep_nothing)
                rows["splitting into blocks (and counting words)"] += middle - started
                rows["telling the language"] += told - middle
                rows[NEW_LANGUAGES] += chosen - told
                rows["the screen (one RE2 set over the blocks)"] += time.perf_counter() - chosen
            for document in timed:
                started = time.perf_counter()
                article = cleaner.clean_document(document)
                middle = time.perf_counter()
                make_outcome(article, "jsonl")
                whole += middle - started
                rows["the record and its JSON line"] += time.perf_counter() - middle
        rows.update(rules.times)

    count = len(timed)
    print(f"{count} seed-shaped articles, after {WARM_UP} to warm up; microseconds an article\n")
    print(f"{'clean_document of a read file (blocks, screen, rules, text)':<60} {whole / count * 1e6:8.1f}")
    for label, prefix in (("all rule plugins, every pass", "rule "), ("  of which the passes after the first", "rule ")):
        total = sum(seconds for name, seconds in rules.times.items() if name.startswith(prefix)
                    and (label.startswith("all") or not name.endswith("pass 1")))
        print(f"{label:<60} {total / count * 1e6:8.1f}")
    for name, seconds in sorted(rows.items(), key=lambda row: -row[1]):
        print(f"  {name:<58} {seconds / count * 1e6:8.1f}")
    return 0


class _TimedRules:
    """Each rule plugin's time, by pass."""

    def __init__(self) -> None:
        self.times: dict[str, float] = defaultdict(float)
        self.calls: dict[tuple[str, str], int] = defaultdict(int)


def _timed_rules(cleaner: Cleaner) -> _TimedRules:
    """Wraps the rules of every profile the warm-up articles were cleaned with (one a language)."""
    timed = _TimedRules()

    def wrap(plugin, function):
        def call(article, **kwargs):
            timed.calls[article.id, plugin] += 1
            started = time.perf_counter()
            result = function(article=article, **kwargs)
            timed.times[f"rule {plugin}, pass {timed.calls[article.id, plugin]}"] += time.perf_counter() - started
            return result

        return call

    for rules in cleaner._bound_rules.values():
        rules[:] = [(plugin, wrap(plugin, function), kwargs) for plugin, function, kwargs in rules]
    return timed


if __name__ == "__main__":
    sys.exit(main())
