"""Lines a site repeats across its articles, learned from a corpus by ``cleaner learn``.

A learned file is a config overlay of ``sites.<host>.drop_lines``; this plugin applies the files
named in its ``files`` option (paths relative to the working directory), so that learned rules
can be switched on and off as a set, apart from hand-written site rules.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, PrivateAttr, ValidationError, field_validator

import cleaner
from cleaner.config import ConfigError, describe_validation_error, load_yaml
from cleaner.model import Mark
from cleaner.patterns import Vocabulary
from cleaner.sites import parent_domains


class _LearnedSite(BaseModel):
    model_config = ConfigDict(extra="ignore")

    drop_lines: Vocabulary = Vocabulary()


class _LearnedFile(BaseModel):
    model_config = ConfigDict(extra="ignore")

    sites: dict[str, _LearnedSite] = {}


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    files: list[str] = []
    """Learned files (YAML written by ``cleaner learn``)."""
    _lines_by_host: dict[str, Vocabulary] = PrivateAttr(default_factory=dict)

    @field_validator("files")
    @classmethod
    def _readable(cls, files: list[str]) -> list[str]:
        for name in files:
            _load(name)
        return files

    def model_post_init(self, context) -> None:
        for name in self.files:
            for host, site in _load(name).sites.items():
                self._lines_by_host[host.lower().removeprefix("www.")] = site.drop_lines

    def lines_for(self, host: str | None) -> Vocabulary | None:
        """The learned lines of `host`, or of the closest parent domain that has some."""
        lines_by_host = self.__pydantic_private__["_lines_by_host"]  # pydantic's own lookup is slow
        if not host or not lines_by_host:
            return None
        return next((lines_by_host[name] for name in parent_domains(host) if name in lines_by_host), None)


def _load(name: str) -> _LearnedFile:
    try:
        return _LearnedFile.model_validate(load_yaml(Path(name)))
    except ConfigError as error:
        raise ValueError(str(error)) from None
    except ValidationError as error:
        raise ValueError(describe_validation_error(error, name)) from None


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl(tryfirst=True)
def cleaner_mark_blocks(article, options):
    lines = options.lines_for(article.site)
    if not lines:
        return None
    return [
        Mark(block, "learned-line", f"line repeated across {article.site}'s articles: {lines.which(block.text.strip())!r}")
        for block in article.kept_blocks()
        if lines.fullmatch(block.text.strip())
    ]
