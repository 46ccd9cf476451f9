"""The built-in vocabulary: the words furniture is written with, one file per language.

``plugins/languages/<code>.yaml`` holds, for each rule plugin, the patterns of its vocabulary
options in that language (``promo: headings: [...]``). config.yaml's ``languages`` says which
files are read; the engine puts their patterns before those config.yaml gives each option.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

import cleaner

LANGUAGES = Path(__file__).resolve().parent / "languages"


@cleaner.hookimpl
def cleaner_add_vocabulary(language):
    return _read(language)


@functools.lru_cache(maxsize=None)
def _read(language: str) -> dict | None:
    """The language's file, read once per process (a batch run's workers each build a cleaner)."""
    path = LANGUAGES / f"{language}.yaml"
    if not path.is_file():
        return None
    # These files ship with cleaner; the C loader is ten times as quick as the pure-Python one.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    except yaml.YAMLError as error:
        raise ValueError(f"{path}: not valid YAML: {error}") from None


def available() -> list[str]:
    """The language codes there is a file for."""
    return sorted(path.stem for path in LANGUAGES.glob("*.yaml"))
