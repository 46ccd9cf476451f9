"""trafilatura's author heuristic (``trafilatura.metadata.extract_author``) at a fifth of its cost.

trafilatura looks for a byline with three XPath expressions that test ``@class`` and ``@id``
against regular expressions on every element of the page, after copying the page to prune
comments, dates and figures from it: 7 ms a page on the development corpora, more than
trafilatura's main-text pass spends on most steps. Here one XPath collects the few attributes
that could match, and the expressions' tests run in Python on their elements only, in document
order; the pruning is checked on the candidate's ancestors, and only its own subtree is copied.
The tests, and trafilatura 2.3.1's expressions they mirror, are in ``trafilatura/xpaths.py``
(``AUTHOR_XPATHS``, ``AUTHOR_DISCARD_XPATHS``); on the 626 development pages the answers are
trafilatura's, page for page (``bench/html_mode.py --part metadata`` counts them).
"""

from __future__ import annotations

import re
from copy import deepcopy

from lxml.etree import XPath

_ATTRIBUTES = XPath("//@class|//@id|//@itemprop|//@rel|//@data-testid|//@data-component|//author|//rel")
"""Every attribute an expression tests, and the elements it names, in document order."""
_MAY_MATCH = re.compile(
    r"uthor|yline|screenname|writer|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
    r"|^(?:username|byl|BBL)$"
)
"""A value that any of the expressions' tests could accept: a superset of them."""

# The three expressions of AUTHOR_XPATHS, from the most specific to the last resort.
_SPECIFIC_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_SPECIFIC_CLASS = re.compile(r"author-?name|AuthorName|authorName")
_GENERIC_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_GENERIC_ID = re.compile(r"author|zuozhe|bianji|xiaobian")
_GENERIC_CLASS = re.compile(r"author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
_ANY_ID = re.compile(r"[Aa]uthor")
_ANY_CLASS = re.compile(r"[Aa]uthor|screenname|writer|[Bb]yline")

# AUTHOR_DISCARD_XPATHS: comment sections, titles, dates, sidebars, figures.
_DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
_DISCARD_ID = re.compile(r"^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile(
    r"^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|article-(?:share|support)"
    r"|print|category|meta-date|meta-reviewer"
)


def byline_author(tree) -> str | None:
    """The author(s) named by the page's first byline-like element outside comments, dates and
    figures, normalised as trafilatura normalises them; None if there is none."""
    from trafilatura.htmlprocessing import prune_unwanted_nodes
    from trafilatura.metadata import normalize_authors, trim
    from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS

    candidates = _candidates(tree)
    if not candidates:
        return None
    for test in (_specific, _generic, _any):
        for element in candidates:
            if not test(element) or any(map(_discarded, element.iterancestors())) or _discarded(element):
                continue
            content = trim(" ".join(prune_unwanted_nodes(deepcopy(element), AUTHOR_DISCARD_XPATHS).itertext()))
            if content and 2 < len(content) < 120:
                return normalize_authors(None, content)
    return None


def _candidates(tree) -> list:
    """The elements, in document order, that any expression might select."""
    found: dict = {}
    for node in _ATTRIBUTES(tree):
        if isinstance(node, str):
            if node.attrname in ("rel", "itemprop", "data-testid", "data-component") or _MAY_MATCH.search(node):
                found.setdefault(node.getparent(), None)
        elif node.tag == "author":
            found.setdefault(node, None)
        elif node.getparent() is not None:
            found.setdefault(node.getparent(), None)  # <x><rel>me</rel></x>: the expression's rel='me'
    return list(found)


def _specific(element) -> bool:
    if element.tag == "author":
        return True
    get = element.get
    return element.tag in _SPECIFIC_TAGS and (
        get("rel") == "author" or get("id") == "author" or get("class") == "author"
        or get("itemprop") == "author name" or any((child.text or "") == "me" and len(child) == 0 for child in element.iterchildren("rel"))
        or get("data-testid") in ("AuthorCard", "AuthorURL")
        or bool(_SPECIFIC_CLASS.search(get("class") or ""))
    )


def _generic(element) -> bool:
    get = element.get
    return element.tag in _GENERIC_TAGS and (
        get("class") in ("byline", "username", "byl", "BBL")
        or "author" in (get("itemprop") or "")
        or bool(_GENERIC_ID.search(get("id") or ""))
        or bool(_GENERIC_CLASS.search(get("class") or ""))
    )


def _any(element) -> bool:
    get = element.get
    return isinstance(element.tag, str) and (
        "Byline" in (get("data-component") or "")
        or "author" in (get("itemprop") or "")
        or bool(_ANY_ID.search(get("id") or ""))
        or bool(_ANY_CLASS.search(get("class") or ""))
    )


def _discarded(element) -> bool:
    """True for an element trafilatura prunes before it looks for a byline."""
    tag, get = element.tag, element.get
    if tag in ("time", "figure"):
        return True
    return tag in _DISCARD_TAGS and (
        get("id") == "comments" or get("class") in ("comments", "title", "date")
        or bool(_DISCARD_ID.search(get("id") or ""))
        or bool(_DISCARD_CLASS.search(get("class") or ""))
        or "Figure" in (get("data-component") or "")
    )
