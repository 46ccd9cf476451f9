import pytest

from cleaner import Cleaner
from cleaner.model import Document
from conftest import kept, removed_by

BODY = [
    "The town council voted on Tuesday to build a new bridge over the river, ending a long debate.",
    "The bridge will cost about twelve million pounds, paid for by a national grant.",
]


def html_article(default_cleaner, *blocks, title):
    """An HTML page whose article is `blocks`: (tag, text) pairs."""
    body = "".join(f"<{tag}>{text}</{tag}>" for tag, text in blocks)
    html = f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"
    return default_cleaner.clean_document(Document(id="p", source="p.html", content=html, media_type="text/html"))


STANDFIRST = "The vote ends a decade of argument between the two neighbourhoods"


@pytest.fixture(scope="module")
def standfirst_cleaner():
    return Cleaner.from_config({"plugins": {"headline": {"standfirst": True}}})


def test_headline_repeating_the_page_title_is_removed_and_the_standfirst_stays(default_cleaner):
    article = html_article(
        default_cleaner,
        ("h1", "Council approves new bridge over the river"),
        ("h2", STANDFIRST),
        *[("p", text) for text in BODY],
        title="Council approves new bridge over the river | Riverside Gazette",
    )
    assert removed_by(article, "headline") == ["Council approves new bridge over the river"]
    assert kept(article) == [STANDFIRST, *BODY]


def test_with_standfirst_on_it_goes_to_description(standfirst_cleaner):
    article = html_article(
        standfirst_cleaner,
        ("h1", "Council approves new bridge over the river"),
        ("h2", STANDFIRST),
        *[("p", text) for text in BODY],
        title="Council approves new bridge over the river | Riverside Gazette",
    )
    assert removed_by(article, "headline") == ["Council approves new bridge over the river", STANDFIRST]
    assert kept(article) == BODY
    assert article.metadata.extra["description"] == STANDFIRST


def test_headline_in_another_language_and_script(default_cleaner):
    article = html_article(
        default_cleaner,
        ("h1", "Городской совет одобрил строительство нового моста"),
        ("p", "Городской совет во вторник проголосовал за строительство нового моста через реку после долгих споров."),
        ("p", "Мост обойдётся примерно в двенадцать миллионов, его оплатят из государственного гранта."),
        title="Городской совет одобрил строительство нового моста",
    )
    assert removed_by(article, "headline") == ["Городской совет одобрил строительство нового моста"]


def test_body_that_shares_words_with_the_title_stays(default_cleaner):
    lede = "Council approves new bridge, and the river towns celebrate a decision that took ten years to reach."
    article = html_article(
        default_cleaner,
        ("p", lede),
        *[("p", text) for text in BODY],
        title="Council approves new bridge",
    )
    assert removed_by(article, "headline") == []
    assert kept(article)[0] == lede


def test_a_short_subheading_made_of_title_words_stays(default_cleaner):
    article = html_article(
        default_cleaner,
        ("p", BODY[0]),
        ("h2", "The bridge"),
        ("p", BODY[1]),
        title="Council approves new bridge over the river after decade of argument",
    )
    assert "The bridge" in kept(article)


def test_headings_after_the_first_paragraph_are_not_a_standfirst(standfirst_cleaner):
    article = html_article(
        standfirst_cleaner,
        ("h1", "Council approves new bridge"),
        ("p", BODY[0]),
        ("h2", "What happens next"),
        ("p", BODY[1]),
        title="Council approves new bridge",
    )
    assert removed_by(article, "headline") == ["Council approves new bridge"]
    assert "What happens next" in kept(article)


def test_plain_text_repeated_headline_under_the_title_line(clean):
    article = clean("""
        Council approves new bridge
        Council approves new bridge
        The town council voted on Tuesday to build a new bridge over the river.
        The bridge will cost about twelve million pounds.
    """)
    assert article.metadata.title == "Council approves new bridge"
    assert kept(article) == [
        "The town council voted on Tuesday to build a new bridge over the river.",
        "The bridge will cost about twelve million pounds.",
    ]


def test_a_long_heading_under_the_headline_is_the_lead_and_stays(standfirst_cleaner):
    lead = " ".join(["The council voted on Tuesday to build a new bridge, and the work starts in spring."] * 3)
    article = html_article(
        standfirst_cleaner,
        ("h1", "Council approves new bridge over the river"),
        ("h2", lead),
        *[("p", text) for text in BODY],
        title="Council approves new bridge over the river",
    )
    assert kept(article) == [lead, *BODY]


def test_bulleted_key_points_under_the_headline_stay(standfirst_cleaner):
    article = html_article(
        standfirst_cleaner,
        ("h1", "Council approves new bridge over the river"),
        ("h2", "- The vote ends a decade of argument"),
        *[("p", text) for text in BODY],
        title="Council approves new bridge over the river",
    )
    assert kept(article) == ["- The vote ends a decade of argument", *BODY]
