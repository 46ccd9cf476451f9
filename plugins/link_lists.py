"""A list of other articles' headlines closing the page, with no heading to announce it.

The run of list items at the very end, each headline-long and most without a full stop, is a
related-articles list; it goes to ``related``. A list introduced by a line ending in ":" is the
article's own, and stays. So is a run of headings at the very end with no text under any of them
(on a page, teasers are often set as headings): an article's own headings head its paragraphs.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Mark
from cleaner.patterns import Pattern
from cleaner.shapes import ends_sentence


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    bullet: Pattern = Pattern(r"[-–—•*·▪►▸]\s+")
    """How a list item starts in plain text (HTML list items are known without it)."""
    min_items: int = 3
    min_words: int = 8
    max_words: int = 40
    max_sentence_share: float = 0.4
    """At most this share of the items may end like a sentence."""
    min_headings: int = 3
    """A closing run of this many headings, with no text under them, is a list of teasers."""


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl
def cleaner_mark_blocks(article, options):
    kept = article.kept_blocks()
    return _closing_headings(kept, options) or _closing_items(kept, options)


def _closing_headings(kept, options):
    run = []
    for block in reversed(kept):
        if block.kind != "heading" or block.words > options.max_words:
            break
        run.append(block)
    if len(run) < options.min_headings or len(run) == len(kept):
        return None
    return [Mark(block, "heading-tail", "closing run of headings with no text under them: other articles' teasers", "related") for block in reversed(run)]


def _closing_items(kept, options):
    run = []
    for block in reversed(kept):
        if not options.min_words <= block.words <= options.max_words:
            break
        if block.kind != "item" and not options.bullet.match(block.text.strip()):
            break
        run.append(block)
    if len(run) < options.min_items or len(run) == len(kept):
        return None
    before = kept[len(kept) - len(run) - 1]
    if before.text.rstrip().endswith((":", "：")):
        return None
    if sum(1 for block in run if ends_sentence(block.text)) > options.max_sentence_share * len(run):
        return None
    return [Mark(block, "link-list-tail", "closing list of other articles' headlines", "related") for block in reversed(run)]
