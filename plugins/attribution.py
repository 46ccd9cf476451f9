"""Source and attribution footers: "Source: Read Full Article", "© 2023 …", "All rights reserved".

Only short lines count, so a body paragraph that starts with "Source:" and goes on as a
sentence stays. The footer text goes to ``metadata.attribution``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, PrivateAttr

import cleaner
from cleaner.model import Mark
from cleaner.patterns import Vocabulary
from cleaner.shapes import ends_sentence, word_count


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    footers: Vocabulary = Vocabulary()
    """Whole lines that credit the article to its outlet or claim its copyright."""
    source_labels: Vocabulary = Vocabulary()
    """Labels of "Label: outlet" lines, such as Source or Fonte."""
    max_words: int = 30
    max_source_words: int = 6
    """An outlet's name is short; a longer "Source: …" line is a sentence of the body."""
    _source_lines: Vocabulary | None = PrivateAttr(default=None)

    def model_post_init(self, context) -> None:
        # A source label before a colon, to find the lines that may be "Label: outlet".
        self._source_lines = self.source_labels.followed_by(r"\s*:")

    def line_finders(self) -> tuple[Vocabulary | None, ...]:
        """The vocabularies that find the lines that may be a footer or a "Label: outlet" line
        (the private value read directly: pydantic's lookup of a private attribute is slow)."""
        return self.footers, self.__pydantic_private__["_source_lines"]


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl
def cleaner_mark_blocks(article, options):
    marks = []
    footers, source_lines = options.line_finders()
    for block in article.candidates(footers, source_lines):
        if block.words > options.max_words:
            continue
        text = block.text.strip()
        if article.may_match_block(block, footers) and footers.fullmatch(text):
            marks.append(Mark(block, "footer", "attribution or copyright footer", "attribution"))
        elif article.may_match_block(block, source_lines) and _source_line(text, options):
            marks.append(Mark(block, "source-line", "names the outlet the article came from", "attribution"))
    return marks


def _source_line(text: str, options: Options) -> bool:
    """"Label: outlet", with a colon or a full-width one ("来源：新华社")."""
    label, colon, outlet = text.replace("：", ":").partition(":")
    if not colon:
        return False
    outlet = outlet.strip()
    return (
        bool(outlet)
        and word_count(outlet) <= options.max_source_words
        and not ends_sentence(outlet)
        and bool(options.source_labels.fullmatch(label.strip()))
    )
