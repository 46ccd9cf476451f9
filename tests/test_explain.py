"""`cleaner explain`: every block, kept or removed, with the plugin and rule that decided."""

import re

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.explain import explain, use_colour
from conftest import SEED


class Terminal:
    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)

    def isatty(self):
        return True

    def value(self):
        return "".join(self.parts)


def test_every_block_is_shown_with_its_verdict(capsys):
    assert main(["explain", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "\033[" not in out, "no colour when not on a terminal"
    lines = out.splitlines()
    assert lines[0].startswith("== 000_0b81a6bb6a602c60")
    assert lines[0].endswith("; words of en)"), "the seed is English: only English words were looked for"
    assert "  41 REMOVE  Don’t miss…" in lines
    assert any(line.strip() == "promo/promo-heading: heading of a list of other articles: 'Don’t miss'" for line in lines)
    verdicts = [line for line in lines if re.match(r"\s*\d+ (KEEP|REMOVE) ", line)]
    source = [line for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()]
    assert len(verdicts) == len(source)


def test_site_rules_and_protection_are_named(tmp_path, capsys):
    config = tmp_path / "config.yaml"
    config.write_text(
        "sites:\n  gazette.example:\n    drop_lines: ['gazette extras']\n    keep: ['read more: our promise']\n",
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text("Headline here\n\nBody sentence.\n\nGazette Extras\n\nRead more: Our promise\n", encoding="utf-8")
    assert main(["explain", str(article), "--config", str(config), "--site", "news.gazette.example"]) == 0
    out = capsys.readouterr().out
    assert "site rules sites.gazette.example" in out
    assert "site_rules/drop_lines: news.gazette.example furniture line: 'gazette extras'" in out
    assert "Read more: Our promise  [kept: protected by keep]" in out


def test_colour_on_a_terminal_unless_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    terminal = Terminal()
    assert use_colour(terminal)
    explain(Cleaner.from_config(), [str(SEED)], terminal)
    assert "\033[31mREMOVE\033[0m" in terminal.value()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(Terminal())


def test_unreadable_input_is_an_error_and_exit_1(tmp_path, capsys):
    assert main(["explain", str(tmp_path / "absent.txt")]) == 1
    assert "error: read:" in capsys.readouterr().out
