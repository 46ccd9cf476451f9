"""`cleaner learn` on a synthetic multi-site corpus: it recovers the planted furniture lines and
makes no rule from body text."""

import random

import pytest
import yaml

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.learn import learn, literal_pattern, normalise
from cleaner.patterns import compile_pattern

FURNITURE = {
    "herald.example": ["Follow the Herald on Threads", "Updated {n}:{m} GMT", "Herald Plus members read ad-free"],
    "courier.example": ["Sign in to save this story", "Courier Daily | Edition {n}"],
    "gazette.example": ["Tips? Email newsdesk@gazette.example", "Print this page", "Gazette Weekly — page {n}"],
}
WORDS = (
    "council minister river storm school hospital budget police court market farmers village bridge station "
    "museum festival harbour airport election teachers nurses library stadium mayor road train ferry forest"
).split()
VERBS = "approved delayed opened closed warned promised rejected announced reviewed cut raised repaired".split()
SHARED_SHORT = "He said:"
SYNDICATED = (
    "This long paragraph appears in many articles of every site because it is syndicated boilerplate that an "
    "agency attaches to its copy, and it is long enough to be body text rather than template furniture."
)


def body_line(rng):
    subject, other = rng.sample(WORDS, 2)
    return (
        f"The {subject} {rng.choice(VERBS)} plans for the {other} on {rng.choice(['Monday', 'Tuesday', 'Friday'])} "
        f"after {rng.randint(2, 9999)} people {rng.choice(VERBS)} the {rng.choice(WORDS)} proposal."
    )


def write_corpus(root, rng, articles_per_site=30):
    for site, furniture in FURNITURE.items():
        folder = root / site
        folder.mkdir(parents=True)
        for number in range(articles_per_site):
            paragraphs = [f"{rng.choice(WORDS).title()} {rng.choice(VERBS)} in story {site} {number}"]
            paragraphs += [body_line(rng) for _ in range(rng.randint(4, 9))]
            if rng.random() < 0.25:
                paragraphs.insert(2, SHARED_SHORT)
            if rng.random() < 0.7:
                paragraphs.insert(3, SYNDICATED)
            for line in furniture:
                if rng.random() < 0.9:
                    filled = line.format(n=rng.randint(1, 99), m=rng.randint(10, 59))
                    paragraphs.insert(rng.randint(1, len(paragraphs)), filled)
            (folder / f"{number:03}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    write_corpus(root, random.Random(5))
    return root


def test_learn_recovers_the_planted_furniture_and_nothing_else(corpus):
    text, learned, problems = learn(Cleaner.from_config(), [str(corpus)], by_folder=True)
    assert problems == []
    assert set(learned) == set(FURNITURE)
    for site, furniture in FURNITURE.items():
        articles, lines = learned[site]
        assert articles == 30
        found = {normalise(line.example) for line in lines}
        planted = {normalise(line.format(n=7, m=30)) for line in furniture}
        assert found == planted, f"{site}: learned {found}"
        for line in lines:
            assert compile_pattern(line.pattern).fullmatch(line.example)


def test_learned_yaml_is_a_reviewable_config_overlay(corpus, tmp_path):
    output = tmp_path / "learned.yaml"
    assert main(["learn", str(corpus), "--by-folder", "-o", str(output)]) == 0
    text = output.read_text(encoding="utf-8")
    assert "# in " in text and "e.g. " in text, "each rule says how often it was seen and shows an example"
    data = yaml.safe_load(text)
    assert set(data["sites"]) == set(FURNITURE)
    cleaner = Cleaner.from_config(output)
    assert cleaner.site_profile("herald.example").key == "herald.example"
    article = cleaner.clean_text("Title line here\n\nUpdated 9:41 GMT\n\nBody text of the article.", site="herald.example")
    assert article.text == "Body text of the article."


def test_patterns_are_escaped_literals():
    pattern = literal_pattern("Tips? Email (news) desk+1@x.example  now")
    assert compile_pattern(pattern).fullmatch("tips? email (news) desk+22@x.example now")
    assert not compile_pattern(pattern).fullmatch("Tipsy Email (news) desk+1@x.example now")


def test_articles_without_a_site_are_reported(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nBody.\n", encoding="utf-8")
    _, learned, problems = learn(Cleaner.from_config(), [str(tmp_path)])
    assert learned == {}
    assert "no site" in problems[0]
