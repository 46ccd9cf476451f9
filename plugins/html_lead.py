"""The standfirst trafilatura leaves out, found again through the page's description tag.

trafilatura often drops the paragraph under the headline that sums the article up (the lead,
standfirst or dek): it sits in the article's header, apart from the body, with classes its
extraction discards ("intro", "teaser", "summary"). Pages repeat it in their description tag
(``og:description``, ``description``, ``twitter:description``), which makes it easy to find
again: the element of the body whose text starts with the description is the lead. The page's
own text is taken, never the tag's, so what is kept is what the page shows. Many sites escape
the tag's text twice ("&amp;nbsp;" in the markup, "&nbsp;" once parsed), so its entities are
read before it is compared. A description of fewer than `MIN_WORDS` words is a slogan or a label
more often than a lead, and is passed over.
"""

from __future__ import annotations

from html import unescape

from lxml.etree import XPath

from cleaner.shapes import word_count

MIN_WORDS = 8
"""Fewer words: a site's slogan or a label ("Latest news from …"), not the article's lead."""
PROBE_CHARS = 40
"""How much of the description's start must open the element's text: enough to tell it apart."""
MAX_GROWTH = 3.0
"""How much longer than the description the element's text may be: a description is often the
lead cut to the hundred and fifty characters or so a search result shows, or its first sentence
alone, and a lead runs to two or three times that. A longer element is the body or a box around
more than the lead."""
MAX_CANDIDATES = 20

_DESCRIPTIONS = XPath(
    "//head/meta[@property='og:description' or @name='description' or @name='twitter:description']/@content"
)
_TEXTS_WITH = XPath("//body//text()[contains(., $word)]")
_UNSEEN = frozenset({"script", "style", "noscript", "template", "head", "title", "textarea", "option"})


def lost_lead(tree, kept_text: str) -> str | None:
    """The text of the page's lead, if the page repeats it in a description tag, shows it in its
    body, and `kept_text` (the extracted text, whitespace collapsed) does not already hold it."""
    description = _description(tree)
    if description is None:
        return None
    stem = description.rstrip(".…").rstrip() if description.endswith(("...", "…")) else description
    probe = stem[:PROBE_CHARS]
    if probe in kept_text:
        return None
    element = _element_opening_with(tree, probe, len(stem) * MAX_GROWTH + PROBE_CHARS)
    if element is None:
        return None
    text = _collapsed(element.text_content())
    return None if text[:PROBE_CHARS] in kept_text else text


def _description(tree) -> str | None:
    for content in _DESCRIPTIONS(tree):
        description = _collapsed(unescape(content) if "&" in content else content)
        if word_count(description) >= MIN_WORDS:
            return description
    return None


def _element_opening_with(tree, probe: str, longest: float):
    """The smallest visible element of the body whose text opens with `probe`: found from the text
    nodes that hold the probe's longest word (a word is rarely split across tags), then up."""
    word = max(probe.split()[:-1] or probe.split(), key=len)
    for found in _TEXTS_WITH(tree, word=word)[:MAX_CANDIDATES]:
        element = found.getparent()
        if found.is_tail:
            element = element.getparent()
        while element is not None and not _unseen(element):
            text = _collapsed(element.text_content())
            if len(text) > longest:
                break
            if text.startswith(probe):
                return element
            element = element.getparent()
    return None


def _unseen(element) -> bool:
    return not isinstance(element.tag, str) or element.tag in _UNSEEN


def _collapsed(text: str) -> str:
    return " ".join(text.split())
