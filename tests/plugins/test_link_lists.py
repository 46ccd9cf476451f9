from conftest import kept, removed_by

BODY = [
    "The town council voted on Tuesday to build a new bridge over the river.",
    "The bridge will cost about twelve million pounds, paid for by a national grant.",
    "Work will begin in the spring and should take two years to finish.",
]
RELATED = [
    "- Probe to Saturn Moon Could Find Signs of Ancient Oceans",
    "- Photos: Europa, Mysterious Icy Moon of Jupiter and its Hidden Ocean",
    "- Keck Observatory: Twin Telescopes on Mauna Kea Look Deep Into Space",
]


def test_closing_list_of_headlines_is_removed_to_related(clean):
    article = clean("\n\n".join(["Headline", *BODY, "\n".join(RELATED)]))
    assert removed_by(article, "link_lists") == RELATED
    assert len(article.metadata.related) == 3
    assert kept(article) == BODY


def test_the_article_s_own_closing_list_stays(clean):
    steps = [
        "- Close the old bridge to all traffic in the first week of March",
        "- Build the new piers on both banks of the river by the summer",
        "- Open the new bridge to cars and cyclists before the winter",
    ]
    article = clean("\n\n".join(["Headline", *BODY, "The plan has three stages:", "\n".join(steps)]))
    assert removed_by(article, "link_lists") == []


def test_a_list_of_sentences_stays(clean):
    points = [
        "- The bridge will have a cycle lane on both sides of the road.",
        "- The old bridge will be kept as a footpath for walkers.",
        "- Tolls will not be charged on either of the two bridges.",
    ]
    article = clean("\n\n".join(["Headline", *BODY, "\n".join(points)]))
    assert kept(article)[-3:] == points
