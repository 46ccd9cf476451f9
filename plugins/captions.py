"""Image captions and photo credits, recognised by shape and place, not by their words.

A caption is short, ends without a full stop (unless it opens with a caption's words, "图为…")
and stands apart from the body: alone between blank lines, or in a paragraph of its own with a
photo credit. It either ends in a credit ("(Image: Getty)"), sits right above a credit line
("Photo: Reuters"), has the "Place: What is shown" shape above the article's first sentence
(lower down that shape is a subheading as often, and a caption there is known by its credit), or
stands between the title and the first paragraph. Runs last, so lines the other rules explain
are theirs.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Mark
from cleaner.patterns import Pattern, Vocabulary
from cleaner.shapes import (
    alone_in_paragraph,
    ends_sentence,
    ends_with_full_stop,
    goes_on_after_a_comma,
    paragraph_mates,
    previous_kept,
)


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_words: int = 30
    credit_lines: Vocabulary = Vocabulary()
    """Whole lines that are only a credit, such as "Photo: Reuters"."""
    max_credit_sentence_words: int = 7
    """A credit line of more words that ends with a full stop is a sentence that opens with the
    label ("Foto: Per Nilsson visar sina bilder från 1960-talet i biblioteket.")."""
    credit_endings: Vocabulary = Vocabulary()
    """Credits at the end of a caption; each pattern should end with $."""
    label: Pattern = Pattern(r"(?-i:\p{Lu}[\pL\pN'’.&-]+(?:\s+\p{Lu}[\pL\pN'’.&-]*){0,3})\s*:\s+(?-i:\p{Lu})")
    """The "Place: What" start of a caption."""
    not_labels: Vocabulary = Vocabulary()
    """Labels that start body lines, not captions (Note, Update, ...)."""
    openers: Vocabulary = Vocabulary()
    """Words that open a caption however it ends ("图为…。", "上图：…。"): such a line right above
    a credit line is its caption, full stop and all."""
    lead_captions: bool = True
    """Take a short unpunctuated line between the title and the first paragraph as a caption."""
    min_lead_words: int = 4


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl(trylast=True)
def cleaner_mark_blocks(article, options):
    marks: dict[int, Mark] = {}
    candidates = {block.index for block in article.candidates(options.credit_lines, options.credit_endings, options.label)}
    candidates.update(block.index for block in article.blocks if block.kind == "caption")
    candidates = [article.blocks[index] for index in sorted(candidates)]
    paragraphs = None
    while True:
        added = _mark_round(article, candidates, options, marks, paragraphs)
        if not added:
            break
        paragraphs = {article.blocks[index].paragraph for index in added}
    lead = _lead_caption(article, options) if options.lead_captions else None
    if lead is not None and lead.index not in marks:
        marks[lead.index] = Mark(lead, "lead-caption", "short unpunctuated line between the title and the body", "captions")
    return [marks[index] for index in sorted(marks)]


def _mark_round(article, candidates, options, marks, paragraphs) -> list[int]:
    """One pass over the candidates (in `paragraphs` only, after the first); returns what it marked.

    A caption marked here can leave a line of its paragraph standing alone, so passes repeat over
    the paragraphs that changed until nothing more is found: the result is what the clean text
    would show if cleaned again.
    """
    added = []
    for block in candidates:
        if block.removal is not None or block.index in marks:
            continue
        if paragraphs is not None and block.paragraph not in paragraphs:
            continue
        if block.kind == "caption":
            marks[block.index] = Mark(block, "figure-caption", "caption of a figure in the page", "captions")
            added.append(block.index)
            continue
        if block.words > options.max_words:
            continue
        text = block.text.strip()
        if (
            article.may_match_block(block, options.credit_lines)
            and options.credit_lines.fullmatch(text)
            and not (ends_with_full_stop(text) and goes_on_after_a_comma(text))
            and not _credit_sentence(text, block.words, options)
            and _stands_apart_with_its_caption(article, block, options, marks)
        ):
            marks[block.index] = Mark(block, "credit-line", "a line that only credits a photo", "captions")
            added.append(block.index)
            caption = _caption_above(article, block, options, marks)
            if caption is not None:
                marks[caption.index] = Mark(caption, "credited-caption", "short line right above a photo credit", "captions")
                added.append(caption.index)
            continue
        if not alone_in_paragraph(article, block, marks):
            continue
        if (
            article.may_match_block(block, options.credit_endings)
            and options.credit_endings.search(text)
            and not (_credit_sentence(text, block.words, options) and options.credit_lines.fullmatch(text))
        ):
            marks[block.index] = Mark(block, "credited-caption", "short standalone line ending in a photo credit", "captions")
            added.append(block.index)
        elif (
            article.may_match_block(block, options.label)
            and _before_the_body(article, block, marks)
            and _labelled_caption(text, options)
        ):
            marks[block.index] = Mark(
                block, "labelled-caption", "short standalone 'Place: What is shown' line without a full stop", "captions"
            )
            added.append(block.index)
    return added


def _caption_like(block, options: Options) -> bool:
    text = block.text.strip()
    if not text or block.words > options.max_words or text.endswith(":"):
        return False
    return not ends_with_full_stop(text) or bool(options.openers and options.openers.match(text))


def _stands_apart_with_its_caption(article, block, options, marks) -> bool:
    """Alone, or closing a short paragraph whose other lines look like its caption."""
    mates = paragraph_mates(article, block, 3, marks)
    if not mates:
        return True
    return (
        len(mates) <= 2
        and all(mate.index < block.index for mate in mates)
        and all(_caption_like(b, options) for b in [*mates, block])
    )


def _caption_above(article, credit, options, marks):
    above = previous_kept(article, credit, marks)
    if above is None or not _caption_like(above, options):
        return None
    if above.paragraph == credit.paragraph:
        return above
    if alone_in_paragraph(article, above, marks) and alone_in_paragraph(article, credit, marks):
        return above
    return None


def _before_the_body(article, block, marks) -> bool:
    """Whether no kept line above the block ends a sentence: it stands over the lead picture. Lower
    down, a "Place: What is shown" line is a subheading as often ("Analysis: the road ahead for
    the party"), and a caption there is known by its credit."""
    return not any(
        above.removal is None and above.index not in marks and ends_sentence(above.text.strip())
        for above in article.blocks[: block.index]
    )


def _labelled_caption(text: str, options: Options) -> bool:
    if ends_sentence(text) or not options.label.match(text):
        return False
    label, _, shown = text.partition(":")
    if options.not_labels.fullmatch(label.strip()):
        return False
    return any(word.isalpha() and word.islower() for word in shown.split())


def _lead_caption(article, options):
    """The line between a detected title and the first body paragraph, if caption-shaped."""
    blocks = article.blocks
    if not blocks or blocks[0].removal is None or blocks[0].removal.rule != "first-line":
        return None
    kept = [block for block in blocks[1:3] if block.removal is None]
    if len(kept) < 2:
        return None
    candidate, following = kept
    text = candidate.text.strip()
    if (
        candidate.index != 1
        or not alone_in_paragraph(article, candidate)
        or candidate.words < options.min_lead_words
        or ends_sentence(text)
        or not _caption_like(candidate, options)
    ):
        return None
    return candidate if ends_sentence(following.text) or following.words > options.max_words else None


def _credit_sentence(text: str, words: int, options: Options) -> bool:
    """A line that opens with a credit's label but is a sentence: longer than a credit, with a full stop."""
    return words > options.max_credit_sentence_words and ends_with_full_stop(text)
