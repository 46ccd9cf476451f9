"""Site rules from files that are not trusted: a colleague's rules, a shared repository of rules,
the rules a service lets its users write for their sites.

A config file (``--config``) is as trusted as code: ``plugin_dirs`` imports every ``.py`` file in
the folders it names, ``plugins`` sets options that name files to read, ``limits`` can lift the
bounds on an article. A rules file (``--rules FILE``, or ``rules_files:`` in the config) holds
site rules and nothing else: ``sites: HOST:`` with ``drop_lines``, ``drop_blocks``, ``drop_after``
and ``keep``, all patterns (RE2, so none can hang a run), which is what ``cleaner learn`` writes.
Anything else in it is refused, with its key path, before anything in the file is used.

The rules of every file add up: a host's patterns from several files (and from the config) are
all applied.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from .config import ConfigError, describe_validation_error, load_yaml
from .sites import SitePatterns

RULE_KEYS = tuple(SitePatterns.model_fields)
"""What a site of a rules file may hold: ``drop_lines``, ``drop_blocks``, ``drop_after``, ``keep``."""

_REFUSED = {
    "plugin_dirs": "it would load plugins, which are code",
    "plugins": "it would set plugin options, some of which name files to read",
    "limits": "it could lift the limits on an article",
    "rules_files": "it would name more files to read",
}
_REFUSED_IN_SITE = {
    "plugins": "it would set plugin options for the site, some of which name files to read",
    "examples": "it names a folder to read",
}


class _RulesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sites: dict[str, SitePatterns] = {}


def load_rules(path: str | Path) -> dict[str, dict[str, Any]]:
    """The ``sites:`` of a rules file, checked: raises `ConfigError` naming every key refused or wrong."""
    origin = str(path)
    data = load_yaml(Path(path))
    refused = list(_refused(data, origin))
    if refused:
        raise ConfigError("\n".join(refused))
    try:
        _RulesFile.model_validate(data)
    except ValidationError as error:
        raise ConfigError(describe_validation_error(error, origin)) from None
    return data.get("sites") or {}


def _refused(data: dict[str, Any], origin: str) -> Iterable[str]:
    found = [f"{origin}: {key}: refused in a rules file: {why}" for key, why in _REFUSED.items() if key in data]
    sites = data.get("sites")
    for host, section in sites.items() if isinstance(sites, dict) else ():
        if isinstance(section, dict):
            found.extend(
                f"{origin}: sites.{host}.{key}: refused in a rules file: {why}"
                for key, why in _REFUSED_IN_SITE.items() if key in section
            )
    if found:
        yield from found
        yield (
            f"{origin}: a rules file holds site rules only (sites: HOST: {', '.join(RULE_KEYS)}); the rest "
            "belongs in a config file of your own (--config), which is trusted like code"
        )


def add_rules(sites: dict[str, Any], rules: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """`sites` (a config's ``sites:``) with the patterns of `rules` added to each host's."""
    combined = copy.deepcopy(sites)
    for host, section in rules.items():
        into = combined.setdefault(host, {})
        if into is None:
            into = combined[host] = {}
        for key, patterns in (section or {}).items():
            into[key] = [*(into.get(key) or []), *copy.deepcopy(patterns)]
    return combined
