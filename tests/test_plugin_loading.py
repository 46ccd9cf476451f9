"""Plugins from a folder of .py files, and `cleaner plugins`."""

import textwrap

import pytest

from cleaner import Cleaner, ConfigError
from conftest import SEED

SITE_PLUGIN = '''
import cleaner
from cleaner.model import Mark


@cleaner.hookimpl
def cleaner_mark_blocks(article):
    return [
        Mark(block, "governor-quote", "test rule: drop the governor's paragraphs")
        for block in article.kept_blocks()
        if block.text.startswith("The governor")
    ]
'''


@pytest.fixture
def plugin_dir(tmp_path):
    folder = tmp_path / "site_plugins"
    folder.mkdir()
    (folder / "governor.py").write_text(SITE_PLUGIN)
    return folder


def test_a_plugin_file_in_a_folder_changes_the_result(plugin_dir):
    text = SEED.read_text(encoding="utf-8")
    before = Cleaner.from_config().clean_text(text)
    after = Cleaner.from_config(plugin_dirs=[plugin_dir]).clean_text(text)
    assert "The governor of the Belgorod region" in before.text
    assert "The governor of the Belgorod region" not in after.text
    [removal] = [b.removal for b in after.removed_blocks() if b.removal.plugin == "governor"]
    assert removal.rule == "governor-quote"


def test_plugin_dirs_in_config_are_relative_to_the_config_file(plugin_dir):
    config = plugin_dir.parent / "my.yaml"
    config.write_text("plugin_dirs: [site_plugins]\n")
    cleaner = Cleaner.from_config(config)
    assert cleaner.manager.has_plugin("governor")


def test_a_plugin_file_can_take_options_and_be_disabled(tmp_path):
    (tmp_path / "shout.py").write_text(textwrap.dedent('''
        from pydantic import BaseModel
        import cleaner
        from cleaner.model import Mark

        class Options(BaseModel):
            word: str = "LOUD"

        @cleaner.hookimpl
        def cleaner_add_options():
            return Options

        @cleaner.hookimpl
        def cleaner_mark_blocks(article, options):
            return [Mark(b, "shout", "shouting") for b in article.kept_blocks() if options.word in b.text]
    '''))
    text = "Title\n\nA LOUD line.\n\nA quiet line."
    assert Cleaner.from_config(plugin_dirs=[tmp_path]).clean_text(text).text == "A quiet line."
    configured = Cleaner.from_config({"plugins": {"shout": {"word": "quiet"}}}, plugin_dirs=[tmp_path])
    assert configured.clean_text(text).text == "A LOUD line."
    disabled = Cleaner.from_config({"plugins": {"shout": {"enabled": False}}}, plugin_dirs=[tmp_path])
    assert disabled.clean_text(text).text == "A LOUD line.\n\nA quiet line."


def test_a_broken_plugin_file_is_a_config_error_naming_it(tmp_path):
    (tmp_path / "broken.py").write_text("import nosuchmodule_xyz\n")
    with pytest.raises(ConfigError, match="broken.py: cannot load plugin: ModuleNotFoundError"):
        Cleaner.from_config(plugin_dirs=[tmp_path])


def test_a_plugin_file_may_not_shadow_a_built_in(tmp_path):
    (tmp_path / "promo.py").write_text("")
    with pytest.raises(ConfigError, match="already loaded"):
        Cleaner.from_config(plugin_dirs=[tmp_path])


def test_missing_plugin_folder(tmp_path):
    with pytest.raises(ConfigError, match="plugin folder does not exist"):
        Cleaner.from_config(plugin_dirs=[tmp_path / "nope"])
