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


def main(argv: list[str] | None = None) -> int:
    files = [Path(name) for name in (argv if argv is not None else sys.argv[1:])] or sorted(LOOKALIKES.glob("*.tsv"))
    lines = [
        tuple(line.split("\t")[:2])
        for path in files
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    engine = Cleaner.from_config()
    taken = [(language, line, found) for language, line in lines if (found := removed(engine, language, line))]
    print(f"{len(lines)} look-alike lines; removed: {len(taken)}")
    for language, line, found in taken:
        print(f"  {language}  {line}  ({', '.join(f'{rule} in the {place}' for place, rule in found)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
