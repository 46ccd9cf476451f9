"""``cleaner check-rules``: runs every site's example articles and compares them with the output
their authors expect.

Examples live in folders named after a host: ``<plugin dir>/examples/<host>/`` for site plugins,
and the folder named by ``sites.<host>.examples`` for rules in config.yaml. Each ``NAME.txt``
comes with ``NAME.expected.json`` holding any of ``title``, ``text``, ``captions``, ``related``,
``attribution`` (those it holds are compared) and, for an example of a glob key, ``site``.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from .engine import Cleaner
from .model import Article
from .sites import is_glob

COMPARED = ("title", "text", "captions", "related", "attribution")


@dataclass(frozen=True)
class Example:
    site: str
    input: Path
    expected: Path


def find_examples(cleaner: Cleaner) -> Iterator[Example]:
    for folder in cleaner.plugin_dirs:
        examples = folder / "examples"
        if examples.is_dir():
            for host_folder in sorted(path for path in examples.iterdir() if path.is_dir()):
                yield from _examples_in(host_folder, host_folder.name)
    for key, folder in sorted(cleaner.config.site_examples().items()):
        yield from _examples_in(folder, key)


def _examples_in(folder: Path, site: str) -> Iterator[Example]:
    for path in sorted(folder.glob("*.txt")):
        yield Example(site, path, path.with_name(path.name.removesuffix(".txt") + ".expected.json"))


def outcome(article: Article) -> dict[str, Any]:
    """What an example's expected file describes, from a cleaned article."""
    metadata = article.metadata
    return {
        "title": metadata.title,
        "text": article.text,
        "captions": metadata.captions,
        "related": metadata.related,
        "attribution": metadata.attribution,
    }


def check_example(cleaner: Cleaner, example: Example) -> list[str]:
    """The differences between the example's output and what is expected, as diff lines."""
    try:
        expected = json.loads(example.expected.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return [f"{example.expected}: cannot read the expected output: {error}"]
    site = expected.get("site", example.site)
    if is_glob(site):
        return [f"{example.expected}: the site {site!r} is a glob: give the example a \"site\" hostname"]
    article = cleaner.clean_text(example.input.read_text(encoding="utf-8"), id=example.input.stem,
                                 source=str(example.input), site=site)
    actual = outcome(article)
    keys = [key for key in COMPARED if key in expected]
    wanted, got = _listing(expected, keys), _listing(actual, keys)
    if wanted == got:
        return []
    return list(difflib.unified_diff(wanted, got, f"{example.expected} (expected)", f"{example.input} (got)", lineterm=""))


def _listing(outcome: dict[str, Any], keys: list[str]) -> list[str]:
    """An outcome one line per item, so that a diff shows which line differs."""
    lines = []
    for key in keys:
        value = outcome.get(key)
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {item}" for item in value)
        elif key == "text" and isinstance(value, str):
            lines.append("text:")
            lines.extend(f"  | {line}" for line in value.split("\n"))
        else:
            lines.append(f"{key}: {value}")
    return lines


def check_rules(cleaner: Cleaner, out: TextIO) -> int:
    """Print pass/fail per example and a diff for each failure; return how many failed.

    An examples folder named in config.yaml that does not exist counts as a failure.
    """
    missing = [(key, folder) for key, folder in sorted(cleaner.config.site_examples().items()) if not folder.is_dir()]
    for key, folder in missing:
        print(f"FAIL  {key}  {folder}: sites.{key}.examples: no such folder", file=out)
    examples = list(find_examples(cleaner))
    failed = 0
    for example in examples:
        differences = check_example(cleaner, example)
        print(f"{'FAIL' if differences else 'pass'}  {example.site}  {example.input}", file=out)
        if differences:
            failed += 1
            print("\n".join(differences), file=out)
    print(f"{len(examples) - failed} of {len(examples)} examples pass", file=out)
    return failed + len(missing)
