"""Image captions and photo credits, recognised by shape and place, not by their words.

A caption stands alone between blank lines, is short, and either ends in a credit
("(Image: Getty)", "Photo: Reuters"), is a bare credit line, or has the "Place: what is shown"
shape without a closing full stop. Runs last, so lines the other rules explain are theirs.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Mark
from cleaner.patterns import Pattern, Vocabulary
from cleaner.shapes import alone_in_paragraph, ends_sentence, word_count


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_words: int = 30
    credit_lines: Vocabulary = Vocabulary()
    """Whole lines that are only a credit, such as "Photo: Reuters"."""
    credit_endings: Vocabulary = Vocabulary()
    """Credits at the end of a caption; each pattern should end with $."""
    label: Pattern = Pattern(r"\p{Lu}[\pL\pN'’.&-]+(?:\s+\p{Lu}[\pL\pN'’.&-]*){0,3}\s*:\s+\S")
    """The "Place: " start of a caption."""
    not_labels: Vocabulary = Vocabulary()
    """Labels that start body lines, not captions (Note, Update, ...)."""


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl(trylast=True)
def cleaner_mark_blocks(article, options):
    marks = []
    for block in article.blocks:
        if block.removal is not None:
            continue
        if block.kind == "caption":
            marks.append(Mark(block, "figure-caption", "caption of a figure in the page", "captions"))
            continue
        text = block.text.strip()
        if word_count(text) > options.max_words or not alone_in_paragraph(article, block):
            continue
        if options.credit_lines.fullmatch(text):
            marks.append(Mark(block, "credit-line", "a line that only credits a photo", "captions"))
        elif options.credit_endings.search(text):
            marks.append(Mark(block, "credited-caption", "short standalone line ending in a photo credit", "captions"))
        elif _labelled_caption(text, options):
            marks.append(
                Mark(block, "labelled-caption", "short standalone 'Place: what is shown' line without a full stop", "captions")
            )
    return marks


def _labelled_caption(text: str, options: Options) -> bool:
    if ends_sentence(text) or not options.label.match(text):
        return False
    label, _, shown = text.partition(":")
    if options.not_labels.fullmatch(label.strip()):
        return False
    return any(word.isalpha() and word.islower() for word in shown.split())
