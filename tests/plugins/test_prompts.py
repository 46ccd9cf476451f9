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
        "Follow The Riverside Gazette Opinion desk on Facebook, Twitter (@GazetteViews) and Instagram.",
        "If you buy something through this post, the site may get a share of the sale.",
        "If you enjoyed this article, we have a proposition for you: join our members.",
        "Thanks for signing up!",
        "Keep an eye on your inbox for our weekly politics briefing.",
        "Pick Six Newsletter",
        "- Order Reprints",
        "Listen: http://po.st/TP_615",
        "Tempo de leitura: 4 minutos",
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
        "Follow the river north for two miles on foot and you reach the old bridge.",
        "If you buy a house near the new bridge, prices will rise, the agent said.",
        "The newsletter was sent to every household in the town.",
        "Print journalists were not allowed into the meeting.",
    ],
)
def test_body_that_starts_like_a_prompt_survives(clean, body):
    article = clean(f"Title\n\n{body}")
    assert kept(article) == [body]
