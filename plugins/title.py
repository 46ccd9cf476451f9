"""The first line of a plain-text article, if it is shaped like a headline, is the title.

When the source states the title (``metadata.title`` is already set, if only to "" for an article
known to have none), no line is taken for it: the text is then the body alone, as it is when
cleaned text is cleaned again.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Mark
from cleaner.shapes import alone_in_paragraph, ends_with_full_stop


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_words: int = 40
    """A first line longer than this is the start of the body, not a title."""


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl(tryfirst=True)
def cleaner_mark_blocks(article, options):
    if article.metadata.title is not None:
        return None
    kept = article.kept_blocks()
    if not kept:
        return None
    first = kept[0]
    if first.kind != "line" or not alone_in_paragraph(article, first):
        return None
    if first.words > options.max_words or ends_with_full_stop(first.text.strip()):
        return None
    return [Mark(first, "first-line", "first line of a plain-text article, shaped like a headline", save_as="title")]
