"""Source and attribution footers: "Source: Read Full Article", "© 2023 …", "All rights reserved",
and the article's own address on a line of its own, as a print view ends.

Only short lines count, so a body paragraph that starts with "Source:" and goes on as a
sentence stays. The footer text goes to ``metadata.attribution``. Another page's address on a
line of its own stays: articles cite their sources that way.
"""

from __future__ import annotations

from urllib.parse import urlsplit

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
    own_url: bool = True
    """Take a line that is only the article's own URL (scheme, "www." and a closing slash aside)."""
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
    if options.own_url and article.metadata.url:
        marks.extend(_own_url_lines(article, _address(article.metadata.url)))
    return marks


def _own_url_lines(article, address: str | None) -> list[Mark]:
    if not address:
        return []
    return [
        Mark(block, "own-url", "the article's own address, as a print view shows it")
        for block in article.blocks
        if block.removal is None and block.text.lstrip().startswith(("http", "www.")) and _address(block.text) == address
    ]


def _address(url: str) -> str | None:
    """The URL without its scheme, "www.", query, fragment and closing slash, lower-cased host:
    the same page however a print view writes it. None if it is not one URL."""
    url = url.strip()
    if not url or any(character.isspace() for character in url):
        return None
    try:
        parts = urlsplit(url if "://" in url else f"//{url}")
    except ValueError:  # "http://[broken", an IPv6 host left open
        return None
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" if host else None


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
