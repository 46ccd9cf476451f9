"""A datatrove pipeline step that cleans each document's article, as ``cleaner clean`` would.

Needs the ``datatrove`` extra (``pip install 'article-cleaner[datatrove]'``). In text mode the
document's text is the article (after datatrove's ``Trafilatura`` extractor, or text scraped
elsewhere); in HTML mode it is the page (from ``WarcReader``), split into blocks by cleaner's
one trafilatura pass. The clean text replaces ``document.text``; the rest of cleaner's record
goes into ``document.metadata`` (see `ArticleCleaner`). The step reaches each task as its
configuration and is rebuilt there with the plugins installed on that machine (a `Cleaner`
pickles as its config), so the same pipeline runs on a local or a Slurm executor.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from datatrove.data import Document as DatatroveDocument
from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.utils.typeshelper import StatHints

from .engine import Cleaner
from .model import Document
from .read import sniff_format
from .records import document_from_record
from .write import to_record

MODES = ("text", "html", "auto")
ON_ERROR = ("keep", "drop")
_SNIFF_CHARACTERS = 1024


class ArticleCleaner(PipelineStep):
    """Cleans every document's article with cleaner's plugins and configuration.

    Args:
        mode: ``text`` (the document's text is the article), ``html`` (it is the page's HTML),
            or ``auto`` (HTML if it starts with a tag, as ``cleaner clean -`` tells them apart).
        config: a config file laid over cleaner's defaults, as ``--config``, or a dict.
        plugin_dirs: folders of plugin files, as ``--plugins-dir``; absolute paths that exist
            on every machine a task runs on.
        site: the hostname of articles whose ``url`` metadata does not say, as ``--site``.
        on_error: ``keep`` a document whose article failed with its text as it came, its
            ``errors`` in the metadata; or ``drop`` it (to `exclusion_writer`, if given).
        drop_empty: drop a document left with no text (every block was furniture), as
            datatrove's extractors drop those they find no text in.
        exclusion_writer: a datatrove writer for the documents dropped, as a filter's.

    A cleaned document's metadata gains ``title``, the record's metadata (``captions``,
    ``related``, ``attribution``, ``url``, ``date``, ``author``, ``site``, and for HTML what the
    page says of itself), ``removed`` (one entry per removed block: plugin, rule, reason, text)
    and ``errors`` (warnings; for a kept failed article, why it failed). A key the metadata
    held before with another value (``WarcReader``'s ``date``, the capture date) is kept under
    ``input``, as the command line keeps a record's clashing fields. A ``language`` the metadata
    holds (datatrove's ``LanguageFilter`` sets one) chooses the words a document too short to
    tell by its stopwords is cleaned with, as a record's ``language`` field does.

    Stats: ``total``, ``forwarded``, ``dropped`` (``dropped_failed``, ``dropped_empty``),
    ``failed``, ``removed_blocks`` (per article) and ``removed_<plugin>`` (blocks removed by
    each plugin; its ``n`` is the number of articles it removed any from), ``doc_len``.
    """

    name = "🧹 cleaner"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        mode: str = "text",
        config: str | Path | dict[str, Any] | None = None,
        plugin_dirs: Iterable[str | Path] = (),
        site: str | None = None,
        on_error: str = "keep",
        drop_empty: bool = True,
        exclusion_writer: PipelineStep | None = None,
    ):
        super().__init__()
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        if on_error not in ON_ERROR:
            raise ValueError(f"on_error must be one of {', '.join(ON_ERROR)}, not {on_error!r}")
        self.mode = mode
        self.on_error = on_error
        self.drop_empty = drop_empty
        self.exclusion_writer = exclusion_writer
        # Built here, so that a config error stops the pipeline before any task starts.
        self.cleaner = Cleaner.from_config(config, plugin_dirs=plugin_dirs, site=site)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        # Each article sets and clears the time budget's timer itself, rather than holding it for
        # a batch (`Cleaner.batch`): a generator may be left unfinished and collected at any moment
        # later, and its ending would then take the timer from whatever is cleaning then.
        writer = self.exclusion_writer if self.exclusion_writer is not None else contextlib.nullcontext()
        with writer as excluded:
            for document in data:
                self.stat_update(StatHints.total)
                with self.track_time():
                    dropped = self.clean(document)
                if dropped is None:
                    self.stat_update(StatHints.forwarded)
                    self.update_doc_stats(document)
                    yield document
                    continue
                self.stat_update(StatHints.dropped, f"dropped_{dropped}")
                if excluded is not None:
                    document.metadata["filter_reason"] = dropped
                    excluded.write(document, rank)

    def clean(self, document: DatatroveDocument) -> str | None:
        """Clean `document` in place; return why it is to be dropped (``failed``, ``empty``) or None."""
        article = self.cleaner.clean_document(self.article_document(document))
        record = to_record(article)
        if article.failed:
            self.stat_update("failed")
            _lay_over(document.metadata, {"removed": [], "errors": record["errors"]})
            return "failed" if self.on_error == "drop" else None
        self.stat_update("removed_blocks", value=len(record["removed"]))
        for plugin, count in Counter(entry["plugin"] for entry in record["removed"]).items():
            self.stat_update(f"removed_{plugin}", value=count)
        document.text = record["text"]
        _lay_over(
            document.metadata,
            {"title": record["title"], **record["metadata"], "removed": record["removed"], "errors": record["errors"]},
        )
        return "empty" if self.drop_empty and not document.text else None

    def article_document(self, document: DatatroveDocument) -> Document:
        """The document as cleaner reads it: a record of its id, its text (or page) and its url."""
        url = document.metadata.get("url")
        article = document_from_record({
            "id": document.id, "text": document.text, "url": url if isinstance(url, str) else None,
            "language": document.metadata.get("language"),
        })
        if self.mode == "html" or (self.mode == "auto" and sniff_format(document.text[:_SNIFF_CHARACTERS]) == "html"):
            article.media_type = "text/html"
        return article


def _lay_over(metadata: dict[str, Any], found: dict[str, Any]) -> None:
    """Put cleaner's fields into `metadata`; a value there before that differs goes under ``input``."""
    clashing = {key: metadata[key] for key in found if metadata.get(key) not in (None, found[key])}
    if clashing:
        if "input" in metadata:
            clashing["input"] = metadata["input"]
        found = {**found, "input": clashing}
    metadata.update(found)


def shallow_adapter(writer: PipelineStep, document: DatatroveDocument) -> dict[str, Any]:
    """What a datatrove writer's default adapter (0.10) makes of a document, without its deep copy
    of the metadata (``dataclasses.asdict``), which cleaner's ``removed`` entries make cost 150 us
    an article: ``JsonlWriter("clean/", adapter=shallow_adapter)`` writes the same lines. The
    metadata is shared with the document, not copied: the writers only read it."""
    data = {"text": document.text, "id": document.id, "media": [dataclasses.asdict(media) for media in document.media],
            "metadata": document.metadata}
    data = {key: value for key, value in data.items() if value}
    if getattr(writer, "expand_metadata", False) and "metadata" in data:
        data |= data.pop("metadata")
    if not getattr(writer, "save_media_bytes", False) and "media" in data:
        data["media"] = [{**media, "media_bytes": None} for media in data["media"]]
    return data
