"""What an HTML page says about itself (title, author, date, url, site, language, description,
categories, tags), read from the tree the HTML reader parsed, at the price the `metadata` option sets.

* ``none``: nothing is read; the record keeps the url it came with and the site of that url.
* ``fast``: what the page states in its markup: JSON-LD, OpenGraph and ``<meta>`` tags, the
  ``<title>`` and a lone ``<h1>``, the canonical link, ``<html lang>``, and a date from the URL,
  the date tags or JSON-LD. Each is a lookup or two in the tree.
* ``full``: ``fast``, then trafilatura's and htmldate's heuristics for the title, author and date
  still missing: the author from the elements that look like a byline, the title from headings,
  the date from the page's elements and text.

Categories and tags come from the markup at every level: trafilatura's search of the page's
links for them cost 3 ms a page (a tenth of its main-text pass) for fields a news reader rarely
needs.

The readers are trafilatura's own (``examine_meta``, ``extract_meta_json``, ``extract_title``, …;
its byline search as `html_author` runs it, cheaper) and htmldate's, called in the order of their
cost rather than all at once as ``trafilatura.metadata.extract_metadata`` calls them. A lone ``<h1>`` comes before the title the
tags state, which often carries the site's name ("Headline | Site"): on the annotated development
pages it is the title the annotators read twice as often.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from lxml.etree import XPath

Level = Literal["full", "fast", "none"]

FIELDS = ("title", "author", "date", "url", "hostname", "sitename", "description", "categories", "tags", "language")


def page_metadata(tree, url: str | None, level: Level, extensive_date_search: bool = False) -> dict[str, Any]:
    """The page's metadata fields that are found, by name (empty ones left out), and ``site``."""
    if level == "none":
        return {}
    from trafilatura.metadata import examine_meta, extract_meta_json
    from trafilatura.settings import Document

    found: Document = examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None  # a one-word author in the tags is mostly a handle or the site (trafilatura's rule)
    try:
        found = extract_meta_json(tree, found)
    except Exception:  # trafilatura's JSON-LD reader fails on some malformed blocks; the tags stand
        pass
    full = level == "full"
    found.title = _lone_h1(tree) or found.title or (_title_heuristics(tree) if full else _title_element(tree))
    if full and not found.author:
        from .html_author import byline_author

        found.author = byline_author(tree)
    found.url = found.url or _canonical_url(tree, url)
    found.hostname = _hostname(found.url)
    found.date = _date(tree, found.url, full, extensive_date_search)
    found.sitename = _sitename(tree, found.sitename, found.url)
    found.categories = found.categories or _section(tree)
    found.language = _language(tree)
    found.clean_and_trim()
    return _fields(found)


def _lone_h1(tree) -> str | None:
    from trafilatura.baseline import block_text

    headings = tree.findall(".//h1")
    return (block_text(headings[0]) or None) if len(headings) == 1 else None


def _title_element(tree) -> str | None:
    """The part of the ``<title>`` that is not the site's name ("Headline | Site"), as trafilatura
    takes it when the headings give none."""
    from trafilatura.metadata import examine_title_element

    whole, first, second = examine_title_element(tree)
    return next((part for part in (first, second, whole) if part and "." not in part), None) or whole or None


def _title_heuristics(tree) -> str | None:
    from trafilatura.metadata import extract_title

    return extract_title(tree)


def _canonical_url(tree, url: str | None) -> str | None:
    from trafilatura.metadata import extract_url

    return extract_url(tree, url)


def _hostname(url: str | None) -> str | None:
    if not url:
        return None
    from courlan import extract_domain

    return extract_domain(url, fast=True)


def _date(tree, url: str | None, full: bool, extensive: bool) -> str | None:
    """htmldate's date: in ``fast`` from the URL, the date tags and JSON-LD only; in ``full`` its
    whole search (``extensive`` lets it read the page's text as well)."""
    from trafilatura.settings import set_date_params

    params = set_date_params(extensive)
    if not full:
        return _stated_date(tree, url, params)
    from htmldate import find_date

    found = find_date(tree, url=url, **{**params, "extensive_search": extensive})
    if found and found.endswith("-01-01") and _stated_date(tree, url, params) != found:
        return _east_asian_date(tree, found[:4]) or found
    return found


def _stated_date(tree, url: str | None, params: dict[str, Any]) -> str | None:
    """The date the URL, the date tags or JSON-LD state, as htmldate reads them."""
    from htmldate.core import Extractor, examine_header, get_max_date, get_min_date
    from htmldate.extractors import extract_url_date, json_search

    options = Extractor(False, get_max_date(params["max_date"]), get_min_date(None), params["original_date"], "%Y-%m-%d")
    return extract_url_date(url, options) or examine_header(tree, options) or json_search(tree, options)


_EAST_ASIAN_DATE = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_TEXTS_WITH_YEAR_SIGN = XPath("//body//text()[contains(., '年')][not(ancestor::script or ancestor::style)]")


def _east_asian_date(tree, year: str) -> str | None:
    """htmldate reads a Chinese or Japanese date with no time after it ("发布时间：2023年5月12日",
    "2023年05月12日（金）") as its year alone, January the first: the page's first such date
    of that year, or its month ("2021年3月": the first of March, as htmldate takes "March 2021").
    None if the page has none. (Not asked when the markup states that January the first.)"""
    today = date.today()
    for text in _TEXTS_WITH_YEAR_SIGN(tree):
        for match in _EAST_ASIAN_DATE.finditer(text):
            if match[1] != year:
                continue
            try:
                found = date(int(match[1]), int(match[2]), int(match[3] or 1))
            except ValueError:  # "2023年13月", "2月30日"
                continue
            if found <= today:
                return found.isoformat()
    return None


def _sitename(tree, stated: str | None, url: str | None) -> str | None:
    """The site's name as trafilatura makes it: stated, else the part of the ``<title>`` that looks
    like a domain, else the url's host; a Twitter handle's ``@`` dropped, a lower-case name capitalised."""
    from trafilatura.metadata import META_URL, extract_sitename

    name = stated or extract_sitename(tree)
    if name:
        name = name.lstrip("@")
        if name and "." not in name and not name[0].isupper():
            name = name.title()
        return name or None
    match = META_URL.match(url) if url else None
    return match[1] if match else None


def _section(tree) -> list[str]:
    """The sections the page's tags name (``article:section``), as trafilatura's last resort for categories."""
    return [
        element.get("content")
        for element in tree.iterfind('.//head/meta[@property="article:section"][@content]')
        if element.get("content").strip()
    ]


def _language(tree) -> str | None:
    """The page's language as it declares it (``<html lang>``, a ``content-language`` tag or
    ``og:locale``), reduced to its primary subtag: ``de`` for ``de-AT``."""
    declared = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not declared:
        for element in tree.iterfind(".//head/meta[@content]"):
            if (element.get("http-equiv") or "").lower() == "content-language" or element.get("property") == "og:locale":
                declared = element.get("content")
                break
    primary = (declared or "").strip().replace("_", "-").split("-")[0].split(",")[0].strip().lower()
    return primary if 2 <= len(primary) <= 3 and primary.isalpha() else None


def _fields(found) -> dict[str, Any]:
    fields = {name: value for name in FIELDS if (value := getattr(found, name, None)) not in (None, "", [])}
    if fields.get("hostname"):
        fields["site"] = fields["hostname"].removeprefix("www.")
    return fields

