"""Rules files: site rules from anyone, and nothing that runs code, reads other files or lifts a limit."""

import pickle

import pytest

from cleaner import Cleaner, ConfigError
from cleaner.cli import main
from conftest import SEED, lines_of

ARTICLE = "Headline\n\nBody sentence of the story.\n\nGazette reader offers: half price\n\nHave your say\nComment"
URL = "https://news.gazette.example/a"

MARKING_PLUGIN = "from pathlib import Path\n\nPath(__file__).with_name('MARK').write_text('imported')\n"


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def marking_plugins(tmp_path):
    """A plugin folder whose plugin leaves a file named MARK beside it when it is imported."""
    folder = tmp_path / "plugins"
    folder.mkdir()
    write(folder / "marker.py", MARKING_PLUGIN)
    return folder


def test_a_rules_file_gives_site_rules(tmp_path):
    rules = write(tmp_path / "rules.yaml", "sites:\n  gazette.example:\n    drop_lines: ['gazette reader offers: .*']\n"
                  "    drop_after: ['have your say']\n")
    article = Cleaner.from_config(rules=[rules]).clean_text(ARTICLE, url=URL)
    assert article.text == "Body sentence of the story."


def test_the_rules_of_several_files_and_the_config_add_up(tmp_path):
    first = write(tmp_path / "one.yaml", "sites:\n  gazette.example:\n    drop_lines: ['gazette reader offers: .*']\n")
    second = write(tmp_path / "two.yaml", "sites:\n  gazette.example:\n    drop_after: ['have your say']\n"
                   "    keep: ['body sentence of the story.']\n")
    config = {"sites": {"gazette.example": {"drop_lines": ["body sentence of the story."], "plugins": {"title": {"enabled": False}}}}}
    cleaner = Cleaner.from_config(config, rules=[first, second])
    section = cleaner.config.settings.sites["gazette.example"]
    assert section.drop_lines.patterns == ("body sentence of the story.", "gazette reader offers: .*")
    assert "title" in section.plugins, "the config's own options for the site stay"
    article = cleaner.clean_text(ARTICLE, url=URL)
    assert article.text == "Headline\n\nBody sentence of the story.", "kept by the second file's keep, title plugin off"


def test_rules_files_named_in_the_config_are_read_beside_it(tmp_path):
    write(tmp_path / "rules.yaml", "sites:\n  gazette.example:\n    drop_after: ['have your say']\n")
    config = write(tmp_path / "my.yaml", "rules_files: [rules.yaml]\n")
    cleaner = Cleaner.from_config(config)
    assert cleaner.config.settings.sites["gazette.example"].drop_after.patterns == ("have your say",)
    assert cleaner.config.to_dict()["rules_files"] == [], "the rules are in the data; nothing is read twice"


def test_a_cleaner_with_rules_pickles_without_reading_them_again(tmp_path):
    rules = write(tmp_path / "rules.yaml", "sites:\n  gazette.example:\n    drop_after: ['have your say']\n")
    cleaner = Cleaner.from_config(rules=[rules])
    rules.unlink()
    rebuilt = pickle.loads(pickle.dumps(cleaner))
    assert rebuilt.config.settings.sites["gazette.example"].drop_after.patterns == ("have your say",)


@pytest.mark.parametrize(
    "text, path, why",
    [
        ("plugin_dirs: [plugins]\n", "plugin_dirs", "it would load plugins, which are code"),
        ("plugins:\n  repeated_lines: {files: [/etc/passwd]}\n", "plugins", "some of which name files to read"),
        ("limits: {max_article_bytes: 999999999999}\n", "limits", "it could lift the limits on an article"),
        ("rules_files: [other.yaml]\n", "rules_files", "it would name more files to read"),
        ("sites:\n  x.example:\n    plugins: {repeated_lines: {files: [/etc/passwd]}}\n", "sites.x.example.plugins",
         "some of which name files to read"),
        ("sites:\n  x.example:\n    examples: /etc\n", "sites.x.example.examples", "it names a folder to read"),
    ],
)
def test_what_a_rules_file_may_not_hold_is_refused_naming_the_key(tmp_path, text, path, why):
    rules = write(tmp_path / "rules.yaml", text)
    with pytest.raises(ConfigError) as error:
        Cleaner.from_config(rules=[rules])
    first, last = str(error.value).splitlines()
    assert first.startswith(f"{rules}: {path}: refused in a rules file: ") and why in first
    assert last == (
        f"{rules}: a rules file holds site rules only (sites: HOST: drop_lines, drop_blocks, drop_after, keep); "
        "the rest belongs in a config file of your own (--config), which is trusted like code"
    )


@pytest.mark.parametrize("section", ["plugin_dirs: [{folder}]\n", "plugin_dirs: [{folder}]\nplugins:\n  marker: {{}}\n"
                                     "limits: {{time_budget_seconds: 0}}\n"])
def test_a_rules_file_that_would_load_plugins_runs_no_code(tmp_path, capsys, marking_plugins, section):
    rules = write(tmp_path / "rules.yaml", section.format(folder=marking_plugins) + "sites: {}\n")
    output = tmp_path / "out.jsonl"
    assert main(["clean", str(SEED), "--rules", str(rules), "-o", str(output)]) == 2
    stderr = capsys.readouterr().err
    assert f"cleaner: config error: {rules}: plugin_dirs: refused in a rules file" in stderr
    assert ("limits: refused" in stderr) == ("limits" in section) and ("plugins: refused" in stderr) == ("marker" in section)
    assert not (marking_plugins / "MARK").exists(), "no plugin of the rules file was imported"
    assert not output.exists()


def test_the_same_file_as_a_config_does_run_its_plugins(tmp_path, marking_plugins):
    """What the rules file is refused for: a config file is trusted like code."""
    config = write(tmp_path / "config.yaml", f"plugin_dirs: [{marking_plugins}]\n")
    assert main(["clean", str(SEED), "--config", str(config), "-o", str(tmp_path / "out.jsonl"), "-q"]) == 0
    assert (marking_plugins / "MARK").read_text() == "imported"


def test_a_bad_pattern_in_a_rules_file_names_the_file_and_the_key(tmp_path):
    rules = write(tmp_path / "rules.yaml", "sites:\n  x.example:\n    drop_lines: ['fine', 'broken(']\n    colour: red\n")
    with pytest.raises(ConfigError) as error:
        Cleaner.from_config(rules=[rules])
    message = str(error.value)
    assert f"{rules}: sites.x.example.drop_lines: item 1: pattern 'broken(' does not compile" in message
    assert f"{rules}: sites.x.example.colour: unknown key" in message


def test_a_learned_file_is_a_rules_file(tmp_path):
    folder = tmp_path / "gazette.example"
    folder.mkdir()
    bodies = ["The mayor opened a bridge.", "Rain closed the harbour road.", "A school won the county cup.",
              "Nurses marched on the town hall.", "The ferry sailed late again.", "Farmers met the new minister."]
    for number, body in enumerate(bodies):
        write(folder / f"{number}.txt", f"{body.split()[1].title()} story\n\n{body}\n\nGazette reader offers: {number} off")
    learned = tmp_path / "learned.yaml"
    assert main(["learn", str(tmp_path), "--by-folder", "-o", str(learned)]) == 0
    assert "Apply with --rules" in learned.read_text(encoding="utf-8")
    output = tmp_path / "out.jsonl"
    assert main(["clean", str(folder / "0.txt"), "--site", "gazette.example", "--rules", str(learned), "-o", str(output), "-q"]) == 0
    [record] = lines_of(output)
    assert record["text"] == "The mayor opened a bridge."
    assert [entry["plugin"] for entry in record["removed"] if entry["text"].startswith("Gazette")] == ["site_rules"]
