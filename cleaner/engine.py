"""The engine: runs an article through the hooks, applies the marks, and keeps the accounts.

Each hook implementation is called on its own, so that the engine knows which plugin said what:
it hands every plugin its own options, records every removal under the plugin that asked for it,
and turns a plugin's exception into an error on that one article instead of a failed run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError

from .config import Config, ConfigError, describe_validation_error
from .model import Article, Block, Document, Mark, Problem, Removal, Segments, Source
from .plugins import PluginLoadError, build_plugin_manager, trace_call, tracing_enabled
from .read import MissingInput, iter_sources
from .records import document_from_record
from .write import to_record


@dataclass(frozen=True, slots=True)
class _Implementation:
    plugin: str
    function: Callable[..., Any]
    argnames: tuple[str, ...]


@dataclass
class RunStats:
    """What a run saw besides the articles: files no reader claimed."""

    unclaimed: list[str] = field(default_factory=list)


class Cleaner:
    """Cleans articles with one configuration and one set of plugins."""

    def __init__(
        self,
        config: Config,
        *,
        plugin_dirs: Iterable[str | Path] = (),
        plugins: Iterable[object] = (),
        site: str | None = None,
    ):
        self.config = config
        self.default_site = site
        self._extra_plugin_dirs = [Path(folder) for folder in plugin_dirs]
        self._extra_plugins = list(plugins)
        try:
            self.manager = build_plugin_manager(config.plugin_dirs + self._extra_plugin_dirs)
        except PluginLoadError as error:
            raise ConfigError(str(error)) from None
        for plugin in self._extra_plugins:
            name = getattr(plugin, "name", None) or getattr(plugin, "__name__", None) or type(plugin).__name__
            if self.manager.has_plugin(name):
                raise ConfigError(f"a plugin named {name!r} is already loaded; give yours a `name` attribute")
            self.manager.register(plugin, name=name)
        self.options, self.enabled = self._validate_plugin_sections()
        self._trace = tracing_enabled()
        self._implementations = {
            name: self._enabled_implementations(name)
            for name in (
                "cleaner_read_source",
                "cleaner_segment_document",
                "cleaner_mark_blocks",
                "cleaner_extract_metadata",
                "cleaner_render_text",
            )
        }

    @classmethod
    def from_config(
        cls,
        source: str | Path | dict[str, Any] | None = None,
        *,
        plugin_dirs: Iterable[str | Path] = (),
        plugins: Iterable[object] = (),
        site: str | None = None,
    ) -> Cleaner:
        """Build a cleaner from a config file path, a dict laid over the defaults, or the defaults.

        `plugins` are extra plugin objects to register, for plugins defined in code.
        """
        return cls(Config.load(source), plugin_dirs=plugin_dirs, plugins=plugins, site=site)

    def __reduce__(self):
        """Pickle as the configuration, so a cleaner can be shipped to worker processes."""
        config = self.config.to_dict()
        config["plugin_dirs"] = [str(folder.resolve()) for folder in self.config.plugin_dirs]
        plugin_dirs = [str(folder.resolve()) for folder in self._extra_plugin_dirs]
        return (_rebuild, (config, plugin_dirs, self._extra_plugins, self.default_site))

    # -- configuration -------------------------------------------------------------------------

    def _validate_plugin_sections(self) -> tuple[dict[str, BaseModel | None], dict[str, bool]]:
        loaded = {name for name, _ in self.manager.list_name_plugin()}
        unknown = sorted(set(self.config.settings.plugins) - loaded)
        if unknown:
            raise ConfigError(
                f"{self.config.origin}: plugins.{unknown[0]}: unknown plugin "
                f"(loaded: {', '.join(sorted(loaded))})"
            )
        models: dict[str, type[BaseModel] | None] = {}
        for implementation in self.manager.hook.cleaner_add_options.get_hookimpls():
            models[implementation.plugin_name] = implementation.function()
        options: dict[str, BaseModel | None] = {}
        enabled: dict[str, bool] = {}
        errors = []
        for name in sorted(loaded):
            section = self.config.plugin_section(name)
            switch = section.pop("enabled", True)
            if not isinstance(switch, bool):
                errors.append(f"{self.config.origin}: plugins.{name}.enabled: expected true or false, got {switch!r}")
            enabled[name] = switch is not False
            model = models.get(name)
            if model is None:
                if section:
                    errors.append(
                        f"{self.config.origin}: plugins.{name}.{next(iter(section))}: unknown option "
                        f"(plugin {name} takes no options besides 'enabled')"
                    )
                options[name] = None
                continue
            try:
                options[name] = model.model_validate(section)
            except ValidationError as error:
                errors.append(describe_validation_error(error, self.config.origin, prefix=f"plugins.{name}"))
        if errors:
            raise ConfigError("\n".join(errors))
        return options, enabled

    def _enabled_implementations(self, hook_name: str) -> list[_Implementation]:
        caller = getattr(self.manager.hook, hook_name)
        return [
            _Implementation(impl.plugin_name, impl.function, tuple(impl.argnames))
            for impl in reversed(caller.get_hookimpls())
            if self.enabled.get(impl.plugin_name, True)
        ]

    # -- calling hooks -------------------------------------------------------------------------

    def _call(self, hook: str, implementation: _Implementation, problems: list[Problem], stage: str, **kwargs: Any):
        """Call one implementation; an exception becomes a `Problem` naming the plugin."""
        kwargs["options"] = self.options.get(implementation.plugin)
        arguments = {name: kwargs[name] for name in implementation.argnames}
        try:
            result = implementation.function(**arguments)
        except Exception as error:
            problems.append(Problem(stage, f"{type(error).__name__}: {error}", plugin=implementation.plugin))
            result = None
        if self._trace:
            trace_call(hook, implementation.plugin, arguments, result)
        return result

    def _call_first(self, hook: str, problems: list[Problem], stage: str, **kwargs: Any):
        for implementation in self._implementations[hook]:
            result = self._call(hook, implementation, problems, stage, **kwargs)
            if result is not None:
                return implementation.plugin, result
        return None, None

    # -- reading -------------------------------------------------------------------------------

    def read(self, inputs: Iterable[str], stats: RunStats | None = None) -> Iterator[Document]:
        """Documents from files, folders and ``-``; unreadable inputs come as failed documents."""
        stats = stats if stats is not None else RunStats()
        for name in inputs:
            found = 0
            for source in iter_sources([name]):
                if isinstance(source, MissingInput):
                    found += 1
                    yield self._failed_document(source.source, source.problem)
                    continue
                documents = self.read_source(source, stats)
                for document in documents:
                    found += 1
                    yield document
            if found == 0:
                yield self._failed_document(
                    Source(name=name, path=Path(name)),
                    Problem("read", f"{name}: no articles found (no file here is of a kind any reader takes)"),
                )

    def read_source(self, source: Source, stats: RunStats | None = None) -> Iterator[Document]:
        problems: list[Problem] = []
        plugin, documents = self._call_first("cleaner_read_source", problems, "read", source=source)
        if problems:
            yield self._failed_document(source, *problems)
            return
        if documents is None:
            if source.root is None:
                yield self._failed_document(source, Problem("read", f"{source.name}: no reader takes this kind of file"))
            elif stats is not None:
                stats.unclaimed.append(source.name)
            return
        iterator = iter(documents)
        while True:
            try:
                document = next(iterator)
            except StopIteration:
                return
            except Exception as error:
                yield self._failed_document(
                    source, Problem("read", f"{source.name}: {type(error).__name__}: {error}", plugin=plugin)
                )
                return
            yield document

    def _failed_document(self, source: Source, *problems: Problem) -> Document:
        return Document(id=source.default_id(), source=source.name, problems=list(problems))

    # -- cleaning ------------------------------------------------------------------------------

    def clean_paths(self, inputs: Iterable[str], stats: RunStats | None = None) -> Iterator[Article]:
        for document in self.read(inputs, stats):
            yield self.clean_document(document)

    def clean_text(
        self, text: str, *, id: str = "text", source: str = "<text>", url: str | None = None, site: str | None = None
    ) -> Article:
        """Clean one plain-text article."""
        return self.clean_document(Document(id=id, source=source, content=text, url=url, site=site))

    def clean_record(self, record: dict[str, Any]) -> dict[str, Any]:
        """Clean one input record into an output record, for engines that map over records.

        The input's ``text`` is the article (see `cleaner.records` for the other fields); the
        output is the record ``cleaner clean`` writes.
        """
        return to_record(self.clean_document(document_from_record(record)))

    def clean_document(self, document: Document) -> Article:
        article = Article(id=document.id, source=document.source, fields=dict(document.fields))
        article.problems.extend(document.problems)
        article.metadata.file("url", document.url)
        article.metadata.file("site", document.site or _hostname(document.url) or self.default_site)
        if any(problem.fatal for problem in document.problems):
            return article
        segmented = self._segment(document, article)
        if segmented is None:
            return article
        article.blocks = segmented.blocks
        for key, value in segmented.metadata.items():
            if value not in (None, "", []):
                article.metadata.file(key, value)
        if article.metadata.site is None:
            article.metadata.file("site", _hostname(article.metadata.url))
        for implementation in self._implementations["cleaner_mark_blocks"]:
            marks = self._call("cleaner_mark_blocks", implementation, article.problems, "rules", article=article)
            self._apply_marks(article, implementation.plugin, marks)
        for implementation in self._implementations["cleaner_extract_metadata"]:
            found = self._call("cleaner_extract_metadata", implementation, article.problems, "metadata", article=article)
            if isinstance(found, dict):
                for key, value in found.items():
                    article.metadata.file(key, value)
            elif found is not None:
                article.problems.append(
                    Problem("metadata", f"returned {type(found).__name__}, expected a dict", plugin=implementation.plugin)
                )
        article.text = self._render(article)
        return article

    def _segment(self, document: Document, article: Article) -> Segments | None:
        plugin, segmented = self._call_first(
            "cleaner_segment_document", article.problems, "segment", document=document
        )
        if segmented is None:
            if not article.failed:
                article.problems.append(
                    Problem("segment", f"no segmenter takes media type {document.media_type!r}")
                )
            return None
        if not isinstance(segmented, Segments) or not all(isinstance(b, Block) for b in segmented.blocks):
            article.problems.append(
                Problem("segment", f"returned {type(segmented).__name__}, expected Segments of Blocks", plugin=plugin)
            )
            return None
        return segmented

    def _apply_marks(self, article: Article, plugin: str, marks: Any) -> None:
        if marks is None:
            return
        try:
            marks = list(marks)
        except Exception as error:
            article.problems.append(Problem("rules", f"marks could not be read: {type(error).__name__}: {error}", plugin=plugin))
            return
        blocks = article.blocks
        for mark in marks:
            if not isinstance(mark, Mark) or not isinstance(mark.block, Block):
                article.problems.append(
                    Problem("rules", f"returned {type(mark).__name__}, expected Mark", plugin=plugin)
                )
                return
        marks.sort(key=lambda mark: mark.block.index)
        for mark in marks:
            index = mark.block.index
            if not (0 <= index < len(blocks) and blocks[index] is mark.block):
                article.problems.append(Problem("rules", "marked a block that is not this article's", plugin=plugin))
                return
            block = mark.block
            if block.removal is not None:
                continue
            block.removal = Removal(plugin, mark.rule, mark.reason)
            if mark.save_as:
                article.metadata.file(mark.save_as, mark.value if mark.value is not None else block.text.strip())

    def _render(self, article: Article) -> str:
        _, text = self._call_first("cleaner_render_text", article.problems, "render", article=article)
        if isinstance(text, str):
            return text
        return "\n".join(block.text for block in article.blocks if block.removal is None)


def _hostname(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def _rebuild(config: dict[str, Any], plugin_dirs: list[str], plugins: list[object], site: str | None) -> Cleaner:
    return Cleaner.from_config(config, plugin_dirs=plugin_dirs, plugins=plugins, site=site)
