import pytest

from conftest import kept, removed_by


@pytest.mark.parametrize(
    "footer",
    [
        "Source: Read Full Article",
        "Source: Reuters",
        "Fonte: Agência Brasil",
        "This article originally appeared on The Conversation.",
        "This story was first published by Grist.",
        "Read the full article at the Financial Times",
        "© 2023 Reuters. All rights reserved.",
        "Copyright 2024 The Associated Press. All rights reserved.",
        "(Reporting by Jane Doe; Editing by John Smith)",
        "Todos os direitos reservados.",
        "Hak Cipta © 2021 Harian Nusantara.",
        "Hak cipta dilindungi undang-undang",
        "Verwendete Quellen: dpa, eigene Recherche",
        "Esta noticia se publicó originalmente en El Diario del Sur.",
    ],
)
def test_footers_are_removed_to_attribution(clean, footer):
    article = clean(f"Title\n\nThe body of the story, a full sentence.\n\n{footer}")
    assert removed_by(article, "attribution") == [footer]
    assert article.metadata.attribution == [footer]
    assert kept(article) == ["The body of the story, a full sentence."]


@pytest.mark.parametrize(
    "body",
    [
        "Source: a senior official, who spoke on condition of anonymity, said the deal was dead.",
        "The studio said the rights were reserved for a sequel, and that all rights reserved by the estate had lapsed in 1990 after a long dispute with the family.",
        "Copyright law is changing fast.",
        "Sources close to the minister said she would not resign.",
        "Hak cipta lagu itu kini dimiliki oleh sebuah perusahaan rekaman di Jakarta.",
    ],
)
def test_body_that_looks_like_attribution_survives(clean, body):
    article = clean(f"Title\n\n{body}")
    assert kept(article) == [body]


CHINESE_BODY = "市议会周二决定在河上修建一座新桥，结束了各城区之间多年的争论。工程预计明年春天开工，总投资约十亿元。"


@pytest.mark.parametrize("line", ["来源：人民日报", "來源：中央社", "来源: 新华社"])
def test_a_source_line_with_a_full_width_colon_is_attribution(clean, line):
    article = clean(f"标题\n\n{CHINESE_BODY}\n\n{line}")
    assert removed_by(article, "attribution") == [line]
    assert kept(article) == [CHINESE_BODY]


def test_chinese_body_that_names_a_source_survives(clean):
    body = "来源于基层的意见建议：经过梳理后，有三十多条被纳入了规划，涉及交通、教育和医疗等多个方面。"
    article = clean(f"标题\n\n{CHINESE_BODY}\n\n{body}")
    assert kept(article) == [CHINESE_BODY, body]


URL = "https://www.news.example.com/2024/05/bridge-approved-after-decade"
BODY = "The council approved the bridge on Tuesday, ending a decade of debate."


@pytest.mark.parametrize(
    "line",
    [URL, URL + "/", "http://news.example.com/2024/05/bridge-approved-after-decade", "www.news.example.com/2024/05/bridge-approved-after-decade"],
)
def test_the_articles_own_address_on_a_line_goes(clean, line):
    article = clean(f"Title\n\n{BODY}\n\n{line}", url=URL + "?utm_source=feed")
    assert [(block.text, block.removal.rule) for block in article.removed_blocks() if block.removal.plugin == "attribution"] == [(line, "own-url")]
    assert kept(article) == [BODY]


@pytest.mark.parametrize(
    "line",
    [
        "https://www.news.example.com/2024/05/another-story",
        "https://data.example.org/bridge-report.pdf",
        f"The full ruling is at {URL}",
        "http://[broken",
    ],
)
def test_other_addresses_and_sentences_stay(clean, line):
    article = clean(f"Title\n\n{BODY}\n\n{line}", url=URL)
    assert kept(article) == [BODY, line]


def test_without_a_url_or_with_own_url_off_the_line_stays(clean):
    assert kept(clean(f"Title\n\n{BODY}\n\n{URL}")) == [BODY, URL]
    off = {"plugins": {"attribution": {"own_url": False}}}
    assert kept(clean(f"Title\n\n{BODY}\n\n{URL}", config=off, url=URL)) == [BODY, URL]
