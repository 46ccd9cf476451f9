#!/usr/bin/env python3
"""Look-alikes: body sentences that open like furniture, which must stay in the text.

The counterpart of `probes.py`. Each file in `bench/lookalikes/` holds lines (``language<TAB>line``)
written as writers of other outlets would open a sentence with furniture's words ("More from the
mayor's speech will be published on Friday.", "Bild-Chefredakteur … bestritt die Vorwürfe",
"Regístrate en el ayuntamiento …, pidió el alcalde."), none taken from a corpus page. Each is
cleaned between body paragraphs of its language and again as the article's last line, and those
a rule removed, or that took a body paragraph with them, are printed with the rule: a rule that
reads too much into a line's first words.

Usage (from the repository root)::

    python bench/lookalikes.py                          # every round
    python bench/lookalikes.py bench/lookalikes/round-1.tsv
"""

from __future__ import annotations

import sys
from pathlib import Path

from probes import BODY

from cleaner import Cleaner

LOOKALIKES = Path(__file__).resolve().parent / "lookalikes"


def removed(engine: Cleaner, language: str, line: str) -> list[tuple[str, str]]:
    """(place, plugin/rule) for each place where a rule removed the line, or a body paragraph
    with it: a line that opens a section (comments, a list of other articles) takes the
    paragraphs after it too."""
    body = BODY[language]
    found = []
    for place, parts in (("middle", [body, line, body, body]), ("end", [body, body, body, line])):
        article = engine.clean_text("\n\n".join(["Titel", *parts]))
        for block in article.blocks:
            if block.removal is None or block.text not in (line, body):
                continue
            what = "" if block.text == line else "a body paragraph, "
            found.append((place, f"{what}{block.removal.plugin}/{block.removal.rule}"))
    return found


def read_lookalikes(files: list[Path]) -> list[tuple[str, str, bool]]:
    """(language, line, removed on purpose) for each line of the files: ``language<TAB>line``, and a
    ``removed`` field for a line a rule takes on purpose (the README says why)."""
    return [
        (fields[0], fields[1], "removed" in fields[2:])
        for path in files
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
        for fields in [line.split("\t")]
    ]


def main(argv: list[str] | None = None) -> int:
    files = [Path(name) for name in (argv if argv is not None else sys.argv[1:])] or sorted(LOOKALIKES.glob("*.tsv"))
    lines = read_lookalikes(files)
    engine = Cleaner.from_config()
    taken = [(language, line, on_purpose, found) for language, line, on_purpose in lines if (found := removed(engine, language, line))]
    print(f"{len(lines)} look-alike lines; removed: {len(taken)} ({sum(entry[2] for entry in lines)} on purpose)")
    for language, line, on_purpose, found in sorted(taken, key=lambda entry: entry[2]):
        rules = ", ".join(f"{rule} in the {place}" for place, rule in found)
        print(f"  {language}  {line}  ({rules}{', on purpose' if on_purpose else ''})")
    taken_lines = {(language, line) for language, line, *_ in taken}
    for language, line, _ in [entry for entry in lines if entry[2] and entry[:2] not in taken_lines]:
        print(f"  {language}  {line}  (marked removed, but kept)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
