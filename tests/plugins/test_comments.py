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
        "Leserkommentare (12)", "3 Antworten auf „Stadtrat beschließt neue Brücke“", "Ein Gedanke zu „Neue Brücke“",
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
    ],
)
def test_body_about_comments_stays(clean, body):
    article = clean("\n\n".join(["Headline", *BODY[:2], body, *BODY[2:]]))
    assert body in kept(article)
    assert kept(article) == [*BODY[:2], body, *BODY[2:]]


def test_header_near_the_top_does_not_take_the_article(clean):
    article = clean("\n\n".join(["Headline", "12 Comments", *BODY]))
    assert kept(article)[-len(BODY):] == BODY
