"""Reads HTML pages and splits them into blocks with one trafilatura pass.

trafilatura finds the main text and the page's metadata; its structured result (an XML tree of
paragraphs, headings, lists, quotes and tables) becomes the blocks, so rule plugins see each
heading, list item and table cell on its own. The segmenter serves every ``text/html`` document,
whichever reader found it: a page on disk, a JSON-lines record or a WARC response.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Block, Problem, Segments
from cleaner.read import read_one_article
from cleaner.shapes import word_set

from .html_lead import lost_lead
from .html_metadata import Level, page_metadata

MEDIA_TYPE = "text/html"

# trafilatura's output elements, and the block kind each becomes.
_LEAF_KINDS = {"p": "paragraph", "head": "heading", "item": "item", "quote": "quote", "cell": "cell", "code": "code"}
_CONTAINERS = {"list", "table", "row", "div", "quote", "item", "body", "main", "figure"}
_TEXT_KINDS = {"p", "head", "item", "cell"}
"""Elements of running text: a `<code>` in one is a word or two of it ("In <code>a.py</code>:"),
not a block of its own, which would cut its sentence into lines."""


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    suffixes: list[str] = [".html", ".htm", ".html.gz", ".htm.gz"]
    """File endings this reader takes, compared without regard to case."""
    include_comments: bool = False
    """Keep readers' comments. Off: trafilatura otherwise appends the comment section."""
    include_tables: bool = True
    """Keep tables: they often hold body text."""
    fast: bool = False
    """Skip trafilatura's fallback extractors: quicker, but they find text its own pass misses
    (on the development corpora, recall 0.931 against 0.914 after the rules)."""
    favor_precision: bool = False
    favor_recall: bool = False
    include_images: bool = False
    """Keep figures: the text under a picture that repeats its alt text becomes a `caption` block,
    which the captions plugin files under ``captions``. Off: trafilatura drops figures whole."""
    max_caption_words: int = 30
    recover_lead: bool = True
    """Put back the standfirst trafilatura left out (see `html_lead`), as a ``lead`` block above
    the body. trafilatura's evaluation corpus counts it as article text, as most readers do;
    scrapinghub's leaves it out. `headline`'s ``standfirst: true`` files it under ``description``."""
    metadata: Level = "full"
    """How much to read of what the page says about itself (see `html_metadata`): ``full`` (the
    markup, then trafilatura's and htmldate's heuristics for the title, author and date it leaves
    missing: as often right as trafilatura's own extraction), ``fast`` (only what the markup
    states: a few milliseconds a page less) or ``none``."""
    extensive_date_search: bool = True
    """With ``metadata: full``, let htmldate search the page's text for a date when its markup
    states none, as trafilatura does: on the development pages 0.867 of the dates right against
    0.812. Its first searches compile dateparser's expressions, a cost a long run pays once."""


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl
def cleaner_read_source(source, options, limits):
    if not source.holds("html", options.suffixes):
        return None
    return read_one_article(source, MEDIA_TYPE, _decode, limits.max_article_bytes)


def _decode(data: bytes) -> tuple[str, None]:
    """trafilatura's decoding, which heeds the page's declared charset (reading has gunzipped)."""
    from trafilatura.utils import decode_file

    return decode_file(data), None


@cleaner.hookimpl
def cleaner_segment_document(document, options):
    if document.media_type != MEDIA_TYPE:
        return None
    tree, cut_short = parse(document.content)
    result = None if tree is None else extract(tree, document.url, options)
    blocks = blocks_of(result, options)
    if blocks and options.recover_lead:
        blocks = with_lead(blocks, lost_lead(tree, " ".join(" ".join(block.text.split()) for block in blocks)))
    if not blocks:
        raise NoArticle("trafilatura found no main text in this page" + "".join(f"; {p.message}" for p in cut_short))
    return Segments(blocks, page_metadata(tree, document.url, options.metadata, options.extensive_date_search), cut_short)


# The stages of segmenting a page, each a function of its own so that bench/html_mode.py can time it.


def parse(content: str):
    """The page's tree, parsed once for all that reads it, and what the parser could not read."""
    from trafilatura.utils import HTML_PARSER, load_html

    tree = load_html(content)
    return tree, [_cut_short_problem(error) for error in HTML_PARSER.error_log.filter_from_fatals()]


def extract(tree, url: str | None, options: Options):
    """trafilatura's main text of the page. It works on a copy of the tree (``bare_extraction``
    copies a tree it is given), so the tree stays as parsed for the metadata."""
    from trafilatura import bare_extraction

    return bare_extraction(
        tree,
        url=url,
        with_metadata=False,
        include_comments=options.include_comments,
        include_tables=options.include_tables,
        include_images=options.include_images,
        fast=options.fast,
        favor_precision=options.favor_precision,
        favor_recall=options.favor_recall,
    )


def blocks_of(result, options: Options) -> list[Block]:
    blocks = _Blocks(options.max_caption_words)
    if result is not None and result.body is not None:
        blocks.walk(result.body)
        if options.include_comments and result.commentsbody is not None:
            blocks.walk(result.commentsbody)
    return blocks.blocks


def with_lead(blocks: list[Block], lead: str | None) -> list[Block]:
    """`blocks` with `lead` as a paragraph of its own under the headings that open them."""
    if lead is None:
        return blocks
    from trafilatura.utils import remove_control_characters

    at = next((position for position, block in enumerate(blocks) if block.kind != "heading"), len(blocks))
    paragraph = blocks[at].paragraph if at < len(blocks) else blocks[-1].paragraph + 1
    for block in blocks[at:]:
        block.index += 1
        block.paragraph += 1
    return [*blocks[:at], Block(index=at, text=remove_control_characters(lead), paragraph=paragraph, kind="lead"), *blocks[at:]]


def _cut_short_problem(error) -> Problem:
    """The HTML parser (libxml2) stopped reading the page: what came after is not in the article.

    It stops, for one, at elements nested more than 255 deep, which a page of unclosed tags reaches;
    reading deeper (XML_PARSE_HUGE) would lift its guards against hostile pages as well.
    """
    where = f"line {error.line}, column {error.column}"
    return Problem("segment", f"the page was read only up to {where}: {error.message.strip()}; the rest is missing", fatal=False)


class NoArticle(ValueError):
    """The page has no text trafilatura takes for an article; the engine records it on the article."""


class _Blocks:
    """Collects blocks from trafilatura's tree: leaf elements become blocks, `<lb/>` splits lines."""

    def __init__(self, max_caption_words: int):
        self.blocks: list[Block] = []
        self.paragraph = -1
        self.max_caption_words = max_caption_words
        self.picture: set[str] | None = None
        """Words of the alt text and title of the picture just passed, until the next block."""

    def walk(self, element, within: str | None = None) -> None:
        """Blocks from `element`'s children; `within` is "quote" inside a quotation."""
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            kind = _LEAF_KINDS.get(tag)
            if tag == "list" or tag == "row":
                self.paragraph += 1
                self._children_as_one_paragraph(child)
            elif tag == "graphic":
                self.picture = word_set(f"{child.get('alt') or ''} {child.get('title') or ''}")
            elif kind and not _has_block_children(child):
                self.paragraph += 1
                text = _text_of(child)
                self._add(text, "caption" if self._describes_picture(text) else within or kind)
            elif tag in _CONTAINERS or kind:
                self.paragraph += 1
                self._add(" ".join((child.text or "").split()), within or kind or "paragraph")
                self.walk(child, "quote" if tag == "quote" else within)
            else:
                self.paragraph += 1
                self._add(_text_of(child), within or "paragraph")
            tail = " ".join((child.tail or "").split())
            if tail:
                self.paragraph += 1
                self._add(tail, within or "paragraph")

    def _children_as_one_paragraph(self, container) -> None:
        """List items (or a row's cells) share one paragraph, so they print on consecutive lines."""
        paragraph = self.paragraph
        for child in container:
            tag = child.tag if isinstance(child.tag, str) else ""
            if _has_block_children(child):
                self.paragraph += 1
                self._add(" ".join((child.text or "").split()), _LEAF_KINDS.get(tag, "item"))
                self.walk(child)
                self.paragraph += 1
                paragraph = self.paragraph
            else:
                self.paragraph = paragraph
                self._add(_text_of(child), _LEAF_KINDS.get(tag, "item"))

    def _describes_picture(self, text: str) -> bool:
        """True for a short text that repeats most of the alt text of the picture right above it."""
        if not self.picture:
            return False
        words = word_set(text)
        if not words or len(text.split()) > self.max_caption_words:
            return False
        return len(words & self.picture) >= 0.6 * max(len(words), len(self.picture))

    def _add(self, text: str, kind: str) -> None:
        from trafilatura.utils import remove_control_characters

        # Soft hyphens, zero-width spaces and other invisible characters of the markup are left
        # out, as trafilatura's own text leaves them out: they are hints to the browser, not text.
        for line in remove_control_characters(text).split("\n"):
            if line:
                self.picture = None
                self.blocks.append(Block(index=len(self.blocks), text=line, paragraph=self.paragraph, kind=kind))


def _has_block_children(element) -> bool:
    inline_code = element.tag in _TEXT_KINDS
    return any(
        isinstance(child.tag, str) and (child.tag in _LEAF_KINDS or child.tag in _CONTAINERS)
        and not (inline_code and child.tag == "code")
        for child in element
    )


def _text_of(element) -> str:
    """The element's text with whitespace collapsed; `<lb/>` becomes a line break."""
    parts: list[str] = []

    def collect(node, top: bool) -> None:
        if not top and node.tag in ("lb", "graphic"):
            parts.append("\n")
        parts.append(node.text or "")
        for child in node:
            collect(child, False)
        if not top:
            parts.append(node.tail or "")

    collect(element, True)
    return "\n".join(" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip())
