"""The example site plugins in plugins/sites: their examples pass, they act on their own sites only,
and look-alike body lines survive."""

import json

import pytest

from cleaner import Cleaner
from cleaner.check_rules import check_example, find_examples, outcome
from conftest import ROOT

SITES = ROOT / "plugins" / "sites"


@pytest.fixture(scope="module")
def site_cleaner():
    return Cleaner.from_config(plugin_dirs=[SITES])


EXAMPLES = sorted((SITES / "examples").glob("*/*.txt"))


def test_there_are_examples_for_three_outlets_including_the_seeds():
    assert {path.parent.name for path in EXAMPLES} >= {"express.co.uk", "mirror.co.uk", "bbc.co.uk"}
    assert {"express_co_uk", "mirror_co_uk", "bbc_co_uk"} <= {path.stem for path in SITES.glob("*.py")}


@pytest.mark.parametrize("path", EXAMPLES, ids=[f"{p.parent.name}/{p.stem}" for p in EXAMPLES])
def test_example_comes_out_as_expected(site_cleaner, path):
    example = next(example for example in find_examples(site_cleaner) if example.input == path)
    assert check_example(site_cleaner, example) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=[f"{p.parent.name}/{p.stem}" for p in EXAMPLES])
def test_the_site_plugin_is_what_makes_the_example_pass(site_cleaner, path):
    text = path.read_text(encoding="utf-8")
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    plugin = path.parent.name.replace(".", "_")
    article = site_cleaner.clean_text(text, site=path.parent.name)
    assert any(block.removal.plugin == plugin for block in article.removed_blocks())
    for host in ("other.example", None):
        elsewhere = site_cleaner.clean_text(text, site=host)
        assert not any(block.removal.plugin == plugin for block in elsewhere.removed_blocks())
        assert outcome(elsewhere) != expected


def test_body_lines_that_look_like_furniture_survive(site_cleaner):
    express = site_cleaner.clean_text(
        "Title\n\nShe said the site showed: Invalid email\n\nSubscribe\n\nThe rest of the story.", site="express.co.uk"
    )
    assert not any(block.removal.plugin == "express_co_uk" for block in express.removed_blocks()), "one box line alone is not a box"
    mirror = site_cleaner.clean_text("Title\n\nThe coach said:\n\nPlay now\n\nand they did.", site="mirror.co.uk")
    assert "Play now" in mirror.text, "one player label alone is not a player"
    bbc = site_cleaner.clean_text(
        "Title\n\nRelated Topics\nRivers\nThe river burst its banks on Monday, flooding forty homes.",
        site="bbc.co.uk",
    )
    assert bbc.text.endswith("The river burst its banks on Monday, flooding forty homes.")


def test_subdomains_are_the_sites_too(site_cleaner):
    text = (SITES / "examples" / "bbc.co.uk" / "01_related_topics.txt").read_text(encoding="utf-8")
    assert "Related Topics" not in site_cleaner.clean_text(text, url="https://www.bbc.com/news/x").text


def test_check_rules_command_passes_on_the_site_plugins(capsys):
    from cleaner.cli import main

    assert main(["check-rules", "--plugins-dir", str(SITES)]) == 0
    out = capsys.readouterr().out
    assert out.count("pass  ") == len(EXAMPLES)
    assert f"{len(EXAMPLES)} of {len(EXAMPLES)} examples pass" in out


def test_check_rules_fails_with_a_diff(tmp_path, capsys):
    from cleaner.cli import main

    examples = tmp_path / "examples"
    examples.mkdir()
    (examples / "one.txt").write_text("Headline here\n\nBody sentence.\n\nGazette Extras\n", encoding="utf-8")
    (examples / "one.expected.json").write_text(json.dumps({"text": "Body sentence."}), encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text("sites:\n  gazette.example:\n    examples: examples\n", encoding="utf-8")
    assert main(["check-rules", "--config", str(config)]) == 1
    out = capsys.readouterr().out
    assert "FAIL  gazette.example" in out
    assert "+  | Gazette Extras" in out
    config.write_text(
        "sites:\n  gazette.example:\n    examples: examples\n    drop_lines: ['gazette extras']\n", encoding="utf-8"
    )
    assert main(["check-rules", "--config", str(config)]) == 0
    assert "1 of 1 examples pass" in capsys.readouterr().out


def test_check_rules_fails_on_a_missing_examples_folder(tmp_path, capsys):
    from cleaner.cli import main

    config = tmp_path / "config.yaml"
    config.write_text("sites:\n  gazette.example:\n    examples: nowhere\n", encoding="utf-8")
    assert main(["check-rules", "--config", str(config)]) == 1
    assert "sites.gazette.example.examples: no such folder" in capsys.readouterr().out


def test_examples_of_a_glob_key_name_their_host(tmp_path, capsys):
    from cleaner.cli import main

    examples = tmp_path / "examples"
    examples.mkdir()
    (examples / "one.txt").write_text("Headline here\n\nBody sentence.\n\nGazette Extras\n", encoding="utf-8")
    expected = examples / "one.expected.json"
    expected.write_text(json.dumps({"text": "Body sentence."}), encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text("sites:\n  '*.gazette.*':\n    examples: examples\n    drop_lines: ['gazette extras']\n", encoding="utf-8")
    assert main(["check-rules", "--config", str(config)]) == 1
    assert "is a glob: give the example a \"site\" hostname" in capsys.readouterr().out
    expected.write_text(json.dumps({"site": "news.gazette.example", "text": "Body sentence."}), encoding="utf-8")
    assert main(["check-rules", "--config", str(config)]) == 0
