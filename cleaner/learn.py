"""``cleaner learn``: finds a site's template furniture from a corpus of its articles.

A line the site's template puts on every page (a sign-up prompt, a "Follow us" line, a
standing disclaimer) recurs across a large share of the site's articles; a line of body text
does not. Lines are compared normalised (case folded, runs of digits made one digit, whitespace
collapsed), counted once per article, and kept as furniture when they occur in at least
``min_share`` of a site's articles, in at least ``min_articles`` of them, and are at most
``max_words`` long (long lines are body text even when syndicated copies repeat them).

The result is a config overlay, ``sites.<host>.drop_lines``, with each line written as an escaped
literal (digits as ``\\d+``, spaces as ``\\s+``), commented with its share and an example, for a
person to review; apply it with ``--rules`` (site rules only, so safe to share: see
`cleaner.rules_files`) or with the ``repeated_lines`` plugin.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import re2

from .engine import Cleaner
from .model import Document

_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_PIECES = re.compile(r"(\d+)|(\s+)")


def normalise(line: str) -> str:
    return _SPACES.sub(" ", _DIGITS.sub("0", line.casefold())).strip()


def literal_pattern(line: str) -> str:
    """An RE2 pattern matching `line` and its variants that differ in digits, spaces and case."""
    pieces = []
    position = 0
    text = line.strip()
    for match in _PIECES.finditer(text):
        pieces.append(re2.escape(text[position : match.start()]))
        pieces.append(r"\d+" if match.group(1) else r"\s+")
        position = match.end()
    pieces.append(re2.escape(text[position:]))
    return "".join(piece for piece in pieces if piece)


@dataclass
class SiteLines:
    articles: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LearnedLine:
    pattern: str
    share: float
    articles: int
    example: str


def count_lines(cleaner: Cleaner, inputs: list[str], by_folder: bool = False) -> tuple[dict[str, SiteLines], list[str]]:
    """Per site, how many articles hold each normalised line; and the problems met on the way."""
    sites: dict[str, SiteLines] = defaultdict(SiteLines)
    problems = []
    for document in cleaner.read(inputs):
        article = cleaner.clean_document(document)
        if article.failed:
            problems.extend(f"{article.source}: {problem.message}" for problem in article.problems if problem.fatal)
            continue
        site = _folder_site(document) if by_folder else article.site
        if not site:
            problems.append(f"{article.source}: no site (give records a url, or use --site or --by-folder)")
            continue
        lines = sites[site]
        lines.articles += 1
        seen = set()
        for block in article.blocks:
            key = normalise(block.text)
            if key and key not in seen:
                seen.add(key)
                lines.counts[key] += 1
                lines.examples.setdefault(key, block.text.strip())
    return dict(sites), problems


def _folder_site(document: Document) -> str | None:
    parent = Path(document.source).parent.name
    return parent or None


def furniture(lines: SiteLines, min_share: float, min_articles: int, max_words: int) -> list[LearnedLine]:
    learned = []
    for key, count in lines.counts.items():
        share = count / lines.articles
        if count >= min_articles and share >= min_share and len(key.split()) <= max_words:
            example = lines.examples[key]
            learned.append(LearnedLine(literal_pattern(example), share, count, example))
    return sorted(learned, key=lambda line: (-line.share, line.example))


def to_yaml(learned: dict[str, tuple[int, list[LearnedLine]]], settings: str) -> str:
    """The learned rules as a commented config overlay (written by hand, to keep the comments)."""
    out = [
        "# Learned by `cleaner learn` " + settings + ".",
        "# Review every line: delete any that is not furniture. Apply with --rules or the repeated_lines plugin.",
        "sites:" if learned else "sites: {}",
    ]
    for site, (articles, lines) in sorted(learned.items()):
        out.append(f"  {_quote(site)}:  # {articles} articles")
        out.append("    drop_lines:")
        for line in lines:
            out.append(f"      - {_quote(line.pattern)}  # in {line.share:.0%} ({line.articles}), e.g. {_comment(line.example)}")
    return "\n".join(out) + "\n"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _comment(text: str) -> str:
    return " ".join(text.split())[:100]


def learn(
    cleaner: Cleaner,
    inputs: list[str],
    *,
    min_share: float = 0.5,
    min_articles: int = 5,
    max_words: int = 20,
    by_folder: bool = False,
) -> tuple[str, dict[str, tuple[int, list[LearnedLine]]], list[str]]:
    """The learned YAML, the learned lines per site, and the problems met."""
    counted, problems = count_lines(cleaner, inputs, by_folder)
    learned = {}
    for site, lines in counted.items():
        found = furniture(lines, min_share, min_articles, max_words)
        if found:
            learned[site] = (lines.articles, found)
    settings = f"(min share {min_share}, min articles {min_articles}, max words {max_words})"
    return to_yaml(learned, settings), learned, problems


def run(cleaner: Cleaner, args, errors) -> int:
    """The ``learn`` command: write the learned YAML; exit 1 if some article could not be read."""
    text, learned, problems = learn(
        cleaner,
        args.inputs,
        min_share=args.min_share,
        min_articles=args.min_articles,
        max_words=args.max_words,
        by_folder=args.by_folder,
    )
    for problem in problems:
        print(f"cleaner: error: {problem}", file=errors)
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"cleaner: cannot write {args.output}: {error.strerror or error}", file=errors)
        return 2
    found = sum(len(lines) for _, lines in learned.values())
    print(f"cleaner: {found} furniture lines for {len(learned)} sites in {args.output}", file=errors)
    return 1 if problems else 0
