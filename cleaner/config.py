"""Loads config.yaml: safely, layered over the defaults, validated with messages that name the key.

The packaged config.yaml holds the defaults. A user's file (``--config``) or dict is laid over
it: mappings merge key by key, anything else (a list, a number) replaces the default.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from .sites import SiteSection


class ConfigError(Exception):
    """The configuration is wrong; the message names the file, the key path and what is wrong."""


MAX_NESTING = 50


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that refuses aliases, so that no "billion laughs" file can blow up a run, and
    nesting deeper than `MAX_NESTING`, which would exhaust the recursive composer's stack."""

    depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.YAMLError(f"aliases (*{event.anchor}) are not allowed, at {event.start_mark}")
        if self.depth >= MAX_NESTING:
            raise yaml.YAMLError(f"nested more than {MAX_NESTING} levels deep, at {self.peek_event().start_mark}")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class Limits(BaseModel):
    """Bounds on one article, so that a hostile input or a runaway plugin costs only that article."""

    model_config = ConfigDict(extra="forbid")

    max_article_bytes: int = Field(20_000_000, gt=0)
    """Largest input (after gunzipping) a reader takes as one article."""
    max_article_blocks: int = Field(100_000, gt=0)
    """Most blocks (lines of text, elements of a page) in one article; each costs memory and time."""
    time_budget_seconds: float = Field(30.0, ge=0)
    """Longest the plugins may spend on one article; 0 for no limit."""
    max_rule_passes: int = Field(4, ge=1)
    """Most passes of the rule plugins over one article; they stop earlier once none finds more."""


LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$")]
"""A language code such as ``en`` or ``pt-br``: a name, never a path."""


class Settings(BaseModel):
    """The top level of config.yaml; each plugin validates its own section."""

    model_config = ConfigDict(extra="forbid")

    plugin_dirs: list[str] = []
    languages: list[LanguageCode] = []
    """Whose vocabularies the rules use (see the ``cleaner_add_vocabulary`` hook)."""
    detect_language: bool = True
    """Clean each article with the words of its own language and English only (`cleaner.languages`)."""
    rules_files: list[str] = []
    """Files of site rules only, from anyone (see `cleaner.rules_files`), relative to this file."""
    limits: Limits = Limits()
    plugins: dict[str, dict[str, Any] | None] = {}
    sites: dict[str, SiteSection] = {}
    """Rules and option overrides per site, keyed by hostname (see `cleaner.sites`)."""


def default_config_path() -> Path:
    packaged = resources.files("cleaner") / "config.yaml"
    return Path(str(packaged))


def load_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"{path}: cannot read config: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: config is not UTF-8: {error}") from None
    try:
        data = yaml.load(text, Loader=_NoAliasLoader)
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: not valid YAML: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level, got {type(data).__name__}")
    return data


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def key_path(location: tuple[Any, ...], prefix: str = "") -> str:
    path = prefix
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "(top level)"


def describe_validation_error(error: ValidationError, origin: str, prefix: str = "") -> str:
    lines = []
    for detail in error.errors():
        location = tuple(part for part in detail["loc"] if part not in ("function-after[build(), list[str]]",))
        message = detail["msg"]
        if detail["type"] == "extra_forbidden":
            message = "unknown key"
        elif "input" in detail and detail["type"].endswith("_type"):
            message += f" (got {type(detail['input']).__name__})"
        lines.append(f"{origin}: {key_path(location, prefix)}: {message}")
    return "\n".join(lines)


class Config:
    """The merged configuration, before the plugins' own sections are validated by the engine.

    Rules files (`rules`, and ``rules_files`` in the data, relative to `base_dir`) are not trusted:
    only their site rules are taken, and added to ``sites``; ``data`` then holds them, and no
    ``rules_files``, so that it is the whole configuration (to pickle, or to fingerprint).
    """

    def __init__(self, data: dict[str, Any], origin: str, base_dir: Path, rules: Iterable[str | Path] = ()):
        self.origin = origin
        self.base_dir = base_dir
        self.settings = self._validate(data)
        files = [base_dir / name for name in self.settings.rules_files] + [Path(name) for name in rules]
        if files:
            data = {**data, "sites": _with_rules(data.get("sites") or {}, files), "rules_files": []}
            self.settings = self._validate(data)
        self.data = data

    def _validate(self, data: dict[str, Any]) -> Settings:
        try:
            return Settings.model_validate(data)
        except ValidationError as error:
            raise ConfigError(describe_validation_error(error, self.origin)) from None

    @classmethod
    def load(cls, source: str | Path | dict[str, Any] | None = None, rules: Iterable[str | Path] = ()) -> Config:
        """The defaults, with `source` (a trusted file or dict) laid over them, and the site rules
        of the untrusted `rules` files added."""
        default_path = default_config_path()
        defaults = load_yaml(default_path)
        if source is None:
            return cls(defaults, str(default_path), Path.cwd(), rules)
        if isinstance(source, dict):
            return cls(merge(defaults, source), "config", Path.cwd(), rules)
        path = Path(source)
        return cls(merge(defaults, load_yaml(path)), str(path), path.parent, rules)

    @property
    def plugin_dirs(self) -> list[Path]:
        return [self.base_dir / folder for folder in self.settings.plugin_dirs]

    def site_examples(self) -> dict[str, Path]:
        """The examples folder of every site that names one, by site key."""
        return {
            key: self.base_dir / section.examples
            for key, section in self.settings.sites.items()
            if section.examples is not None
        }

    def plugin_section(self, name: str) -> dict[str, Any]:
        return dict(self.settings.plugins.get(name) or {})

    def to_dict(self) -> dict[str, Any]:
        return copy.deepcopy(self.data)


def _with_rules(sites: dict[str, Any], files: Iterable[Path]) -> dict[str, Any]:
    # Imported here: rules_files reads YAML and reports errors with this module's functions.
    from .rules_files import add_rules, load_rules

    for path in files:
        sites = add_rules(sites, load_rules(path))
    return sites
