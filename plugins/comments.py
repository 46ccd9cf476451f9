"""Readers' comment sections: a comment-section header and everything after it, and
comment-moderation or comment-form notices anywhere.

The header must be a short block of its own ("Comments", "Leave a Reply", "3 thoughts on …")
past the first quarter of the article with blocks after it, and must not read on as a sentence
("Leave a comment on the plans by Friday, the council asks.", "Einen Kommentar zu diesem Thema
schrieb der Bürgermeister selbst.") unless it quotes the title the comments are on, so an
article that talks about comments keeps its words. A bare "12 Comments" counter is the prompts
plugin's: it often sits under the byline, not above the comments. Runs first, so the section
goes as one.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Mark
from cleaner.patterns import Vocabulary
from cleaner.shapes import reads_as_a_sentence

_QUOTED_TITLE = re.compile("[\"„“”«»]")
"""A double quotation mark: "3 thoughts on “Why the bridge closed, and what comes next.”" quotes a
title. Single ones are left out, as "’" is the apostrophe of "the council’s plans" too."""


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    headers: Vocabulary = Vocabulary()
    """Whole blocks that open a comment section."""
    policies: Vocabulary = Vocabulary()
    """Comment-policy and comment-form notices, searched within short blocks."""
    max_header_words: int = 12
    max_policy_words: int = 50
    max_first_comment_words: int = 100
    """A "Comment" heading over a longer paragraph heads the writer's own commentary ("Kommentar",
    "Komentarz"), not the readers'."""
    min_position: float = 0.25
    """A header counts only this far (as a share of the blocks) into the article or later."""


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl(tryfirst=True)
def cleaner_mark_blocks(article, options):
    blocks = article.blocks
    start = int(len(blocks) * options.min_position)
    marks = []
    for block in article.candidates(options.headers):
        if not start <= block.index < len(blocks) - 1:
            continue
        if (
            block.words <= options.max_header_words
            and options.headers.fullmatch(text := block.text.strip())
            and (_QUOTED_TITLE.search(text) or not reads_as_a_sentence(text, block.words))
            and not _opens_a_section_of_the_article(blocks, block, options)
        ):
            marks.append(Mark(block, "comments-header", "opens the readers' comment section"))
            marks.extend(
                Mark(rest, "comment", "in the readers' comment section") for rest in blocks[block.index + 1 :] if rest.removal is None
            )
            break
    taken = {mark.block.index for mark in marks}
    for block in article.candidates(options.policies):
        if block.index not in taken and block.words <= options.max_policy_words:
            if options.policies.search(block.text.strip()):
                marks.append(Mark(block, "comment-policy", "comment-moderation or comment-form notice"))
    return marks


def _opens_a_section_of_the_article(blocks, header, options) -> bool:
    following = next((block for block in blocks[header.index + 1 :] if block.removal is None), None)
    return following is not None and following.words > options.max_first_comment_words
