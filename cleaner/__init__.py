"""cleaner: strip the furniture off scraped news articles and keep the article."""

import pluggy

__version__ = "0.1.0"
"""The release; the distribution on the package index is ``article-cleaner``."""

hookimpl = pluggy.HookimplMarker("cleaner")
"""Decorate a plugin's hook functions with this (see `cleaner.hookspecs`)."""

from .config import ConfigError  # noqa: E402
from .engine import Cleaner  # noqa: E402
from .model import Article, Block, Document, Mark, Problem, Segments, Source  # noqa: E402

__all__ = [
    "Article",
    "Block",
    "Cleaner",
    "ConfigError",
    "Document",
    "Mark",
    "Problem",
    "Segments",
    "Source",
    "__version__",
    "hookimpl",
]
