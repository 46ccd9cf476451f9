import pytest

from conftest import kept, removed_by

BODY = [
    "The town council voted on Tuesday to build a new bridge over the river.",
    "The bridge will cost about twelve million pounds, paid for by a national grant.",
    "Work will begin in the spring and should take two years.",
    "Residents can see the final design at a public meeting next month.",
]


@pytest.mark.parametrize(
    "line",
    [
        "(Reporting by Greg Roumeliotis in New York; editing by Martin Howell)",
        "Maria Okafor contributed reporting from Lagos.",
        "Channel 9’s Tom Reyes contributed to this report.",
        "Com informações da Reuters",
        "Tags: bridge, council, river",
        "Filed under: Local news",
        "Categoria: Cidade",
        "Rubrik: Lokales",
        "copyright Archiview 2021 - ISSN: 1234-5678",
        "This copy is for your personal, non-commercial use only.",
        "Tutti i diritti riservati",
        "paul.takahashi@chron.com",
        "Write to Jane Harper at jane.harper@example.com",
        "aja/PAP",
        "(APA)",
        "epd/lnw",
        "jm/AFP",
        "Mit Material von dpa",
        "Telefon: +49 40 123 456",
        "Alle Rechte vorbehalten",
        "Materiał chroniony prawem autorskim - zasady przedruków określa regulamin.",
        "Kaikki oikeudet pidätetään",
        "Všechna práva vyhrazena",
        "Tüm hakları saklıdır.",
        "— AP",
        "(ČTK)",
        "(ТАСС)",
        "(Ritzau)",
        "(Lusa)",
        "Com agências",
        "Kontakt zur Redaktion: redaktion@example.de",
        "Contacter la rédaction",
        "Taggar: politik, bro",
        "Emner: politikk, bro",
        "Aiheet: politiikka, silta",
        "Témata: politika, most",
        "Etiketler: siyaset, köprü",
        "Este artículo se publicó originalmente en example.es.",
        "Статья впервые опубликована на example.ru.",
    ],
)
def test_end_matter_after_the_story_is_removed(clean, line):
    article = clean("\n\n".join(["Headline", *BODY, line]))
    assert removed_by(article, "end_matter") + removed_by(article, "attribution") == [line]
    assert kept(article) == BODY


def test_a_tags_label_takes_the_list_under_it(clean):
    article = clean("\n\n".join(["Headline", *BODY, "Tags", "calendario stock car 2018, stock car brasil, velocidade"]))
    assert removed_by(article, "end_matter") == ["Tags", "calendario stock car 2018, stock car brasil, velocidade"]


@pytest.mark.parametrize(
    "body",
    [
        "The copyright on the original drawings belongs to the engineer's family, the council said.",
        "Editing by hand, the clerk corrected the minutes before they were published.",
        "Tags on the old bridge's railings will be removed before demolition, the council said.",
        "Pro/Contra",
        "TCP/IP",
        "(NATO and the EU have both said they will help pay for the bridge.)",
        "Emner som klima og trafik fylder meget i debatten om broen.",
        "Com agências de viagens a pedir mais voos, a câmara quer alargar o aeroporto.",
        "Kontakt zur Redaktion hatte der Bürgermeister seit Jahren nicht mehr.",
        "Mitarbeit am Projekt leisteten vor allem Studierende der Universität.",
    ],
)
def test_look_alike_body_lines_at_the_end_stay(clean, body):
    article = clean("\n\n".join(["Headline", *BODY, body]))
    assert kept(article) == [*BODY, body]


def test_credits_in_the_middle_of_the_story_stay(clean):
    credit = "Jane Doe contributed reporting from the town hall."
    article = clean("\n\n".join(["Headline", BODY[0], credit, *BODY[1:], *BODY]))
    assert credit in kept(article)


def test_the_end_is_measured_on_the_blocks_the_clean_text_keeps(clean):
    related = ["Related stories", *[f"Council approves budget for new park number {n}" for n in range(6)]]
    notice = "This copy is for your personal, non-commercial use only."
    article = clean("\n\n".join(["Bridge vote", *BODY, *BODY[:2], notice, *related]))
    assert removed_by(article, "end_matter") == [notice]
    assert kept(article) == [*BODY, *BODY[:2]]


def test_a_box_about_the_author_goes_with_the_lines_under_it(clean):
    bio = "Jane Doe covers local government for the Gazette. She has worked in the newsroom since 2009."
    article = clean("\n\n".join(["Headline", *BODY, "About the author", bio]))
    assert removed_by(article, "end_matter") == ["About the author", bio]
    assert kept(article) == BODY


def test_about_the_author_in_the_middle_of_the_story_stays(clean):
    article = clean("\n\n".join(["Headline", BODY[0], "About the author", *BODY[1:], *BODY]))
    assert "About the author" in kept(article)
