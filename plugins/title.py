"""The first line of a plain-text article, if it is shaped like a headline, is the title.

A title is set off from the body by a blank line, as the seed's is. Text with no blank line
after its first line (what trafilatura and most scrapers write, a paragraph per line) starts
with the body or a subheading as often as with the headline, so its first line is taken only
where the line under it repeats it, or the article's URL spells it out ("…/pge-begins-new-mass-power-shutoff" under "PG&E begins
new mass power shutoff over fire danger").

A line of two sentences ("Was meinen Sie? Haben sich Mozarts Eltern …") is body text, whatever
the URL says.

When the source states the title (``metadata.title`` is already set, if only to "" for an article
known to have none), no line is taken for it: the text is then the body alone, as it is when
cleaned text is cleaned again.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Mark
from cleaner.shapes import alone_in_paragraph, asks_then_goes_on, ends_with_full_stop, word_set

_SLUG_WORD = re.compile(r"[^\W\d_]{2,}")


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_words: int = 40
    """A first line longer than this is the start of the body, not a title."""
    min_slug_words: int = 3
    """A URL path needs this many words to tell a headline by."""
    min_slug_share: float = 0.6
    """Share of the URL's words the first line must hold to be taken for the headline it spells."""


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
    if first.words > options.max_words or ends_with_full_stop(first.text.strip()) or asks_then_goes_on(first.text):
        return None
    if _set_off(article, first):
        return [Mark(first, "first-line", "first line of a plain-text article, shaped like a headline", save_as="title")]
    if len(kept) > 1 and " ".join(kept[1].text.split()).casefold() == " ".join(first.text.split()).casefold():
        return [Mark(first, "first-line", "first line of a plain-text article, shaped like a headline and repeated under it", save_as="title")]
    if _spelt_by_url(first.text, article.metadata.url, options):
        return [Mark(first, "url-headline", "first line, shaped like a headline, holds the words of the article's URL", save_as="title")]
    return None


def _set_off(article, first) -> bool:
    """True if a blank line (or nothing) follows the first line in the source."""
    following = first.index + 1
    if following >= len(article.blocks):
        return True
    after = article.blocks[following].line
    return first.line is None or after is None or after > first.line + 1


def _spelt_by_url(text: str, url: str | None, options: Options) -> bool:
    """True if the line holds most words of the URL path's wordiest segment (its slug)."""
    if not url:
        return False
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return False
    slug = max((set(_SLUG_WORD.findall(part.lower())) for part in path.split("/")), key=len, default=set())
    if len(slug) < options.min_slug_words:
        return False
    return len(slug & word_set(text)) >= options.min_slug_share * len(slug)
