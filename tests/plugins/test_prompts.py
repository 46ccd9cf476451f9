import pytest

from conftest import kept, removed_by


@pytest.mark.parametrize(
    "prompt",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Sign up to our free daily newsletter",
        "Follow us on Twitter",
        "Follow The Herald on Facebook and Instagram",
        "Share this article",
        "Click here to subscribe",
        "We use cookies to improve your experience.",
        "Subscribe now for unlimited access",
        "Already a subscriber? Log in",
        "12 Comments",
        "Siga-nos no Instagram",
    ],
)
def test_prompts_are_removed(clean, prompt):
    article = clean(f"Title\n\nThe body of the story, a full sentence.\n\n{prompt}\n\nMore of the story.")
    assert removed_by(article, "prompts") == [prompt]
    assert kept(article) == ["The body of the story, a full sentence.", "More of the story."]


@pytest.mark.parametrize(
    "body",
    [
        "Share prices fell sharply on Monday.",
        "Follow the money, the detective told reporters, and you will find the killer.",
        "Subscribers to the service will pay more from April.",
        "Advertisements for the show ran for weeks before the premiere, and critics were not impressed by them at all.",
        "Click here to subscribe, the pop-up said, but she did not, and instead went on reading the long report she had been sent by a colleague at the ministry that morning.",
    ],
)
def test_body_that_starts_like_a_prompt_survives(clean, body):
    article = clean(f"Title\n\n{body}")
    assert kept(article) == [body]
