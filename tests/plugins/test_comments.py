import pytest

from conftest import kept, removed_by

BODY = [
    "The town council voted on Tuesday to build a new bridge over the river.",
    "The bridge will cost about twelve million pounds, paid for by a national grant.",
    "Work will begin in the spring and should take two years.",
    "Residents can see the final design at a public meeting next month.",
]


@pytest.mark.parametrize(
    "header",
    [
        "Leave a Reply", "10 thoughts on “Council approves new bridge”", "Comments", "Comentários (3)", "Top Rated Comments",
        "Want to join the conversation?", "Kommentarer", "Kommentit (4)", "Diskuze", "Yorumlar", "Reader comments",
        "Leserkommentare (12)", "Réactions (4)", "12 reacties", "3 Antworten auf „Stadtrat beschließt neue Brücke“", "Ein Gedanke zu „Neue Brücke“",
        "1 Antwort auf „Stadtrat beschließt neue Brücke“", "Eine Reaktion zu „Neue Brücke“",
        "3 thoughts on “Why the bridge closed, and what comes next.”",
    ],
)
def test_comment_section_is_removed_to_the_end(clean, header):
    comments = ["What a waste of money.", "Finally! We have waited thirty years for this bridge."]
    article = clean("\n\n".join(["Headline", *BODY, header, *comments]))
    assert removed_by(article, "comments") == [header, *comments]
    assert kept(article) == BODY


@pytest.mark.parametrize(
    "notice",
    [
        "ATENÇÃO: comentários ofensivos ou sem relação com a notícia não serão aprovados pelo moderador.",
        "Комментарии, содержащие оскорбления, будут удалены модератором.",
        "Komentarze zawierające obraźliwe treści będą usuwane.",
    ],
)
def test_comment_policy_notice_is_removed_anywhere(clean, notice):
    article = clean("\n\n".join(["Headline", BODY[0], notice, *BODY[1:]]))
    assert removed_by(article, "comments") == [notice]


@pytest.mark.parametrize(
    "body",
    [
        "Comments from residents at the meeting were mostly in favour of the bridge.",
        "Leave a reply slip at the town hall if you want to speak at the next meeting, the clerk said.",
        "The council moderated the debate, and comments were approved by a show of hands.",
        "Комментарии министра о мосте вызвали споры в городском совете.",
        "Antworten auf die wichtigsten Fragen gibt die Stadt in einer Broschüre.",
        "Reaktionen auf den Beschluss kamen aus allen Fraktionen.",
        "Einen Kommentar zu diesem Thema schrieb der Bürgermeister selbst.",
        "Eine Reaktion auf den Beschluss kam am Dienstag aus der Opposition.",
        "Read comments from the judge before you decide on the appeal.",
        "Read comments from the mayor’s critics before you decide on the appeal.",
    ],
)
def test_body_about_comments_stays(clean, body):
    article = clean("\n\n".join(["Headline", *BODY[:2], body, *BODY[2:]]))
    assert body in kept(article)
    assert kept(article) == [*BODY[:2], body, *BODY[2:]]


def test_header_near_the_top_does_not_take_the_article(clean):
    article = clean("\n\n".join(["Headline", "12 Comments", *BODY]))
    assert kept(article)[-len(BODY):] == BODY


@pytest.mark.parametrize(
    "language, body, heading",
    [
        (
            "fr",
            [
                "Le conseil municipal a voté mardi la construction d'un nouveau pont sur la rivière, après des années de débat.",
                "Le chantier doit commencer au printemps et durer deux ans, pour un coût estimé à douze millions d'euros.",
                "Le maire s'est félicité d'une décision « attendue depuis trente ans » par les habitants du quartier nord.",
                "L'opposition a dénoncé un projet trop coûteux et demandé un référendum local avant le début des travaux.",
            ],
            "Réactions",
        ),
        (
            "nl",
            [
                "De gemeenteraad heeft dinsdag besloten een nieuwe brug over de rivier te bouwen, na jaren van discussie.",
                "De bouw begint in het voorjaar en duurt naar verwachting twee jaar, voor twaalf miljoen euro.",
                "De burgemeester noemde het besluit een overwinning voor de bewoners van de noordelijke wijken.",
                "De oppositie vindt het project te duur en wil eerst een referendum houden.",
            ],
            "Reacties",
        ),
    ],
)
def test_a_reactions_subheading_is_the_article_s(clean, language, body, heading):
    """French "Réactions" and Dutch "Reacties" head the reactions a story reports as often as the
    readers' comments: without a count they open no comment section."""
    article = clean("\n\n".join(["Titre", *body[:2], heading, *body[2:]]))
    assert kept(article) == [*body[:2], heading, *body[2:]]


@pytest.mark.parametrize(
    "line",
    [
        "Leave a comment on the consultation by Friday, the council asks residents.",
        "Post your comments to the planning office, the clerk added, before the end of May.",
    ],
)
def test_a_header_that_reads_on_as_a_sentence_opens_no_section(clean, line):
    """A line that opens like "Leave a comment" but goes on after a comma to a full stop is the
    article's: as a header it would take every paragraph after it."""
    article = clean("\n\n".join(["Headline", *BODY[:2], line, *BODY[2:]]))
    assert kept(article) == [*BODY[:2], line, *BODY[2:]]
