"""The engine: runs an article through the hooks, applies the marks, and keeps the accounts.

Each hook implementation is called on its own, so that the engine knows which plugin said what:
it hands every plugin its own options, records every removal under the plugin that asked for it,
and turns a plugin's exception into an error on that one article instead of a failed run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any, get_args
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError

from .budget import OverBudget, TimeBudget
from .config import Config, ConfigError, describe_validation_error, merge
from .languages import LanguageGuesser
from .model import Article, Block, Document, Mark, Problem, Removal, Segments, Source
from .patterns import SCREEN_AFTER, PatternError, Screen, Vocabulary, vocabularies_in, without_markup
from .plugins import PluginLoadError, build_plugin_manager, trace_call, tracing_enabled
from .read import MissingInput, iter_sources
from .records import document_from_record
from .sites import SITE_RULES_PLUGIN, SiteProfile, best_key
from .write import to_record


_MAX_CACHED_HOSTS = 100_000
"""Hosts whose site profile is remembered; a crawl of more distinct hosts starts the cache afresh."""


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
        self._vocabulary = self._load_vocabularies()
        self.options, self.enabled = self._validate_plugin_sections()
        self.limits = config.settings.limits
        self._budget = TimeBudget(self.limits.time_budget_seconds)
        self._trace = tracing_enabled()
        self._implementations = self._enabled_implementations_by_hook(self.enabled)
        self._default_profile = SiteProfile(
            None, self.options, self.enabled, self._implementations, screen=Screen(_enabled_vocabularies(self.options, self.enabled))
        )
        self._site_profiles = self._validate_site_sections()
        self._profile_by_host: dict[str | None, SiteProfile] = {}
        self._bound_rules: dict[tuple[str | None, frozenset[str] | None], list[tuple[str, Callable[..., Any], dict[str, Any]]]] = {}
        guesser = LanguageGuesser(config.settings.languages) if config.settings.detect_language else None
        self._guesser = guesser if guesser else None
        self._language_profiles: dict[tuple[str | None, frozenset[str]], SiteProfile] = {}
        self._cleaned = 0
        """Articles this cleaner has begun to clean: past `SCREEN_AFTER`, every screen may compile."""

    @classmethod
    def from_config(
        cls,
        source: str | Path | dict[str, Any] | None = None,
        *,
        plugin_dirs: Iterable[str | Path] = (),
        plugins: Iterable[object] = (),
        site: str | None = None,
        rules: Iterable[str | Path] = (),
    ) -> Cleaner:
        """Build a cleaner from a config file path, a dict laid over the defaults, or the defaults.

        `plugins` are extra plugin objects to register, for plugins defined in code. `rules` are
        files of site rules from anyone: only their site rules are taken (`cleaner.rules_files`).
        """
        return cls(Config.load(source, rules), plugin_dirs=plugin_dirs, plugins=plugins, site=site)

    def __reduce__(self):
        """Pickle as the configuration, so a cleaner can be shipped to worker processes."""
        config = self.config.to_dict()
        config["plugin_dirs"] = [str(folder.resolve()) for folder in self.config.plugin_dirs]
        plugin_dirs = [str(folder.resolve()) for folder in self._extra_plugin_dirs]
        return (_rebuild, (config, plugin_dirs, self._extra_plugins, self.default_site))

    def batch(self):
        """A context for cleaning many articles in a row: the time budget's signal handler stays
        in place for all of them, instead of being set and put back around each."""
        return self._budget.installed()

    @property
    def plugin_dirs(self) -> list[Path]:
        """Every folder plugins were loaded from: the config's and those given on the command line."""
        return self.config.plugin_dirs + self._extra_plugin_dirs

    # -- configuration -------------------------------------------------------------------------

    def _validate_plugin_sections(self) -> tuple[dict[str, BaseModel | None], dict[str, bool]]:
        loaded = {name for name, _ in self.manager.list_name_plugin()}
        unknown = sorted(set(self.config.settings.plugins) - loaded)
        if unknown:
            raise ConfigError(
                f"{self.config.origin}: plugins.{unknown[0]}: unknown plugin "
                f"(loaded: {', '.join(sorted(loaded))})"
            )
        models = self._option_models()
        options: dict[str, BaseModel | None] = {}
        enabled: dict[str, bool] = {}
        errors: list[str] = []
        for name in sorted(loaded):
            section = self.config.plugin_section(name)
            enabled[name], options[name] = self._validate_section(name, section, f"plugins.{name}", models, errors)
        if errors:
            raise ConfigError("\n".join(errors))
        return options, enabled

    def _validate_section(
        self,
        name: str,
        section: dict[str, Any],
        path: str,
        models: dict[str, Any],
        errors: list[str],
        languages: frozenset[str] | None = None,
    ) -> tuple[bool, BaseModel | None]:
        """A plugin's `enabled` switch and its options validated against its model; errors name `path`.

        The patterns of the `languages` (all of config.yaml's if None) go before each vocabulary's
        own, once the section is valid as written, so that an error names the item as the user
        numbers it."""
        section = dict(section)
        switch = section.pop("enabled", True)
        if not isinstance(switch, bool):
            errors.append(f"{self.config.origin}: {path}.enabled: expected true or false, got {switch!r}")
        model = models.get(name)
        if model is None:
            if section:
                errors.append(
                    f"{self.config.origin}: {path}.{next(iter(section))}: unknown option "
                    f"(plugin {name} takes no options besides 'enabled')"
                )
            return switch is not False, None
        try:
            options = model.model_validate(section)
        except ValidationError as error:
            errors.append(describe_validation_error(error, self.config.origin, prefix=path))
            return switch is not False, None
        words = self._vocabulary.get(name)
        if words:
            merged = {
                option: [pattern for language, _, given in sources if languages is None or language in languages for pattern in given]
                for option, sources in words.items()
            }
            try:
                options = model.model_validate(
                    {**section, **{option: [*patterns, *getattr(options, option).patterns] for option, patterns in merged.items()}}
                )
            except ValidationError as error:
                errors.append(_language_at_fault(name, words) or describe_validation_error(error, self.config.origin, prefix=path))
                return switch is not False, None
        return switch is not False, options

    def _load_vocabularies(self) -> dict[str, dict[str, list[tuple[str, str, list[str]]]]]:
        """The patterns of every language config.yaml names, by plugin and option, in its order,
        each list with its language and where it came from (to name it if it does not compile)."""
        models = self._option_models()
        origin = self.config.origin
        found: dict[str, dict[str, list[tuple[str, str, list[str]]]]] = {}
        errors: list[str] = []
        implementations = list(reversed(self.manager.hook.cleaner_add_vocabulary.get_hookimpls()))
        for position, language in enumerate(self.config.settings.languages):
            answered = False
            for implementation in implementations:
                where = f"{origin}: languages[{position}]: {language!r} (from plugin {implementation.plugin_name})"
                try:
                    given = implementation.function(**{"language": language} if "language" in implementation.argnames else {})
                except Exception as error:
                    errors.append(f"{where}: {type(error).__name__}: {error}")
                    continue
                if given is None:
                    continue
                answered = True
                if not isinstance(given, dict):
                    errors.append(f"{where}: returned {type(given).__name__}, expected {{plugin: {{option: [patterns]}}}}")
                    continue
                for plugin, options in given.items():
                    if self.manager.has_plugin(plugin):
                        errors.extend(
                            f"{where}: {problem}"
                            for problem in _add_words(found, language, where, plugin, options, models.get(plugin))
                        )
            if not answered:
                errors.append(f"{origin}: languages[{position}]: no plugin has a vocabulary for {language!r}")
        if errors:
            raise ConfigError("\n".join(errors))
        return found

    def _option_models(self) -> dict[str, type[BaseModel] | None]:
        return {
            implementation.plugin_name: implementation.function()
            for implementation in self.manager.hook.cleaner_add_options.get_hookimpls()
        }

    def _validate_site_sections(self) -> dict[str, SiteProfile]:
        """Each site's profile: plugin options with the site's overrides laid over, validated once.

        A site's declarative rules are the options of the ``site_rules`` plugin for that site.
        """
        models = self._option_models()
        profiles: dict[str, SiteProfile] = {}
        errors: list[str] = []
        for key, section in self.config.settings.sites.items():
            overrides = {name: dict(value or {}) for name, value in section.plugins.items()}
            if section.has_rules():
                if not self.manager.has_plugin(SITE_RULES_PLUGIN):
                    errors.append(
                        f"{self.config.origin}: sites.{key}: site rules need the {SITE_RULES_PLUGIN!r} plugin, "
                        "which is not loaded"
                    )
                    continue
                overrides.setdefault(SITE_RULES_PLUGIN, {}).update(section.rules())
            options = dict(self.options)
            enabled = dict(self.enabled)
            for name, override in overrides.items():
                path = f"sites.{key}.plugins.{name}"
                if not self.manager.has_plugin(name):
                    errors.append(f"{self.config.origin}: {path}: unknown plugin")
                    continue
                enabled[name], options[name] = self._validate_section(name, self._section_at_site(name, override), path, models, errors)
            implementations = (
                self._implementations if enabled == self.enabled else self._enabled_implementations_by_hook(enabled)
            )
            screen = Screen([*_enabled_vocabularies(options, enabled), section.keep], base=self._default_profile.screen)
            profiles[key] = SiteProfile(key, options, enabled, implementations, section.keep, screen)
        if errors:
            raise ConfigError("\n".join(errors))
        return profiles

    def _section_at_site(self, name: str, override: dict[str, Any] | None) -> dict[str, Any]:
        """config.yaml's section for plugin `name`, with a site's `override` laid over it."""
        section = self.config.plugin_section(name)
        if not override:
            return section
        section["enabled"] = self.enabled[name]
        return merge(section, override)

    def site_profile(self, host: str | None) -> SiteProfile:
        """The options and plugins for `host`: resolved once per distinct host, then a dict lookup."""
        profile = self._profile_by_host.get(host)
        if profile is None:
            key = best_key(self._site_profiles, host)
            profile = self._site_profiles[key] if key is not None else self._default_profile
            if len(self._profile_by_host) >= _MAX_CACHED_HOSTS:
                self._profile_by_host.clear()
            self._profile_by_host[host] = profile
        return profile

    def profile_of(self, article: Article) -> SiteProfile:
        """The options and plugins an article is cleaned with: its site's, with the words of its
        language (see `cleaner.languages`), which its record's ``language`` field or its page's
        ``lang`` states where the article is too short to tell."""
        profile = self.site_profile(article.site)
        if self._guesser is None:
            return profile
        stated = article.fields.get("language") or article.metadata.extra.get("language")
        return self._in_languages(profile, self._guesser.languages_of(article.blocks, stated))

    def _in_languages(self, profile: SiteProfile, languages: frozenset[str]) -> SiteProfile:
        """`profile` with the words of `languages` only (see `cleaner.languages`): built the first
        time an article in them comes, then looked up."""
        if languages == self._guesser.every:
            return profile
        key = (profile.key, languages)
        found = self._language_profiles.get(key)
        if found is None:
            found = self._language_profiles[key] = self._build_language_profile(profile, languages)
        return found

    def _build_language_profile(self, profile: SiteProfile, languages: frozenset[str]) -> SiteProfile:
        models = self._option_models()
        overrides = {} if profile.key is None else self.config.settings.sites[profile.key].plugins
        options = dict(profile.options)
        errors: list[str] = []
        for name in self._vocabulary:
            section = self._section_at_site(name, overrides.get(name))
            _, options[name] = self._validate_section(name, section, f"plugins.{name}", models, errors, languages)
        if errors:
            raise ConfigError("\n".join(errors))
        vocabularies = _enabled_vocabularies(options, profile.enabled)
        if profile.key is None:
            screen = Screen(vocabularies)
        else:
            screen = Screen([*vocabularies, profile.keep], base=self._in_languages(self._default_profile, languages).screen)
        return SiteProfile(profile.key, options, profile.enabled, profile.implementations, profile.keep, screen, languages)

    def _screens(self) -> Iterator[Screen]:
        """The screens of the profiles that have cleaned an article in a language of its own, and the default one."""
        yield self._default_profile.screen
        for key, profile in self._language_profiles.items():
            if key[0] is None:
                yield profile.screen

    def _enabled_implementations_by_hook(self, enabled: dict[str, bool]) -> dict[str, list[_Implementation]]:
        return {
            name: self._enabled_implementations(name, enabled)
            for name in (
                "cleaner_read_source",
                "cleaner_segment_document",
                "cleaner_mark_blocks",
                "cleaner_extract_metadata",
                "cleaner_render_text",
            )
        }

    def _enabled_implementations(self, hook_name: str, enabled: dict[str, bool]) -> list[_Implementation]:
        caller = getattr(self.manager.hook, hook_name)
        return [
            _Implementation(impl.plugin_name, impl.function, tuple(impl.argnames))
            for impl in reversed(caller.get_hookimpls())
            if enabled.get(impl.plugin_name, True)
        ]

    # -- calling hooks -------------------------------------------------------------------------

    def _call(
        self,
        hook: str,
        implementation: _Implementation,
        problems: list[Problem],
        stage: str,
        profile: SiteProfile | None = None,
        **kwargs: Any,
    ):
        """Call one implementation with its options for the site; an exception becomes a `Problem` naming the plugin."""
        kwargs["options"] = (profile or self._default_profile).options.get(implementation.plugin)
        arguments = {name: kwargs[name] for name in implementation.argnames}
        try:
            result = implementation.function(**arguments)
        except Exception as error:
            problems.append(Problem(stage, f"{type(error).__name__}: {error}", plugin=implementation.plugin))
            result = None
        except OverBudget as error:
            error.stage, error.plugin = error.stage or stage, error.plugin or implementation.plugin
            raise
        if self._trace:
            trace_call(hook, implementation.plugin, arguments, result)
        return result

    def _call_first(self, hook: str, problems: list[Problem], stage: str, profile: SiteProfile | None = None, **kwargs: Any):
        for implementation in (profile or self._default_profile).implementations[hook]:
            result = self._call(hook, implementation, problems, stage, profile, **kwargs)
            if result is not None:
                return implementation.plugin, result
        return None, None

    # -- reading -------------------------------------------------------------------------------

    def read(
        self,
        inputs: Iterable[str | Source | MissingInput],
        stats: RunStats | None = None,
        leave_out: Callable[[os.DirEntry], bool] | None = None,
    ) -> Iterator[Document]:
        """Documents from files, folders and ``-`` (or sources already made, `iter_sources`);
        unreadable inputs come as failed documents. `leave_out` says which entries of a folder are
        not inputs (see `iter_sources`)."""
        stats = stats if stats is not None else RunStats()
        for item in inputs:
            name = item if isinstance(item, str) else item.name if isinstance(item, Source) else item.source.name
            found = 0
            for source in iter_sources([item], leave_out):
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
        """The documents a reader finds in `source`; each is read within the time budget."""
        problems: list[Problem] = []
        try:
            with self._budget.running():
                plugin, documents = self._call_first(
                    "cleaner_read_source", problems, "read", source=source, limits=self.limits
                )
        except OverBudget as error:
            problems.append(self._over_budget(error, source.name, "read"))
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
                with self._budget.running():
                    document = next(iterator, None)
            except OverBudget as error:
                error.plugin = plugin
                yield self._failed_document(source, self._over_budget(error, source.name, "read"))
                return
            except Exception as error:
                yield self._failed_document(
                    source, Problem("read", f"{source.name}: {type(error).__name__}: {error}", plugin=plugin)
                )
                return
            if document is None:
                return
            document.reader = plugin
            yield document

    def _over_budget(self, error: OverBudget, where: str, stage: str) -> Problem:
        return Problem(
            error.stage or stage,
            f"{where}: exceeded the time budget of {self._budget.seconds:g} s per article (limits.time_budget_seconds)",
            plugin=error.plugin,
        )

    def _failed_document(self, source: Source, *problems: Problem) -> Document:
        return Document(id=source.default_id(), source=source.name, problems=list(problems))

    # -- cleaning ------------------------------------------------------------------------------

    def clean_paths(self, inputs: Iterable[str], stats: RunStats | None = None) -> Iterator[Article]:
        for document in self.read(inputs, stats):
            yield self.clean_document(document)

    def clean_text(
        self,
        text: str,
        *,
        id: str = "text",
        source: str = "<text>",
        url: str | None = None,
        site: str | None = None,
        title: str | None = None,
    ) -> Article:
        """Clean one plain-text article.

        Give `title` when it is known ("" for an article known to have none), so that no line of
        the text is taken for it.
        """
        return self.clean_document(Document(id=id, source=source, content=text, url=url, site=site, title=title))

    def clean_record(self, record: dict[str, Any]) -> dict[str, Any]:
        """Clean one input record into an output record, for engines that map over records.

        The input's ``text`` is the article (see `cleaner.records` for the other fields); the
        output is the record ``cleaner clean`` writes.
        """
        return to_record(self.clean_document(document_from_record(record)))

    def clean_document(self, document: Document) -> Article:
        """Clean one document within the limits; whatever goes wrong is recorded on its article."""
        if document.loader is not None:
            try:
                with self._budget.running():
                    document.load()
            except OverBudget as error:
                document.problems.append(self._over_budget(error, document.source, "read"))
            except Exception as error:
                document.problems.append(
                    Problem("read", f"{document.source}: {type(error).__name__}: {error}", plugin=document.reader)
                )
        article = Article(id=document.id, source=document.source, fields=dict(document.fields))
        article.problems.extend(document.problems)
        article.metadata.file("url", document.url)
        article.metadata.file("title", document.title)
        article.metadata.file("site", document.site or _hostname(document.url))
        if any(problem.fatal for problem in document.problems):
            article.metadata.file("site", self.default_site)
            return article
        if len(document.content) > self.limits.max_article_bytes:
            article.problems.append(Problem("read", (
                f"{document.source}: article of {len(document.content):,} characters is larger than the "
                f"article size limit of {self.limits.max_article_bytes:,} bytes (limits.max_article_bytes)"
            )))
            return article
        self._cleaned += 1
        for screen in self._screens():
            screen.compile_pending(run_is_warm=self._cleaned > SCREEN_AFTER)
        try:
            with self._budget.running():
                self._clean(document, article)
        except OverBudget as error:
            article.problems.append(self._over_budget(error, document.source, "clean"))
        article.metadata.file("site", self.default_site)
        return article

    def _clean(self, document: Document, article: Article) -> None:
        segmented = self._segment(document, article)
        if segmented is None:
            return
        article.blocks = segmented.blocks
        article.problems.extend(segmented.problems)
        for key, value in segmented.metadata.items():
            if value not in (None, "", []):
                article.metadata.file(key, value)
        if article.metadata.site is None:
            article.metadata.file("site", _hostname(article.metadata.url) or self.default_site)
        profile = self.profile_of(article)
        article.screen = profile.screen
        protected = profile.protected(article)
        self._mark(article, profile, protected)
        article.metadata.put_in_document_order()
        for implementation in profile.implementations["cleaner_extract_metadata"]:
            found = self._call(
                "cleaner_extract_metadata", implementation, article.problems, "metadata", profile, article=article
            )
            if isinstance(found, dict):
                for key, value in found.items():
                    article.metadata.file(key, value)
            elif found is not None:
                article.problems.append(
                    Problem("metadata", f"returned {type(found).__name__}, expected a dict", plugin=implementation.plugin)
                )
        article.text = self._render(article, profile)

    def _mark(self, article: Article, profile: SiteProfile, protected: frozenset[int]) -> None:
        """Run the rule plugins until none finds more: each runs again if blocks were removed
        since it last looked (by a later rule, or by itself), as it would see them if the clean
        text were cleaned again. So cleaning is idempotent. Most articles settle in the first
        pass and a second pass of the rules that came before the last removal; a rule that raised
        is not asked again, and `limits.max_rule_passes` bounds the passes."""
        rules = self._rules(profile)
        seen = [-1] * len(rules)
        failed = [False] * len(rules)
        removed = 0
        problems = article.problems
        for _ in range(self.limits.max_rule_passes):
            settled = True
            for position, (plugin, function, kwargs) in enumerate(rules):
                if seen[position] == removed or failed[position]:
                    continue
                settled = False
                seen[position] = removed
                before = len(problems)
                try:
                    marks = function(article=article, **kwargs)
                except Exception as error:
                    problems.append(Problem("rules", f"{type(error).__name__}: {error}", plugin=plugin))
                    failed[position] = True
                    marks = None
                except OverBudget as error:
                    error.stage, error.plugin = error.stage or "rules", error.plugin or plugin
                    raise
                if self._trace:
                    trace_call("cleaner_mark_blocks", plugin, {"article": article, **kwargs}, marks)
                if marks is not None and not (type(marks) is list and not marks):  # an empty list: nothing to do
                    removed += self._apply_marks(article, plugin, marks, protected)
                if len(problems) > before:
                    failed[position] = True
            if settled:
                return

    def _rules(self, profile: SiteProfile) -> list[tuple[str, Callable[..., Any], dict[str, Any]]]:
        """The profile's rule plugins as (name, function taking ``article=``, other keyword
        arguments): options are bound once per site rather than looked up on every call."""
        rules = self._bound_rules.get((profile.key, profile.languages))
        if rules is None:
            rules = self._bound_rules[profile.key, profile.languages] = [
                (
                    rule.plugin,
                    rule.function if "article" in rule.argnames else _ignoring_article(rule.function),
                    {"options": profile.options.get(rule.plugin)} if "options" in rule.argnames else {},
                )
                for rule in profile.implementations["cleaner_mark_blocks"]
            ]
        return rules

    def _segment(self, document: Document, article: Article) -> Segments | None:
        plugin, segmented = self._call_first(
            "cleaner_segment_document", article.problems, "segment", document=document, limits=self.limits
        )
        if segmented is None:
            if not article.failed:
                article.problems.append(
                    Problem("segment", f"no segmenter takes media type {document.media_type!r}")
                )
            return None
        if not isinstance(segmented, Segments) or not all(map(isinstance, segmented.blocks, repeat(Block))):
            article.problems.append(
                Problem("segment", f"returned {type(segmented).__name__}, expected Segments of Blocks", plugin=plugin)
            )
            return None
        if len(segmented.blocks) > self.limits.max_article_blocks:
            article.problems.append(Problem("segment", (
                f"{document.source}: more than {self.limits.max_article_blocks:,} blocks (lines or elements) "
                f"in one article (limits.max_article_blocks)"
            ), plugin=plugin))
            return None
        return segmented

    def _apply_marks(self, article: Article, plugin: str, marks: Any, protected: frozenset[int] = frozenset()) -> int:
        """Remove the marked blocks; return how many were removed."""
        if marks is None:
            return 0
        try:
            marks = list(marks)
        except OverBudget as error:
            error.stage, error.plugin = "rules", plugin
            raise
        except Exception as error:
            article.problems.append(Problem("rules", f"marks could not be read: {type(error).__name__}: {error}", plugin=plugin))
            return 0
        blocks = article.blocks
        for mark in marks:
            if not isinstance(mark, Mark) or not isinstance(mark.block, Block):
                article.problems.append(
                    Problem("rules", f"returned {type(mark).__name__}, expected Mark", plugin=plugin)
                )
                return 0
        marks.sort(key=lambda mark: mark.block.index)
        marked = {mark.block.index for mark in marks}
        removed = 0
        for mark in marks:
            index = mark.block.index
            if not (0 <= index < len(blocks) and blocks[index] is mark.block):
                article.problems.append(Problem("rules", "marked a block that is not this article's", plugin=plugin))
                return removed
            block = mark.block
            if block.removal is not None or index in protected:
                continue
            if block.kind == "cell" and _leaves_rest_of_row(blocks, block, marked):
                continue
            article.remove(block, Removal(plugin, mark.rule, mark.reason))
            removed += 1
            if mark.save_as:
                value = mark.value if mark.value is not None else without_markup(block.text.strip())
                article.metadata.file(mark.save_as, value, index)
        return removed

    def _render(self, article: Article, profile: SiteProfile) -> str:
        _, text = self._call_first("cleaner_render_text", article.problems, "render", profile, article=article)
        if isinstance(text, str):
            return text
        return "\n".join(block.text for block in article.blocks if block.removal is None)


def _leaves_rest_of_row(blocks: list[Block], cell: Block, marked: set[int]) -> bool:
    """True if a table cell shares its row with kept cells these marks leave: a row goes whole or
    not at all, as one cell taken out ("Close" over a column of prices) misaligns the table."""
    for step in (-1, 1):
        index = cell.index + step
        while 0 <= index < len(blocks) and blocks[index].paragraph == cell.paragraph and blocks[index].kind == "cell":
            if blocks[index].removal is None and index not in marked:
                return True
            index += step
    return False


def _add_words(found, language: str, where: str, plugin: str, options: Any, model: type[BaseModel] | None) -> list[str]:
    """Add one language's patterns for `plugin` to `found`; what is wrong with their shape, named.
    (They are compiled with the option's other patterns, see `_language_at_fault`.)"""
    if not isinstance(options, dict):
        return [f"{plugin}: expected {{option: [patterns]}}, got {type(options).__name__}"]
    problems = []
    for option, patterns in options.items():
        field = model.model_fields.get(option) if model is not None else None
        if field is None or not _is_vocabulary(field.annotation):
            problems.append(f"{plugin}.{option}: not a vocabulary option of plugin {plugin}")
        elif not isinstance(patterns, list) or not all(isinstance(pattern, str) for pattern in patterns):
            problems.append(f"{plugin}.{option}: expected a list of patterns (strings)")
        else:
            found.setdefault(plugin, {}).setdefault(option, []).append((language, where, patterns))
    return problems


def _language_at_fault(plugin: str, words: dict[str, list[tuple[str, str, list[str]]]]) -> str | None:
    """Which language's patterns do not compile, named, when a plugin's options with them added do not."""
    for option, sources in words.items():
        for _, where, patterns in sources:
            try:
                Vocabulary(patterns)
            except PatternError as error:
                return f"{where}: {plugin}.{option}: {error}"
    return None


def _is_vocabulary(annotation: Any) -> bool:
    """A `Vocabulary` field (or an optional one); a single `Pattern` is not a list to add to."""
    return annotation is Vocabulary or Vocabulary in get_args(annotation)


def _enabled_vocabularies(options: dict[str, BaseModel | None], enabled: dict[str, bool]) -> list[Vocabulary]:
    return [vocabulary for name, value in options.items() if enabled[name] for vocabulary in vocabularies_in(value)]


def _ignoring_article(function: Callable[..., Any]) -> Callable[..., Any]:
    return lambda article, **kwargs: function(**kwargs)


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
