"""End matter: the lines after the story that credit, tag and sign it off.

"(Reporting by …; Editing by …)", "Fox News' Jane Doe contributed to this report.", "Tags: …",
"Filed under: …", "Copyright 2019 …", "Write to jane@example.com", "aja/PAP", and a box "About the
author" with the lines under it. A line counts only in the last
part of the article and when short, so the body's own sentences with these words stay. The last
part is measured on the blocks the clean text will have (the other rules' removals and this
rule's own left out), so cleaning the clean text again finds no more end matter.
A bare "Tags" line also takes the comma-separated list under it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Mark
from cleaner.patterns import Vocabulary, rstrip_read


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    credits: Vocabulary = Vocabulary()
    """Reporting and editing credits, searched within the line."""
    tags: Vocabulary = Vocabulary()
    """Tag and category labels, matched from the start of the line."""
    legal: Vocabulary = Vocabulary()
    """Copyright and reuse notices, searched within the line."""
    contacts: Vocabulary = Vocabulary()
    """Whole lines that are only a way to reach the author."""
    author_boxes: Vocabulary = Vocabulary()
    """Whole lines that head a box about the author or the series: "About the author"."""
    max_author_box_blocks: int = 2
    max_author_box_words: int = 100
    """The box is the label and up to this many blocks of at most this many words under it."""
    signoffs: Vocabulary = Vocabulary()
    """Whole lines that sign a wire story off with initials and agency: "aja/PAP", "(dpa)"."""
    tail_share: float = 0.25
    """The part of the article (as a share of its blocks) that counts as its end."""
    min_tail_blocks: int = 3
    max_words: int = 45
    max_tag_list_words_per_tag: int = 5


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl(trylast=True)
def cleaner_mark_blocks(article, options):
    kept = article.kept_blocks()
    candidates = article.candidates(options.credits, options.legal, options.contacts, options.tags, options.signoffs, options.author_boxes)
    marks: dict[int, Mark] = {}
    while True:
        # The tail of the article as the clean text will have it: without the end matter found so far.
        remaining = [block for block in kept if block.index not in marks]
        start = max(1, min(len(remaining) - options.min_tail_blocks, int(len(remaining) * (1 - options.tail_share))))
        tail = {block.index for block in remaining[start:]}
        found = False
        for block in candidates:
            if block.index in marks or block.index not in tail or block.words > options.max_words:
                continue
            for mark in _end_matter(article, block, options):
                marks.setdefault(mark.block.index, mark)
                found = True
        if not found:
            return [marks[index] for index in sorted(marks)]


def _end_matter(article, block, options) -> list[Mark]:
    text = block.text.strip()
    may = article.may_match_block
    if may(block, options.credits) and options.credits.search(text):
        return [Mark(block, "credit", "reporting or editing credit", "attribution")]
    if may(block, options.legal) and options.legal.search(text):
        return [Mark(block, "legal", "copyright or reuse notice", "attribution")]
    if may(block, options.contacts) and options.contacts.fullmatch(text):
        return [Mark(block, "contact", "a line that only gives a contact")]
    if may(block, options.signoffs) and options.signoffs.fullmatch(text):
        return [Mark(block, "sign-off", "initials and agency signing a wire story off", "attribution")]
    if may(block, options.author_boxes) and options.author_boxes.fullmatch(rstrip_read(text, " :：")):
        return [Mark(block, "author-box", "heads a box about the author", "author_box")] + [
            Mark(following, "author-box", "in a box about the author", "author_box") for following in _box_under(article, block, options)
        ]
    if may(block, options.tags) and options.tags.match(text):
        following = _tag_list(article, block, options)
        label = Mark(block, "tags", "tags or categories of the article", "tags")
        return [label] if following is None else [label, Mark(following, "tags", "list of tags under a 'Tags' label", "tags")]
    return []


def _tag_list(article, label, options):
    """The comma-separated list right under a bare "Tags" label."""
    if label.words > 2 or label.index + 1 >= len(article.blocks):
        return None
    following = article.blocks[label.index + 1]
    tags = [tag for tag in following.text.split(",") if tag.strip()]
    if following.removal is None and len(tags) >= 3 and following.words <= options.max_tag_list_words_per_tag * len(tags):
        return following
    return None


def _box_under(article, label, options):
    """The blocks under an "About the author" label, up to the next heading or the box's size."""
    box = []
    for block in article.blocks[label.index + 1 :]:
        if block.removal is not None:
            continue
        if len(box) == options.max_author_box_blocks or block.kind == "heading" or block.words > options.max_author_box_words:
            break
        box.append(block)
    return box
