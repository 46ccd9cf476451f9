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
    ],
)
def test_body_that_looks_like_attribution_survives(clean, body):
    article = clean(f"Title\n\n{body}")
    assert kept(article) == [body]
