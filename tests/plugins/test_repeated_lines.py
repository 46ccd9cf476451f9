"""repeated_lines: applies the lines `cleaner learn` wrote, on their sites only."""

import pytest

from cleaner import Cleaner, ConfigError
from conftest import removed_by

LEARNED = """# Learned by `cleaner learn`.
sites:
  'herald.example':  # 30 articles
    drop_lines:
      - 'Updated\\s+\\d+:\\d+\\s+GMT'  # in 90% (27), e.g. Updated 9:41 GMT
      - 'Follow\\ the\\ Herald\\ on\\ Threads'
"""

TEXT = "Title line here\n\nUpdated 10:05 GMT\n\nBody text of the article.\n\nFollow the Herald on Threads"


@pytest.fixture
def learned(tmp_path):
    path = tmp_path / "learned.yaml"
    path.write_text(LEARNED, encoding="utf-8")
    return path


def test_learned_lines_are_removed_on_their_site_and_its_subdomains(learned):
    cleaner = Cleaner.from_config({"plugins": {"repeated_lines": {"files": [str(learned)]}}})
    article = cleaner.clean_text(TEXT, url="https://sport.herald.example/a")
    assert removed_by(article, "repeated_lines") == ["Updated 10:05 GMT", "Follow the Herald on Threads"]
    assert article.text == "Body text of the article."
    assert article.removed_blocks()[1].removal.rule == "learned-line"
    assert "herald.example" in article.removed_blocks()[1].removal.reason
    assert removed_by(cleaner.clean_text(TEXT, site="other.example"), "repeated_lines") == []


def test_no_files_no_removals():
    assert removed_by(Cleaner.from_config().clean_text(TEXT, site="herald.example"), "repeated_lines") == []


def test_a_bad_learned_file_is_a_config_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("sites:\n  x.example:\n    drop_lines: ['broken(']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"plugins.repeated_lines.files.*broken\("):
        Cleaner.from_config({"plugins": {"repeated_lines": {"files": [str(bad)]}}})
    with pytest.raises(ConfigError, match="cannot read config"):
        Cleaner.from_config({"plugins": {"repeated_lines": {"files": [str(tmp_path / "absent.yaml")]}}})
