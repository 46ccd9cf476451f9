"""Site rules: the ``sites:`` section of config.yaml, which hosts a section applies to, and the
per-site view of the plugins' options that the engine hands out.

A site section is keyed by hostname. ``example.com`` applies to ``example.com`` and every
subdomain of it (``news.example.com``); a key with ``*`` or ``?`` is a glob over the whole
hostname (``*.example.*``). When several keys match, the most specific wins, and only it applies:
an exact hostname beats a parent domain, a longer parent domain beats a shorter one, and any
domain beats a glob (between globs, the one with more literal characters).

The declarative rules of a section (``drop_lines``, ``drop_blocks``, ``drop_after``) are the
options of the built-in ``site_rules`` plugin for that site; ``keep`` protects lines from every
plugin; ``plugins`` overrides any plugin's options for that site.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .patterns import Pattern, Screen, Vocabulary

SITE_RULES_PLUGIN = "site_rules"
_GLOB_CHARACTERS = "*?["


class BlockRule(BaseModel):
    """A block of furniture: a start line and the run of item lines under it."""

    model_config = ConfigDict(extra="forbid")

    start: Pattern
    """The whole line that starts the block, such as a box's heading."""
    items: Pattern | None = None
    """Lines that belong to the block; without it, any short line not ending with a full stop."""
    max_items: int = Field(default=15, ge=0)
    max_item_words: int = Field(default=25, ge=1)


class SiteRules(BaseModel):
    """The declarative rules of one site: the options of the ``site_rules`` plugin."""

    model_config = ConfigDict(extra="forbid")

    drop_lines: Vocabulary = Vocabulary()
    """Whole lines (spaces at the ends ignored) to remove wherever they are."""
    drop_blocks: list[BlockRule] = []
    drop_after: Vocabulary = Vocabulary()
    """A whole line that starts the page's footer: it and every line after it are removed."""


class SitePatterns(SiteRules):
    """The part of a site section that is patterns alone, which a rules file from anyone may hold
    (`cleaner.rules_files`): it can remove or keep lines of that site's articles, and do nothing else."""

    keep: Vocabulary = Vocabulary()
    """Whole lines no plugin may remove on this site."""


class SiteSection(SitePatterns):
    """One entry under ``sites:`` in config.yaml."""

    plugins: dict[str, dict[str, Any] | None] = {}
    """Options laid over ``plugins.<name>`` for this site (``enabled`` too)."""
    examples: str | None = None
    """A folder of example articles with their expected output, for ``cleaner check-rules``."""

    def rules(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in SiteRules.model_fields}

    def has_rules(self) -> bool:
        return bool(self.drop_lines or self.drop_blocks or self.drop_after)


def is_glob(key: str) -> bool:
    return any(character in key for character in _GLOB_CHARACTERS)


def specificity(key: str, host: str) -> tuple[int, int] | None:
    """How closely `key` names `host`, as a sortable score; None if it does not apply."""
    key = key.lower().removeprefix("www.")
    if is_glob(key):
        if fnmatch.fnmatchcase(host, key):
            return (0, sum(character not in _GLOB_CHARACTERS for character in key))
        return None
    if host == key:
        return (2, len(key))
    if host.endswith("." + key):
        return (1, len(key))
    return None


def best_key(keys: Iterable[str], host: str | None) -> str | None:
    """The most specific of `keys` that applies to `host`."""
    if not host:
        return None
    host = host.lower().removeprefix("www.")
    scored = [(score, key) for key in keys if (score := specificity(key, host)) is not None]
    return max(scored)[1] if scored else None


def host_matches(keys: Iterable[str], host: str | None) -> bool:
    """True if any of `keys` applies to `host`: for site plugins that serve a list of hosts."""
    return best_key(keys, host) is not None


def parent_domains(host: str) -> Iterable[str]:
    """``a.b.example.com``, ``b.example.com``, ``example.com``, ``com``: for exact-key lookups."""
    host = host.lower().removeprefix("www.")
    while host:
        yield host
        host = host.partition(".")[2]


@dataclass(frozen=True, slots=True)
class SiteProfile:
    """What the engine needs for one site: each plugin's options, which plugins run, and what to keep."""

    key: str | None
    options: Mapping[str, Any]
    enabled: Mapping[str, bool]
    implementations: Mapping[str, list]
    """The enabled hook implementations, by hook name, in calling order."""
    keep: Vocabulary = Vocabulary()
    screen: Screen | None = None
    """Tells which of the options' vocabularies may match an article (`Article.may_match`)."""
    languages: frozenset[str] | None = None
    """The languages whose words the options hold; None for all of config.yaml's `languages`."""

    def protected(self, article) -> frozenset[int]:
        """Indices of the article's blocks that `keep` protects."""
        if not article.may_match(self.keep):
            return frozenset()
        return frozenset(block.index for block in article.blocks if self.keep.fullmatch(block.text.strip()))
