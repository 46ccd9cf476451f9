import pytest

from conftest import kept


def test_first_line_becomes_title(clean):
    article = clean("""
        Council approves new cycle lanes for city centre

        The council voted on Tuesday to approve the plan.
    """)
    assert article.metadata.title == "Council approves new cycle lanes for city centre"
    assert kept(article) == ["The council voted on Tuesday to approve the plan."]
    assert article.removed_blocks()[0].removal.rule == "first-line"


def test_first_line_that_is_a_sentence_is_body(clean):
    article = clean("""
        The council voted on Tuesday to approve the plan.

        It will cost two million pounds.
    """)
    assert article.metadata.title is None
    assert len(kept(article)) == 2


@pytest.mark.parametrize(
    "sentence",
    [
        "राजधानी दिल्ली में सोमवार को हुई भारी बारिश से कई इलाकों में जलभराव हो गया।",
        "شہر میں پیر کے روز شدید بارش سے کئی سڑکیں زیر آب آ گئیں۔",
        "国家统计局今天发布数据显示，前三季度居民收入稳步增长。",
    ],
)
def test_a_first_line_ending_in_another_scripts_full_stop_is_body(clean, sentence):
    """The Devanagari danda, the Urdu and the ideographic full stops end a sentence as "." does."""
    article = clean(f"{sentence}\n\nThe story goes on here, in a second paragraph.")
    assert kept(article)[0] == sentence


def test_first_line_of_a_wrapped_paragraph_is_not_a_title(clean):
    article = clean("""
        The council voted on Tuesday to approve
        the plan, which will cost two million pounds.
    """)
    assert article.metadata.title is None
    assert article.text.startswith("The council voted")


def test_long_first_line_is_body(clean):
    line = " ".join(["word"] * 45)
    article = clean(line + "\n\nSecond paragraph here.")
    assert article.metadata.title is None


def test_disabled_title_keeps_first_line(clean):
    article = clean("Headline here\n\nBody text.", config={"plugins": {"title": {"enabled": False}}})
    assert article.metadata.title is None
    assert kept(article) == ["Headline here", "Body text."]


def test_first_line_without_a_blank_line_after_it_is_body(clean):
    """Text with a paragraph on every line (as trafilatura writes) starts with the body as often as with a title."""
    article = clean("""
        What the council decided
        The council voted on Tuesday to approve the plan.
        It will cost two million pounds.
    """)
    assert article.metadata.title is None
    assert kept(article)[0] == "What the council decided"


def test_first_line_spelt_by_the_url_is_the_title(clean):
    text = "Council approves new cycle lanes for city centre\nThe council voted on Tuesday to approve the plan.\nIt will cost two million pounds."
    article = clean(text, url="https://news.example.com/2024/05/council-approves-cycle-lanes-city-centre")
    assert article.metadata.title == "Council approves new cycle lanes for city centre"
    assert article.removed_blocks()[0].removal.rule == "url-headline"


@pytest.mark.parametrize(
    "first, is_headline",
    [
        ("Will the council approve cycle lanes in the city centre?", True),
        ("U.S. council approves cycle lanes for city centre", True),
        ("Council approves cycle lanes for city centre: what changes?", True),
        ("What do you think? Should the council approve cycle lanes in the city centre, as it plans to?", False),
        ("Cycle lanes are coming! The council approves its city centre plan after a long debate", False),
    ],
)
def test_a_headline_spelt_by_the_url_is_one_sentence(clean, first, is_headline):
    """Questions and abbreviations make headlines; a line of two sentences is body text, whatever the URL says."""
    text = f"{first}\nThe council voted on Tuesday to approve the plan.\nIt will cost two million pounds."
    article = clean(text, url="https://news.example.com/2024/05/council-approves-cycle-lanes-city-centre")
    assert article.metadata.title == (first if is_headline else None)
    assert (kept(article)[0] == first) is not is_headline


def test_url_of_other_words_takes_no_line(clean):
    text = "What the council decided\nThe council voted on Tuesday to approve the plan.\nIt will cost two million pounds."
    article = clean(text, url="https://news.example.com/2024/05/council-approves-cycle-lanes-city-centre")
    assert article.metadata.title is None
    article = clean(text, url="https://news.example.com/article/12345")
    assert article.metadata.title is None


def test_first_line_repeated_under_itself_is_the_title(clean):
    article = clean("Council approves plan\nCOUNCIL APPROVES  PLAN\nThe council voted on Tuesday to approve the plan.")
    assert article.metadata.title == "Council approves plan"
