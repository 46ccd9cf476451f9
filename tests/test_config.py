"""config.yaml: layering over the defaults, validation messages that name the key path."""

import pytest

from cleaner import Cleaner, ConfigError
from cleaner.config import Config, default_config_path
from conftest import ROOT


def write(tmp_path, text):
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path, text):
    with pytest.raises(ConfigError) as caught:
        Cleaner.from_config(write(tmp_path, text))
    return str(caught.value)


def test_the_default_config_is_the_repository_config_yaml():
    assert default_config_path().read_text(encoding="utf-8") == (ROOT / "config.yaml").read_text(encoding="utf-8")
    cleaner = Cleaner.from_config()
    assert set(cleaner.options) >= {"title", "promo", "captions", "attribution", "prompts", "whitespace"}
    assert cleaner.options["promo"].headings, "vocabularies come from config.yaml"


def test_a_user_file_overrides_only_what_it_names(tmp_path):
    cleaner = Cleaner.from_config(write(tmp_path, "plugins:\n  captions:\n    enabled: false\n"))
    assert cleaner.enabled["captions"] is False
    assert cleaner.enabled["promo"] is True
    assert cleaner.options["promo"].headings == Cleaner.from_config().options["promo"].headings


def test_unknown_plugin(tmp_path):
    message = error_for(tmp_path, "plugins:\n  nosuch: {}\n")
    assert "config.yaml: plugins.nosuch: unknown plugin" in message


def test_unknown_option(tmp_path):
    assert "plugins.promo.max_itemz: unknown key" in error_for(tmp_path, "plugins:\n  promo:\n    max_itemz: 3\n")


def test_unknown_top_level_key(tmp_path):
    assert "config.yaml: pluginz: unknown key" in error_for(tmp_path, "pluginz: {}\n")


def test_wrong_type(tmp_path):
    message = error_for(tmp_path, "plugins:\n  promo:\n    max_items: many\n")
    assert "plugins.promo.max_items" in message and "integer" in message


def test_wrong_type_for_a_pattern_list(tmp_path):
    message = error_for(tmp_path, "plugins:\n  promo:\n    headings: related\n")
    assert "plugins.promo.headings: expected a list of patterns (strings), got str" in message


def test_bad_regex_names_the_item(tmp_path):
    message = error_for(tmp_path, "plugins:\n  promo:\n    headings: ['ok', 'broken(']\n")
    assert "plugins.promo.headings: item 1: pattern 'broken(' does not compile: missing )" in message


def test_regex_features_re2_lacks_are_config_errors(tmp_path):
    message = error_for(tmp_path, "plugins:\n  prompts:\n    prompts: ['(?<=x)y']\n")
    assert "plugins.prompts.prompts: item 0" in message


def test_enabled_must_be_boolean(tmp_path):
    assert "plugins.title.enabled: expected true or false" in error_for(tmp_path, "plugins:\n  title:\n    enabled: yes please\n")


def test_not_yaml(tmp_path):
    assert "not valid YAML" in error_for(tmp_path, "plugins: [unclosed\n")


def test_yaml_object_construction_is_refused(tmp_path):
    message = error_for(tmp_path, "plugins: !!python/object/apply:os.system ['echo hacked']\n")
    assert "not valid YAML" in message


def test_yaml_aliases_are_refused(tmp_path):
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    assert "aliases" in error_for(tmp_path, bomb)


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="cannot read config"):
        Config.load(tmp_path / "absent.yaml")


def test_a_pathological_pattern_runs_in_linear_time():
    cleaner = Cleaner.from_config({"plugins": {"prompts": {"prompts": ["(a+)+$"], "max_words": 10}}})
    article = cleaner.clean_text("Title\n\n" + "a" * 200_000 + "b")
    assert article.text.endswith("b")


def test_a_billion_laughs_alias_bomb_is_refused_before_it_expands(tmp_path):
    levels = ["lol0: &a0 [" + ", ".join(['"lol"'] * 10) + "]"]
    levels += [f"lol{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 10)]
    message = error_for(tmp_path, "\n".join(levels) + "\n")
    assert "aliases (*a0) are not allowed" in message and "line 2" in message


def test_nesting_deep_enough_to_exhaust_the_stack_is_refused(tmp_path):
    message = error_for(tmp_path, "plugins: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert "nested more than 50 levels deep" in message


@pytest.mark.parametrize(
    "tag", ["!!python/name:os.system", "!!python/module:os", "!!python/object/new:os.system [ls]"]
)
def test_yaml_tags_that_construct_objects_are_refused(tmp_path, tag):
    assert "not valid YAML" in error_for(tmp_path, f"plugins: {tag}\n")


@pytest.mark.parametrize(
    "limits, path",
    [
        ("max_article_bytes: 0", "limits.max_article_bytes"),
        ("time_budget_seconds: -1", "limits.time_budget_seconds"),
        ("time_budget_secs: 3", "limits.time_budget_secs: unknown key"),
    ],
)
def test_limits_are_validated_by_key_path(tmp_path, limits, path):
    assert path in error_for(tmp_path, f"limits:\n  {limits}\n")
