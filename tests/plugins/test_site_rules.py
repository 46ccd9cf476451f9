"""Site rules written only in config.yaml: drop_lines, drop_blocks, drop_after, keep, per-site options."""

import pytest

from cleaner import Cleaner, ConfigError
from cleaner.sites import best_key
from conftest import kept, removed_by

ARTICLE = """Council approves plan for new cycle lanes

Councillors voted on Tuesday to build three new cycle lanes across the city centre.

Around the County
Library reopens after roof repairs
Man fined for feeding pigeons in park

Work on the first lane will begin in the spring, the council said.

Gazette reader offers: save on garden centre vouchers

Have your say
Comments are moderated
Join the discussion below"""

RULES = {
    "sites": {
        "gazette.example": {
            "drop_blocks": [{"start": "around the county"}],
            "drop_lines": ["gazette reader offers: .*"],
            "drop_after": ["have your say"],
        }
    }
}


def test_a_yaml_rule_removes_a_block_it_did_not_before():
    before = Cleaner.from_config().clean_text(ARTICLE, url="https://www.gazette.example/news/1")
    assert "Have your say" in before.text and "Gazette reader offers" in before.text
    assert "Around the County" in before.text, "no built-in rule takes this heading"
    after = Cleaner.from_config(RULES).clean_text(ARTICLE, url="https://www.gazette.example/news/1")
    assert removed_by(after, "site_rules") == [
        "Around the County",
        "Library reopens after roof repairs",
        "Man fined for feeding pigeons in park",
        "Gazette reader offers: save on garden centre vouchers",
        "Have your say",
        "Comments are moderated",
        "Join the discussion below",
    ]
    assert kept(after) == [
        "Councillors voted on Tuesday to build three new cycle lanes across the city centre.",
        "Work on the first lane will begin in the spring, the council said.",
    ]
    rules = {block.removal.rule for block in after.removed_blocks() if block.removal.plugin == "site_rules"}
    assert rules == {"drop_blocks", "drop_lines", "drop_after"}
    assert "around the county" in after.removed_blocks()[1].removal.reason


def test_site_rules_apply_to_their_site_only():
    cleaner = Cleaner.from_config(RULES)
    other = cleaner.clean_text(ARTICLE, url="https://other.example/news/1")
    assert removed_by(other, "site_rules") == []
    assert "Around the County" in other.text
    subdomain = cleaner.clean_text(ARTICLE, url="https://news.gazette.example/1")
    assert "Around the County" not in subdomain.text


def test_block_items_stop_at_the_first_line_that_is_not_an_item():
    rules = {"sites": {"gazette.example": {"drop_blocks": [{"start": "around the county", "items": "library .*"}]}}}
    article = Cleaner.from_config(rules).clean_text(ARTICLE, site="gazette.example")
    assert removed_by(article, "site_rules") == ["Around the County", "Library reopens after roof repairs"]
    assert "Man fined for feeding pigeons in park" in article.text


def test_keep_protects_a_line_from_every_plugin():
    text = "Title of the piece\n\nBody sentence one of the article.\n\nRead more: The case for keeping it\n\nBody two."
    default = Cleaner.from_config().clean_text(text, site="keep.example")
    assert "Read more: The case for keeping it" not in default.text, "promo takes it by default"
    cleaner = Cleaner.from_config({"sites": {"keep.example": {"keep": ["read more: the case for .*"]}}})
    assert "Read more: The case for keeping it" in cleaner.clean_text(text, site="keep.example").text
    assert "Read more: The case for keeping it" not in cleaner.clean_text(text, site="elsewhere.example").text


def test_per_site_plugin_options_and_switches():
    config = {"sites": {"pics.example": {"plugins": {"captions": {"enabled": False}, "promo": {"max_items": 1}}}}}
    cleaner = Cleaner.from_config(config)
    text = "Title\n\nBody of the story, a full sentence.\n\nCrowds gather at the seafront (Image: Getty)\n\nMore body text here."
    assert "Crowds gather" in cleaner.clean_text(text, site="pics.example").text
    assert "Crowds gather" not in cleaner.clean_text(text, site="other.example").text
    assert cleaner.site_profile("pics.example").options["promo"].max_items == 1
    assert cleaner.site_profile("other.example").options["promo"].max_items == 15
    assert cleaner.site_profile("pics.example").options["promo"].headings, "the rest of promo's options stay"
    assert cleaner.site_profile("news.pics.example") is cleaner.site_profile("pics.example")


def test_the_most_specific_site_key_wins():
    keys = ["example.com", "news.example.com", "*.example.*", "*"]
    assert best_key(keys, "news.example.com") == "news.example.com"
    assert best_key(keys, "sport.news.example.com") == "news.example.com"
    assert best_key(keys, "www.example.com") == "example.com"
    assert best_key(keys, "shop.example.org") == "*.example.*"
    assert best_key(keys, "unrelated.net") == "*"
    assert best_key(["example.com"], "notexample.com") is None
    assert best_key(keys, None) is None


def test_a_pathological_pattern_neither_hangs_nor_crashes():
    cleaner = Cleaner.from_config({"sites": {"slow.example": {"drop_lines": ["(a+)+$"], "drop_after": ["(x+x+)+y"]}}})
    line = "a" * 100_000 + "b"
    article = cleaner.clean_text("Title\n\n" + line + "\n\n" + "x" * 50_000, site="slow.example")
    assert not article.problems
    assert line in article.text
    doomed = cleaner.clean_text("Title\n\nBody sentence here.\n\n" + "a" * 100_000, site="slow.example")
    assert removed_by(doomed, "site_rules") == ["a" * 100_000]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"drop_lines": ["ok", "broken("]}, "sites.bad.example.drop_lines: item 1: pattern 'broken(' does not compile"),
        ({"drop_blocks": [{"start": "(?<=x)y"}]}, "sites.bad.example.drop_blocks[0].start: pattern '(?<=x)y' does not compile"),
        ({"drop_blocks": [{"items": "x"}]}, "sites.bad.example.drop_blocks[0].start: Field required"),
        ({"drop_linez": ["x"]}, "sites.bad.example.drop_linez: unknown key"),
        ({"plugins": {"promo": {"max_itemz": 3}}}, "sites.bad.example.plugins.promo.max_itemz: unknown key"),
        ({"plugins": {"promo": {"max_items": "many"}}}, "sites.bad.example.plugins.promo.max_items: Input should be a valid integer"),
        ({"plugins": {"nosuch": {}}}, "sites.bad.example.plugins.nosuch: unknown plugin"),
        ({"plugins": {"captions": {"enabled": "no"}}}, "sites.bad.example.plugins.captions.enabled: expected true or false"),
    ],
)
def test_config_errors_name_the_site_and_rule(tmp_path, config, message):
    with pytest.raises(ConfigError) as caught:
        Cleaner.from_config({"sites": {"bad.example": config}})
    assert message in str(caught.value)


def test_a_cleaner_with_site_rules_pickles_with_them():
    import pickle

    cleaner = pickle.loads(pickle.dumps(Cleaner.from_config(RULES)))
    article = cleaner.clean_text(ARTICLE, site="gazette.example")
    assert "Around the County" not in article.text


def test_a_rule_in_a_yaml_file_works_through_the_command_line(tmp_path, capsys):
    import json

    from cleaner.cli import main

    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (articles / "long.txt").write_text("Title\n\n" + "a" * 200_000 + "b\n\nAround the County\nItem one here\n", encoding="utf-8")
    config = tmp_path / "gazette.yaml"
    config.write_text(
        "sites:\n"
        "  gazette.example:\n"
        "    drop_blocks:\n"
        "      - start: 'around the county'\n"
        "    drop_lines: ['(a+)+$']\n",
        encoding="utf-8",
    )
    assert main(["clean", str(articles), "--site", "gazette.example", "-q"]) == 0
    before = {record["id"]: record for record in map(json.loads, capsys.readouterr().out.splitlines())}
    assert "Around the County" in before["story"]["text"]
    assert main(["clean", str(articles), "--site", "gazette.example", "--config", str(config), "-q"]) == 0
    after = {record["id"]: record for record in map(json.loads, capsys.readouterr().out.splitlines())}
    assert "Around the County" not in after["story"]["text"]
    assert "Around the County" not in after["long"]["text"]
    assert after["long"]["text"].startswith("a" * 1000), "the long line ends in b, so (a+)+$ does not take it"
    assert after["long"]["errors"] == []
