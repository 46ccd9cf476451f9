"""The lead trafilatura leaves out, put back from the page when its description tag repeats it;
and the descriptions that must not bring anything back."""

import pytest

from cleaner import Cleaner
from cleaner.model import Document
from conftest import removed_by
from cleaner_plugins.html_reader import Options, cleaner_segment_document

BODY = """<p>The town council voted on Tuesday to build a new bridge over the river, ending a debate that
had run for more than a decade and divided the town's two largest neighbourhoods.</p>
<p>The bridge will cost about twelve million pounds, paid for by a national grant and by the
town's own reserves, the council's finance officer told the meeting on Tuesday evening.</p>
<p>Work is to start next spring and to last two years, during which the old ferry will keep running
as it has for the past eighty years, the council said in a statement after the vote.</p>"""

LEAD = "After ten years of debate, the council has said yes to a bridge that will join the town's two halves for the first time."


def page(description=LEAD, header=f'<div class="teaser-intro"><p>{LEAD}</p></div>', body=BODY, tag='property="og:description"'):
    return f"""<html><head><title>Bridge approved</title><meta {tag} content="{description}"></head>
<body><article><header><h1>Council approves new bridge</h1>{header}</header>
<div class="article-body">{body}</div></article></body></html>"""


def blocks(html, **options):
    document = Document(id="page", source="page", content=html, media_type="text/html")
    return cleaner_segment_document(document, Options(**options)).blocks


def test_the_lead_trafilatura_drops_comes_back_above_the_body():
    found = blocks(page())
    assert [(block.kind, block.text) for block in found[:2]] == [
        ("lead", LEAD),
        ("paragraph", found[1].text),
    ]
    assert found[1].text.startswith("The town council voted")
    assert [block.index for block in found] == list(range(len(found)))
    assert len({block.paragraph for block in found}) == len(found)


def test_without_recover_lead_the_body_is_as_trafilatura_gives_it():
    assert [block.kind for block in blocks(page(), recover_lead=False)] == ["paragraph"] * 3


@pytest.mark.parametrize("tag", ['name="description"', 'name="twitter:description"'])
def test_other_description_tags_lead_to_it_too(tag):
    assert blocks(page(tag=tag))[0].text == LEAD


def test_the_page_text_is_kept_when_the_description_is_cut_short():
    cut = LEAD[:70].rstrip() + "…"
    assert blocks(page(description=cut))[0].text == LEAD


def test_a_lead_two_and_a_half_times_its_description_comes_back_whole():
    lead = LEAD + (
        " The vote was eleven to four, after a debate of three long hours in which every member spoke."
        " Work starts in spring, and the old ferry keeps running until the bridge opens in two years."
    )
    assert len(lead) > 2.5 * len(LEAD)
    assert blocks(page(header=f"<p class='intro'>{lead}</p>"))[0].text == lead


def test_the_page_text_is_taken_not_the_tags():
    shown = LEAD.replace("two halves", "two halves, north and south,")
    assert blocks(page(header=f"<p class='intro'>{shown}</p>"))[0].text == shown


def test_a_description_escaped_twice_still_finds_the_lead():
    escaped = LEAD.replace("ten years", "ten&amp;nbsp;years").replace("'", "&amp;#39;")
    assert blocks(page(description=escaped))[0].text == LEAD


def test_a_description_only_in_the_tags_brings_nothing():
    assert [block.kind for block in blocks(page(header=""))] == ["paragraph"] * 3


def test_a_description_only_in_a_script_brings_nothing():
    script = f'<script>window.article = {{"summary": "{LEAD}"}};</script>'
    assert [block.kind for block in blocks(page(header=script))] == ["paragraph"] * 3


def test_a_short_description_is_a_slogan_not_a_lead():
    slogan = "News from the river towns"
    assert [block.kind for block in blocks(page(description=slogan, header=f"<p class='intro'>{slogan}</p>"))] == ["paragraph"] * 3


def test_a_description_that_opens_the_body_is_not_doubled():
    first = "The town council voted on Tuesday to build a new bridge over the river, ending a debate"
    found = blocks(page(description=first, header=""))
    assert [block.kind for block in found] == ["paragraph"] * 3


def test_an_element_much_longer_than_the_description_is_not_the_lead():
    """A box that opens with the lead but holds much more (a teaser list, the whole header) is not it."""
    box = f"<div class='teaser-intro'>{LEAD} " + "Other stories from the council and from the river towns this week. " * 6 + "</div>"
    assert [block.kind for block in blocks(page(header=box))] == ["paragraph"] * 3


def test_the_lead_goes_under_a_headline_kept_as_the_first_block():
    html = page().replace("<header><h1>Council approves new bridge</h1>", "<header>").replace(
        '<div class="article-body">', '<div class="article-body"><h2>Council approves new bridge</h2>'
    )
    kinds = [block.kind for block in blocks(html)]
    assert kinds[:2] == ["heading", "lead"]


def cleaned(config):
    engine = Cleaner.from_config(config)
    return engine.clean_document(Document(id="page", source="page", content=page(), media_type="text/html"))


def test_the_lead_is_article_text_by_default():
    assert cleaned(None).text.startswith(LEAD)


def test_with_standfirst_the_lead_goes_to_description():
    article = cleaned({"plugins": {"headline": {"standfirst": True}}})
    assert removed_by(article, "headline") == [LEAD]
    assert LEAD not in article.text
    assert article.metadata.extra["description"] == LEAD
