"""End matter: the lines after the story that credit, tag and sign it off.

"(Reporting by …; Editing by …)", "Fox News' Jane Doe contributed to this report.", "Tags: …",
"Filed under: …", "Copyright 2019 …", "Write to jane@example.com". A line counts only in the last
part of the article and when short, so the body's own sentences with these words stay.
A bare "Tags" line also takes the comma-separated list under it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Mark
from cleaner.patterns import Vocabulary


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
    blocks = article.blocks
    start = min(len(blocks) - options.min_tail_blocks, int(len(blocks) * (1 - options.tail_share)))
    marks = []
    taken = set()
    for block in blocks[max(start, 1) :]:
        if block.removal is not None or block.index in taken:
            continue
        text = block.text.strip()
        words = text.split()
        if len(words) > options.max_words:
            continue
        if options.credits.search(text):
            marks.append(Mark(block, "credit", "reporting or editing credit", "attribution"))
        elif options.legal.search(text):
            marks.append(Mark(block, "legal", "copyright or reuse notice", "attribution"))
        elif options.contacts.fullmatch(text):
            marks.append(Mark(block, "contact", "a line that only gives a contact"))
        elif options.tags.match(text):
            marks.append(Mark(block, "tags", "tags or categories of the article", "tags"))
            following = _tag_list(article, block, words, options)
            if following is not None:
                taken.add(following.index)
                marks.append(Mark(following, "tags", "list of tags under a 'Tags' label", "tags"))
    return marks


def _tag_list(article, label, label_words, options):
    """The comma-separated list right under a bare "Tags" label."""
    if len(label_words) > 2 or label.index + 1 >= len(article.blocks):
        return None
    following = article.blocks[label.index + 1]
    tags = [tag for tag in following.text.split(",") if tag.strip()]
    words = len(following.text.split())
    if following.removal is None and len(tags) >= 3 and words <= options.max_tag_list_words_per_tag * len(tags):
        return following
    return None
