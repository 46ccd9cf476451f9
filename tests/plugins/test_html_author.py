"""The byline search gives trafilatura's ``extract_author`` answer without its per-element regex XPaths."""

import pytest
from trafilatura.metadata import extract_author
from trafilatura.utils import load_html

from cleaner_plugins.html_author import byline_author

BODY = "<p>The town council voted on Tuesday to build a new bridge over the river, ending a long debate.</p>"


def page(body):
    return load_html(f"<html><head><title>Bridge</title></head><body>{body}{BODY}</body></html>")


BYLINES = {
    "a rel=author": '<a rel="author" href="/jane">Jane Doe</a>',
    "a class with author-name": '<span class="post-author-name">Jane Doe</span>',
    "a byline class": '<div class="byline">By Jane Doe and Sam Roe</div>',
    "an itemprop": '<span itemprop="author">Jane Doe</span>',
    "an id on any element": '<section id="articleAuthor">Jane Doe</section>',
    "a writer class on any element": '<section class="writer">Jane Doe</section>',
    "the specific before the generic": '<div class="byline">Sam Roe</div><span class="author">Jane Doe</span>',
    "inside a comment section": '<div id="comments"><span class="author">Commenter One</span></div><p class="byline">Jane Doe</p>',
    "a date inside the byline": '<div class="byline">Jane Doe <time>4 March 2021</time></div>',
    "too long for a name": '<div class="author">' + "word " * 40 + "</div>",
    "nothing like a byline": '<div class="teaser">Jane Doe</div>',
    "a sidebar's author": '<aside><div class="sidebar"><span class="author">Sam Roe</span></div></aside>',
}


@pytest.mark.parametrize("body", BYLINES.values(), ids=BYLINES.keys())
def test_the_author_is_trafilaturas(body):
    assert byline_author(page(body)) == extract_author(page(body))


def test_what_it_finds():
    assert byline_author(page(BYLINES["the specific before the generic"])) == "Jane Doe"
    assert byline_author(page(BYLINES["inside a comment section"])) == "Jane Doe"
    assert byline_author(page(BYLINES["a date inside the byline"])) == "Jane Doe"
    assert byline_author(page(BYLINES["nothing like a byline"])) is None
