import pytest

from conftest import kept, removed_by

BODY = "The town council voted on Tuesday to build a new bridge over the river, ending a long debate."
MORE = "Work will begin in the spring and should take two years, the council said."


@pytest.mark.parametrize(
    "line, field",
    [
        ("By Jane Doe", "author"),
        ("Por Clarissa Borba", "author"),
        ("Von Max Mustermann", "author"),
        ("Published 3 March 2021", "date"),
        ("- Published 3 March 2021", "date"),
        ("quinta-feira, 14 de março de 2019 às 09:40", "date"),
        ("7:10 AM EST 3/4/2021 by Dana Whitfield", "date"),
        ("Pubblicato il 3 marzo 2021 alle 10:15", "date"),
        ("Опубликовано 12 марта 2021", "date"),
        ("Mis à jour le 4 mars 2021 à 18:02", "date"),
        ("Publikováno 12. 3. 2021", "date"),
        ("Yayınlanma: 12.03.2021", "date"),
        ("Written by Jane Doe", "author"),
        ("Ein Beitrag von Anna Schmidt", "author"),
        ("Autor: Jan Novák", "author"),
        ("Teksti: Matti Virtanen", "author"),
        ("Yazar: Ahmet Yılmaz", "author"),
        ("Autor: Andrei Popescu", "author"),
        ("de Andrei Popescu", "author"),
        ("Szerző: Kovács János", "author"),
        ("Του Γιώργου Παπαδόπουλου", "author"),
        ("記者：山田太郎", "author"),
        ("홍길동 기자", "author"),
        ("كتب: محمد علي", "author"),
        ("بقلم محمد علي", "author"),
        ("Thursday, May 2, 2024.", "date"),
        ("Updated at 8pm on Thursday, May 2.", "date"),
    ],
)
def test_bylines_and_datelines_at_the_top_go_to_metadata(clean, line, field):
    article = clean(f"Council approves new bridge\n\n{line}\n\n{BODY}\n\n{MORE}")
    assert removed_by(article, "byline") == [line]
    assert getattr(article.metadata, field) == line
    assert kept(article) == [BODY, MORE]


@pytest.mark.parametrize(
    "body",
    [
        "By Tuesday the council had voted to build the bridge, and work will begin in the spring of 2022.",
        "On 18 November 2019 the council voted to build a new bridge over the river, ending a debate.",
        "Published in 1990, the report found that the old bridge would need replacing within thirty years.",
        "Written by Hand, the council's newsletter, was first printed in 1952 and is still sent to every household.",
        "Ein Beitrag von Bund und Ländern soll die neue Brücke über den Fluss zur Hälfte finanzieren.",
        "Polls close at 8pm on Thursday, May 2.",
        "The vote is on Tuesday, May 6, at 7pm.",
    ],
)
def test_body_sentences_with_dates_or_by_stay(clean, body):
    article = clean(f"Council approves new bridge\n\n{body}\n\n{MORE}")
    assert removed_by(article, "byline") == []
    assert kept(article) == [body, MORE]


GERMAN_BODY = "Der Stadtrat hat am Dienstag beschlossen, eine neue Brücke über den Fluss zu bauen, und damit eine lange Debatte beendet."
GERMAN_MORE = "Die Arbeiten sollen im Frühjahr beginnen und zwei Jahre dauern, wie der Rat mitteilte."


@pytest.mark.parametrize(
    "stamp, body, more",
    [
        ("Published 3 March 2021", BODY, MORE),
        ("Last modified: 03-10-2004 2:20pm", BODY, MORE),
        ("04.04.2020", BODY, MORE),
        ("Release Date:", BODY, MORE),
        ("Stand: 12.03.2021, 14:05 Uhr", GERMAN_BODY, GERMAN_MORE),
    ],
)
def test_a_line_that_only_dates_the_page_goes_wherever_it_stands(clean, stamp, body, more):
    article = clean(f"Headline\n\n{body}\n\n{more}\n\n{body} Again.\n\n{stamp}\n\n{more} Again.")
    assert removed_by(article, "byline") == [stamp]
    assert [block.removal.rule for block in article.removed_blocks() if block.removal.plugin == "byline"] == ["date-stamp"]


@pytest.mark.parametrize(
    "line",
    [
        "29 November 2018 | 20 January 2019",
        "Termin: 29. Februar 2020, 19 Uhr",
        "1893: First shop opens on Briggate",
        "Score 4.5 out of 5",
        "The report was published on 3 March 2021.",
    ],
)
def test_dates_further_down_without_a_label_or_in_a_sentence_stay(clean, line):
    article = clean(f"Headline\n\n{BODY}\n\n{MORE}\n\n{BODY} Again.\n\n{line}\n\n{MORE} Again.")
    assert line in kept(article)
