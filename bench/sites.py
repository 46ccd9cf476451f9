#!/usr/bin/env python3
"""Throughput of cleaning with and without many site sections, to see what per-site options cost.

Cleans the fixture articles (tests/fixtures) round-robin as if from `--hosts` distinct hosts, first
with the default config, then with `--sections` site sections (exact hosts, parent domains and
globs, each with rules and an option override) laid over it: once for other hosts (the cost of
looking the site up) and once for these hosts (the cost of the rules themselves).

Usage (from the repository root)::

    python bench/sites.py --articles 3000 --sections 200 --hosts 500
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from cleaner import Cleaner

ROOT = Path(__file__).resolve().parent.parent


def sections(count: int, domain: str = "example") -> dict:
    """Site sections for outlet0 … outlet<count-1> under `domain` (a quarter of them globs)."""
    sites = {}
    for number in range(count):
        key = f"*.outlet{number}.*" if number % 4 == 0 else f"outlet{number}.{domain}"
        sites[key] = {
            "drop_lines": [f"outlet {number} furniture line", r"updated \d+:\d+ gmt"],
            "drop_blocks": [{"start": f"more from outlet {number}"}],
            "plugins": {"promo": {"max_items": 10}},
        }
    return {"sites": sites}


def run(cleaner: Cleaner, texts: list[str], articles: int, hosts: int) -> float:
    start = time.perf_counter()
    for number in range(articles):
        cleaner.clean_text(texts[number % len(texts)], site=f"www.outlet{number % hosts}.example")
    return articles / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--sections", type=int, default=200)
    parser.add_argument("--hosts", type=int, default=500)
    args = parser.parse_args()
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "tests" / "fixtures").glob("*/*.txt"))]
    plain = Cleaner.from_config()
    start = time.perf_counter()
    with_sites = Cleaner.from_config(sections(args.sections))
    load = time.perf_counter() - start
    print(f"load with {args.sections} site sections: {load:.2f} s")
    elsewhere = Cleaner.from_config(sections(args.sections, domain="elsewhere"))
    print(f"default config:                       {run(plain, texts, args.articles, args.hosts):7.0f} articles/s")
    print(f"{args.sections} sections, none for these hosts: {run(elsewhere, texts, args.articles, args.hosts):7.0f} articles/s")
    print(f"{args.sections} sections for these hosts:       {run(with_sites, texts, args.articles, args.hosts):7.0f} articles/s")


if __name__ == "__main__":
    main()
