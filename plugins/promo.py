"""Promo blocks: "Don't miss…"-style headings with their run of headlines, "READ MORE:" inserts,
and headlines behind a pointer (">> headline <<").

A heading counts only when it is the whole line, so body text that merely says "don't miss"
stays. The items under it are recognised by shape: short lines that do not end with a full
stop, often tagged "[VIDEO]" or bulleted. Headlines go to ``metadata.related`` without their
tags and bullets.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, PrivateAttr

import cleaner
from cleaner.model import Mark
from cleaner.patterns import Pattern, Vocabulary, rstrip_read, without_markup
from cleaner.shapes import alone_in_paragraph, ends_with_full_stop, reads_as_a_sentence, word_count

_HEADING_TRAILER = " \t:：.…!?？»>›|-–—"
# No quantifiers: "\s*(?:...)\s*" backtracked quadratically on a long run of spaces (1.4 s for
# 8,000); the spaces around the separator are taken by hand in _insert_label.
_INSERT_SEPARATOR = re.compile(r"[:：|»›]|\s[-–—]\s")
_SEPARATOR_CHARS = re.compile(r"[:：|»›\-–—]")
"""A quick look for a character every separator holds: most lines have none."""
_POINTERS = " <>►▶→«»◄◀←"


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    headings: Vocabulary = Vocabulary()
    """Whole-line headings that introduce a list of other articles."""
    inserts: Vocabulary = Vocabulary()
    """Labels of one-line inserts, "LABEL: headline"."""
    marker: Pattern = Pattern(r"(?-i:\[\p{Lu}[\p{Lu}\p{N} ’'&/-]*\])")
    """A tag on a headline, such as [LATEST] or [VIDEO]."""
    bullet: Pattern = Pattern(r"(?:[-–—•*·▪►▸]|\d{1,2}[.)])\s+")
    pointer: Pattern = Pattern(r">>+\s*\S.*<<+|(?:►|▶|→|»»)\s*\S.*")
    """A line wrapped in pointers, ">> headline <<", or led by one, "► headline": a link to
    another article."""
    max_heading_words: int = 12
    """A heading is short; a longer line is never matched against the headings."""
    max_item_words: int = 25
    max_items: int = 15
    max_insert_words: int = 30
    _heading_lines: Vocabulary | None = PrivateAttr(default=None)
    _insert_lines: Vocabulary | None = PrivateAttr(default=None)

    def model_post_init(self, context) -> None:
        # To find the blocks that may hold a heading, or an insert's label before its separator.
        self._heading_lines = self.headings.followed_by(f"[{re.escape(_HEADING_TRAILER)}]*")
        self._insert_lines = self.inserts.followed_by(r"\s*[:：|»›\-–—.]")

    def line_finders(self) -> tuple[Vocabulary | None, ...]:
        """The vocabularies that find the lines that may be a heading, an insert or a tagged
        headline (read from the private values directly: pydantic's attribute lookup of a private
        attribute takes over a microsecond)."""
        private = self.__pydantic_private__
        return private["_heading_lines"], private["_insert_lines"], self.marker, self.pointer


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl
def cleaner_mark_blocks(article, options):
    marks: list[Mark] = []
    taken: set[int] = set()
    heading_lines, insert_lines, marker, pointer = options.line_finders()
    for block in article.candidates(heading_lines, insert_lines, marker, pointer):
        if block.index in taken or block.words > options.max_insert_words:
            continue
        text = block.text.strip()
        heading = rstrip_read(text, _HEADING_TRAILER)
        # A line that reads on as a sentence is a heading only with headlines under it ("You
        # might also be interested in these.").
        if (
            heading
            and block.words <= options.max_heading_words
            and article.may_match_block(block, heading_lines)
            and options.headings.fullmatch(heading)
            and ((items := _items_under(article, block, options)) or not reads_as_a_sentence(text, block.words))
        ):
            marks.append(Mark(block, "promo-heading", f"heading of a list of other articles: {heading!r}"))
            for item in items:
                taken.add(item.index)
                marks.append(
                    Mark(item, "promo-item", f"headline listed under {heading!r}", "related", headline(item.text, options))
                )
            continue
        inner = _unbracketed(text)
        insert = _insert_label(inner, options) if article.may_match_block(block, insert_lines) else None
        if insert:
            marks.append(Mark(block, "read-more-insert", f"one-line {insert!r} insert", "related", headline(inner[len(insert):], options)))
        elif article.may_match_block(block, marker) and marker.search(text) and _tagged_headline(text, options, block.words):
            marks.append(Mark(block, "tagged-headline", "headline tagged like a promo item", "related", headline(text, options)))
        elif article.may_match_block(block, pointer) and pointer.fullmatch(text) and _headline_like(_unpointed(text), options):
            marks.append(Mark(block, "pointer", "headline behind a pointer, a link to another article", "related", _unpointed(text)))
    return marks


def _unpointed(text: str) -> str:
    """">> Headline <<" without its pointers."""
    return text.strip(_POINTERS)


def _items_under(article, heading, options):
    """The run of headline-like blocks after a heading, within its paragraph if it shares one."""
    blocks = article.blocks
    within_paragraph = not alone_in_paragraph(article, heading)
    items = []
    for index in range(heading.index + 1, len(blocks)):
        candidate = blocks[index]
        if len(items) >= options.max_items:
            break
        if within_paragraph and candidate.paragraph != heading.paragraph:
            break
        if candidate.removal is not None:
            continue
        if not _headline_like(candidate.text, options, candidate.words):
            break
        items.append(candidate)
    return items


def _headline_like(text: str, options: Options, words: int | None = None) -> bool:
    text = text.strip()
    words = word_count(text) if words is None else words
    if not 1 < words <= options.max_item_words or text.endswith((":", "：")):
        return False
    return not ends_with_full_stop(text) or bool(options.marker.search(text)) or bool(options.bullet.match(text))


def _tagged_headline(text: str, options: Options, words: int) -> bool:
    """A lone headline carrying a tag at its start or end, like "Putin ally warns [VIDEO]"."""
    match = options.marker.search(text)
    at_edge = match.start() == 0 or match.end() == len(text)
    return at_edge and _headline_like(text, options, words)


def _unbracketed(text: str) -> str:
    """An insert set in brackets, "[Related: headline]" or "(Read more: headline)", without them."""
    if len(text) > 2 and (text[0], text[-1]) in (("[", "]"), ("(", ")")):
        return text[1:-1].strip()
    return text


def _insert_label(text: str, options: Options) -> str | None:
    """The "READ MORE:" part of a one-line insert, if the line is one."""
    separator = _SEPARATOR_CHARS.search(text) and _INSERT_SEPARATOR.search(text)
    if not separator:
        return _shouted_label(text, options)
    start, end = separator.span()
    while start > 0 and text[start - 1].isspace():
        start -= 1
    while end < len(text) and text[end].isspace():
        end += 1
    if start == 0:
        return None
    label, rest = text[:start], text[end:]
    if not options.inserts.fullmatch(label) or not rest or not _headline_like(rest, options):
        return None
    return text[:end]


def _shouted_label(text: str, options: Options) -> str | None:
    """The "LIRE AUSSI. " of "LIRE AUSSI. Headline": a label in capitals may end with a full stop,
    which after words in lower case ends a sentence instead."""
    stop = text.find(". ")
    if stop < 2 or not text[:stop].isupper():
        return None
    end = stop + 1
    while end < len(text) and text[end].isspace():
        end += 1
    rest = text[end:]
    if not options.inserts.fullmatch(text[:stop]) or not rest or not _headline_like(rest, options):
        return None
    return text[:end]


def headline(text: str, options: Options) -> str:
    """The headline alone: bullets, tags and Markdown's marks stripped, for ``metadata.related``."""
    text = without_markup(text.strip())
    bullet = options.bullet.match(text)
    if bullet:
        text = text[bullet.end() :]
    while True:
        match = options.marker.search(text)
        if not match:
            break
        text = (text[: match.start()] + " " + text[match.end() :]).strip()
    return " ".join(text.split())
