"""``cleaner explain``: an article block by block, kept or removed, and which plugin and rule decided.

Colour is used only when writing to a terminal, and never when ``NO_COLOR`` is set
(https://no-color.org).
"""

from __future__ import annotations

import os
from typing import TextIO

from .engine import Cleaner
from .model import Article

_RED, _GREEN, _DIM, _BOLD, _RESET = "\033[31m", "\033[32m", "\033[2m", "\033[1m", "\033[0m"


def use_colour(stream: TextIO) -> bool:
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def explain_article(cleaner: Cleaner, article: Article, out: TextIO, colour: bool) -> None:
    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    site = article.site or "no site"
    profile = cleaner.profile_of(article)
    rules = f"site rules sites.{profile.key}" if profile.key else "no site rules"
    words = "words of " + (", ".join(sorted(profile.languages)) if profile.languages is not None else "every language")
    print(paint(_BOLD, f"== {article.id} ({article.source}; {site}; {rules}; {words})"), file=out)
    protected = profile.protected(article)
    paragraph = None
    for block in article.blocks:
        if paragraph is not None and block.paragraph != paragraph:
            print(file=out)
        paragraph = block.paragraph
        where = f"{block.line:>4}" if block.line is not None else f"#{block.index:>3}"
        if block.removal is None:
            note = paint(_DIM, "  [kept: protected by keep]") if block.index in protected else ""
            print(f"{where} {paint(_GREEN, 'KEEP')}    {block.text}{note}", file=out)
        else:
            removal = block.removal
            print(f"{where} {paint(_RED, 'REMOVE')}  {paint(_RED, block.text)}", file=out)
            print(paint(_DIM, f"             {removal.plugin}/{removal.rule}: {removal.reason}"), file=out)
    for problem in article.problems:
        level = "error" if problem.fatal else "warning"
        plugin = f" (plugin {problem.plugin})" if problem.plugin else ""
        print(paint(_RED, f"{level}: {problem.stage}: {problem.message}{plugin}"), file=out)


def explain(cleaner: Cleaner, inputs: list[str], out: TextIO) -> int:
    """Explain every article in `inputs`; return how many failed."""
    colour = use_colour(out)
    failed = 0
    for number, document in enumerate(cleaner.read(inputs)):
        article = cleaner.clean_document(document)
        if number:
            print(file=out)
        explain_article(cleaner, article, out, colour)
        failed += article.failed
    return failed
