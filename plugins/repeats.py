"""A run of blocks that repeats, word for word, blocks earlier in the same article.

Some pages carry their body twice (a print copy, a second template); trafilatura keeps both.
Only a run of several long blocks counts, so a repeated line in a recipe, a chorus or a list stays.
Nothing is remembered between articles. Runs early, before the rules that look at the first
blocks (the headline rule), so that they see the blocks where the clean text will have them.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Block, Mark


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min_words: int = 8
    """Shorter blocks are never taken for repeats."""
    min_run: int = 3
    """How many repeated blocks in a row make a repeated passage."""


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl(tryfirst=True)
def cleaner_mark_blocks(article, options):
    kept = article.kept_blocks()
    if not _may_repeat(kept, options):
        return None
    # Blocks by word count: the first block of a count as it is, its text normalised only when
    # another block has as many words, since only then can one repeat the other.
    seen: dict[int, Block | set[str]] = {}
    run = []
    marks = []
    for block in [*kept, None]:
        repeated = False
        if block is not None and block.words >= options.min_words:
            earlier = seen.get(block.words)
            if earlier is None:
                seen[block.words] = block
            else:
                if isinstance(earlier, Block):
                    earlier = seen[block.words] = {_normalised(earlier.text)}
                key = _normalised(block.text)
                repeated = key in earlier
                earlier.add(key)
        if repeated:
            run.append(block)
            continue
        if len(run) >= options.min_run:
            marks.extend(Mark(item, "repeat", "repeats an earlier passage of this article") for item in run)
        run = []
    return marks


def _may_repeat(kept, options) -> bool:
    """Whether `min_run` blocks in a row each have as many words as some block before them: a
    repeat has, so most articles are passed without comparing any text."""
    counts: set[int] = set()
    run = 0
    for block in kept:
        words = block.words
        if words < options.min_words:
            run = 0
        elif words in counts:
            run += 1
            if run >= options.min_run:
                return True
        else:
            counts.add(words)
            run = 0
    return False


def _normalised(text: str) -> str:
    """The text lower-cased with its spaces evened out, splitting it only where spacing is uneven."""
    text = text.strip()
    if "  " in text or not text.isprintable():
        text = " ".join(text.split())
    return text.lower()
