#!/usr/bin/env python3
"""Which patterns of the language files no probe line exercises.

A pattern nobody wrote a line for may never match what a site writes: round 18 of the probes found
German patterns ("empfehlungen?") that had never matched the singular they were meant for. This
splits every pattern of `plugins/languages/*.yaml` into its top-level alternatives and lists those
that match no probe line of their language (`bench/probes/`), the probes seen as the rules see
them (`cleaner.patterns.as_read`). A match here is a search, so it says a probe line contains what
the alternative describes, not that the rule removed the line; `python bench/probes.py` says that.
The guard lists, which name what is not furniture, are left out.

Usage (from the repository root)::

    python bench/pattern_coverage.py              # counts by language and option
    python bench/pattern_coverage.py --list de    # the German alternatives no probe exercises
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml
from probes import PROBES, read_probes

from cleaner.patterns import _alternatives, as_read, compile_pattern

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ROOT / "plugins" / "languages"
GUARDS = {("captions", "not_labels"), ("byline", "date_words"), ("prompts", "reported_speech")}
"""Options whose patterns say what a line is not: their words are not furniture to probe."""


def probe_lines(folder: Path = PROBES) -> dict[str, list[str]]:
    """Every probe line by language, as the rules read it."""
    lines: dict[str, list[str]] = defaultdict(list)
    for probe in read_probes(sorted(folder.glob("*.tsv"))):
        lines[probe.language].append(as_read(probe.line)[0])
    return lines


def alternatives(path: Path):
    """(plugin, option, alternative) for every top-level alternative of the file's patterns."""
    for plugin, options in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
        for option, patterns in (options or {}).items():
            if (plugin, option) in GUARDS:
                continue
            for pattern in patterns:
                for atoms in _alternatives(pattern):
                    if atoms:
                        yield plugin, option, "".join(atom + quantifier for atom, quantifier in atoms)


def unexercised(languages: list[str] | None = None) -> tuple[int, list[tuple[str, str, str, str]]]:
    """How many alternatives there are, and (language, plugin, option, alternative) for those no
    probe line of their language matches."""
    lines = probe_lines()
    total, missing = 0, []
    for path in sorted(LANGUAGES.glob("*.yaml")):
        if languages and path.stem not in languages:
            continue
        for plugin, option, alternative in alternatives(path):
            total += 1
            regex = compile_pattern(alternative)
            if not any(regex.search(line) for line in lines.get(path.stem, ())):
                missing.append((path.stem, plugin, option, alternative))
    return total, missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", nargs="*", metavar="LANGUAGE", help="list the alternatives (of these languages)")
    args = parser.parse_args(argv)
    total, missing = unexercised(args.list or None)
    print(f"{len(missing)} of {total} alternatives match no probe line of their language")
    if args.list is not None:
        for row in missing:
            print("\t".join(row))
        return 0
    for (language, plugin, option), count in sorted(Counter(row[:3] for row in missing).items()):
        print(f"  {language}  {plugin}.{option}: {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
