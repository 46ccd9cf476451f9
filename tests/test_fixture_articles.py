"""Articles shaped like other outlets' (tests/fixtures/outlets) and look-alike body text that must
survive (tests/fixtures/survivors), each with the clean text a careful editor would expect."""

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(FIXTURES.glob("*/*.txt"))


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_article_comes_out_as_expected(default_cleaner, path):
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    article = default_cleaner.clean_text(path.read_text(encoding="utf-8"), id=path.stem)
    assert article.text == expected["text"]
    assert article.metadata.title == expected["title"]
    assert article.metadata.captions == expected["captions"]
    assert article.metadata.related == expected["related"]
    assert article.metadata.attribution == expected["attribution"]


def test_there_are_enough_cases():
    assert len(list((FIXTURES / "outlets").glob("*.txt"))) >= 15
    assert len(list((FIXTURES / "survivors").glob("*.txt"))) >= 10
