"""The page's metadata at each level: what JSON-LD, OpenGraph, ``<meta>`` tags, the ``<title>``, a
lone ``<h1>`` and the URL state (``fast``), trafilatura's and htmldate's heuristics for what they
leave missing (``full``), and nothing (``none``)."""

import pytest
from trafilatura.utils import load_html

from cleaner import Cleaner
from cleaner.config import ConfigError
from cleaner.model import Document
from cleaner_plugins.html_metadata import page_metadata
from cleaner_plugins.html_reader import Options, cleaner_segment_document

BODY = """<p>The town council voted on Tuesday to build a new bridge over the river, ending a debate that
had run for more than a decade and divided the town's two largest neighbourhoods.</p>
<p>The bridge will cost about twelve million pounds, paid for by a national grant and by the
town's own reserves, the council's finance officer told the meeting on Tuesday evening.</p>"""


def page(head="", body="", lang=""):
    return f"<!DOCTYPE html><html{lang}><head>{head}</head><body>{body}<article>{BODY}</article></body></html>"


def metadata(html, level="fast", url=None, extensive=False):
    return page_metadata(load_html(html), url, level, extensive)


JSON_LD = page(
    head="""<title>Bridge approved - The Gazette</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Council approves new bridge", "datePublished": "2021-03-04T09:30:00Z",
 "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "Sam Roe"}],
 "publisher": {"@type": "NewsMediaOrganization", "name": "The Riverside Gazette"},
 "articleSection": "Local news"}</script>""",
)


def test_json_ld_gives_title_authors_date_site_and_section():
    found = metadata(JSON_LD)
    assert found["title"] == "Council approves new bridge"
    assert found["author"] == "Jane Doe; Sam Roe"
    assert found["date"] == "2021-03-04"
    assert found["sitename"] == "The Riverside Gazette"
    assert found["categories"] == ["Local news"]


OPEN_GRAPH = page(
    head="""<meta property="og:title" content="Council approves new bridge">
<meta property="og:site_name" content="The Riverside Gazette">
<meta property="og:url" content="https://www.riverside-gazette.example/news/bridge">
<meta property="og:description" content="The council voted to build a new bridge.">
<meta property="og:locale" content="en_GB">
<meta property="article:published_time" content="2021-03-04T09:30:00+00:00">
<meta property="article:section" content="Local news">
<meta property="article:tag" content="bridges">""",
)


def test_open_graph_gives_title_site_url_description_language_date_and_tags():
    found = metadata(OPEN_GRAPH)
    assert found["title"] == "Council approves new bridge"
    assert found["sitename"] == "The Riverside Gazette"
    assert found["url"] == "https://www.riverside-gazette.example/news/bridge"
    assert found["hostname"] == "riverside-gazette.example"
    assert found["site"] == "riverside-gazette.example"
    assert found["description"] == "The council voted to build a new bridge."
    assert found["language"] == "en"
    assert found["date"] == "2021-03-04"
    assert found["categories"] == ["Local news"]
    assert found["tags"] == ["bridges"]


META_TAGS = page(
    head="""<title>Council approves new bridge | The Riverside Gazette</title>
<meta name="author" content="Jane Doe">
<meta name="description" content="The council voted to build a new bridge.">
<meta name="keywords" content="bridges, council">
<meta name="date" content="2021-03-04">""",
    lang=' lang="de-AT"',
)


def test_meta_tags_and_the_title_element_give_the_rest():
    found = metadata(META_TAGS)
    assert found["title"] == "Council approves new bridge", "the site's name is cut off the <title>"
    assert found["author"] == "Jane Doe"
    assert found["description"] == "The council voted to build a new bridge."
    assert found["tags"] == ["bridges, council"]
    assert found["date"] == "2021-03-04"
    assert found["language"] == "de", "the primary subtag of <html lang>"


def test_a_lone_h1_is_the_title_before_what_the_tags_state():
    html = page(head='<meta property="og:title" content="Bridge approved | The Gazette">', body="<h1>Council approves new bridge</h1>")
    assert metadata(html)["title"] == "Council approves new bridge"
    two = page(head='<meta property="og:title" content="Bridge approved">', body="<h1>Menu</h1><h1>Council approves new bridge</h1>")
    assert metadata(two)["title"] == "Bridge approved", "several <h1>: the stated title"


def test_the_date_in_the_url():
    assert metadata(page(), url="https://gazette.example/2021/03/04/bridge-approved")["date"] == "2021-03-04"


def test_a_page_that_states_nothing_has_no_metadata_but_its_urls():
    assert metadata(page()) == {}
    assert metadata(page(), url="https://www.gazette.example/news/bridge") == {
        "url": "https://www.gazette.example/news/bridge",
        "hostname": "gazette.example",
        "sitename": "gazette.example",
        "site": "gazette.example",
    }


BYLINE = page(
    body="""<div class="byline"><span class="author">By Jane Doe</span></div>
<p class="dateline">Published on 4 March 2021</p>""",
)


def test_full_falls_back_on_the_heuristics_for_what_the_markup_does_not_state():
    fast = metadata(BYLINE, "fast")
    assert "author" not in fast and "date" not in fast
    full = metadata(BYLINE, "full", extensive=True)
    assert full["author"] == "Jane Doe"
    assert full["date"] == "2021-03-04"


def test_full_keeps_what_the_markup_states():
    assert metadata(JSON_LD, "full", extensive=True) == metadata(JSON_LD, "fast")


def test_language_is_read_as_declared_or_not_at_all():
    assert metadata(page(head='<meta http-equiv="Content-Language" content="fr-CA">'))["language"] == "fr"
    assert "language" not in metadata(page(lang=' lang="x"'))
    assert metadata(page(lang=' lang="EN_us"'))["language"] == "en"


def test_none_reads_nothing():
    assert metadata(JSON_LD, "none", url="https://gazette.example/2021/03/04/bridge") == {}
    document = Document(id="p", source="p.html", content=JSON_LD, media_type="text/html", url=None)
    assert cleaner_segment_document(document=document, options=Options(metadata="none")).metadata == {}


def test_with_none_the_record_keeps_the_url_it_came_with(tmp_path):
    cleaner = Cleaner.from_config({"plugins": {"html_reader": {"metadata": "none"}}})
    document = Document(id="p", source="p.html", content=JSON_LD, media_type="text/html", url="https://www.gazette.example/a")
    article = cleaner.clean_document(document)
    assert not article.failed
    assert (article.metadata.url, article.metadata.site) == ("https://www.gazette.example/a", "gazette.example")
    assert article.metadata.date is None and "sitename" not in article.metadata.extra


def test_the_level_is_validated_with_the_key_path():
    with pytest.raises(ConfigError) as error:
        Cleaner.from_config({"plugins": {"html_reader": {"metadata": "quick"}}})
    assert "plugins.html_reader.metadata" in str(error.value)
    assert "'full', 'fast' or 'none'" in str(error.value)


CHINESE_BODY = "<p>" + "市议会周二决定在河上修建一座新桥，结束了各城区之间多年的争论。工程预计明年春天开工。" * 3 + "</p>"


def dated(stamp, head=""):
    return f"<html><head><title>新桥获批</title>{head}</head><body><article><h1>市议会批准新桥</h1><div class='time'>{stamp}</div>{CHINESE_BODY}</article></body></html>"


@pytest.mark.parametrize(
    "stamp, expected",
    [
        ("发布时间：2023年5月12日", "2023-05-12"),
        ("2023年05月12日", "2023-05-12"),
        ("入力：2023年5月12日（金）", "2023-05-12"),
        ("更新时间：2023年12月1日 08:00", "2023-12-01"),
        ("2021年3月", "2021-03-01"),
    ],
)
def test_a_chinese_or_japanese_date_is_read_whole_not_as_its_year(stamp, expected):
    assert metadata(dated(stamp), "full", extensive=True)["date"] == expected


@pytest.mark.parametrize("stamp", ["2023年1月1日", "2023年13月40日", "2019年"])
def test_january_the_first_stays_when_the_page_says_no_other_day(stamp):
    assert metadata(dated(stamp), "full", extensive=True)["date"][5:] == "01-01"


def test_january_the_first_the_markup_states_stays():
    head = '<meta property="article:published_time" content="2023-01-01T08:00:00+08:00">'
    assert metadata(dated("2023年5月12日", head), "full", extensive=True)["date"] == "2023-01-01"
