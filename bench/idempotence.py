#!/usr/bin/env python3
"""How often cleaning the clean text again removes more, on articles made of furniture and body lines.

Builds N random articles from the lines of the seeds and test fixtures (outlets' furniture and
body text that looks like it), joined by the separators scrapers leave, cleans each, cleans its
clean text again with its title given (as `tests/test_properties.py` does), and counts the
articles where the second cleaning removed anything, by plugin and rule, with one example each.
The property test checks a fixed set of such articles on every run; this looks much further.

Usage (from the repository root)::

    python bench/idempotence.py               # 5,000 articles, seed 0
    python bench/idempotence.py -n 20000 --seed 3
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner  # noqa: E402

SEPARATORS = ["\n", "\n", "\n\n", "\n\n\n", "\r\n", "\n \n"]


def fixture_lines() -> list[str]:
    paths = sorted([*ROOT.glob("seeds/*.txt"), *ROOT.glob("tests/fixtures/*/*.txt")])
    return sorted({line for path in paths for line in path.read_text(encoding="utf-8").split("\n") if line.strip()})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=5000, help="articles to try (default 5,000)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    lines = fixture_lines()
    cleaner = Cleaner.from_config()
    rereader = Cleaner.from_config({"plugins": {"text_reader": {"paragraphs": "blank_lines"}}})
    rng = random.Random(args.seed)
    found: Counter[tuple[str, ...]] = Counter()
    examples: dict[tuple[str, ...], str] = {}
    for _ in range(args.n):
        text = "".join(rng.choice(lines) + rng.choice(SEPARATORS) for _ in range(rng.randint(0, 30)))
        first = cleaner.clean_text(text)
        second = rereader.clean_text(first.text, title=first.metadata.title or "")
        if second.removed_blocks():
            key = tuple(sorted({f"{b.removal.plugin}/{b.removal.rule}" for b in second.removed_blocks()}))
            found[key] += 1
            examples.setdefault(key, text)
    print(f"{args.n} articles (seed {args.seed}): {sum(found.values())} removed more when cleaned again")
    for key, count in found.most_common():
        print(f"  {count:5d}  {', '.join(key)}\n         e.g. {examples[key]!r}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
