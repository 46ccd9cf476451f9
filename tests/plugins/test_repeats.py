from conftest import kept, removed_by

BODY = [
    "The town council voted on Tuesday to build a new bridge over the river.",
    "The bridge will cost about twelve million pounds, paid for by a national grant.",
    "Work will begin in the spring and should take two years to finish.",
]


def test_a_repeated_passage_is_removed(clean):
    article = clean("\n\n".join(["Headline", *BODY, "Share this story", *BODY]))
    assert removed_by(article, "repeats") == BODY
    assert kept(article) == BODY


def test_a_repeated_line_or_two_stays(clean):
    step = "Stir the mixture well and leave it to rest for ten minutes before you go on."
    lines = ["Ingredients are listed above.", step, "Add the flour slowly.", step, "Add the milk slowly.", step]
    article = clean("\n\n".join(["Headline", *lines]))
    assert removed_by(article, "repeats") == []
    assert kept(article) == lines


def test_short_repeated_lines_are_never_a_passage(clean):
    chorus = ["Oh the river runs", "And the bridge stands", "Over the water"]
    article = clean("\n\n".join(["Song", *chorus, "A verse in between the two choruses here.", *chorus]))
    assert removed_by(article, "repeats") == []
