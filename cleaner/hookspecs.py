"""The plugin contract: every hook an article passes through, in the order it meets them.

An article travels   read -> segment -> mark -> metadata -> render:

0. ``cleaner_add_vocabulary``   when the configuration loads: the words furniture is written
                                with in each language config.yaml names, for the rules' vocabularies;
1. ``cleaner_read_source``      a reader claims an input file and yields `Document`s from it;
2. ``cleaner_segment_document`` a segmenter splits a document into `Block`s (lines, paragraphs);
3. ``cleaner_mark_blocks``      every rule plugin returns `Mark`s for the blocks it finds to be
                                furniture; the engine removes them and records who and why;
4. ``cleaner_extract_metadata`` plugins add what they know about the article (date, author, ...);
5. ``cleaner_render_text``      one plugin turns the kept blocks into the article's text.

A plugin is a module (or any object) with functions named after these hooks and decorated with
``@cleaner.hookimpl``. It takes only the arguments it needs, by name. A minimal site plugin::

    import cleaner
    from cleaner.model import Mark

    @cleaner.hookimpl
    def cleaner_mark_blocks(article):
        if article.site != "example.com":
            return None
        return [
            Mark(block, rule="subscribe-box", reason="example.com's subscription box")
            for block in article.kept_blocks()
            if block.words <= 12 and block.text.startswith("Subscribe to Example")
        ]

Drop that file in a folder named by ``plugin_dirs`` in config.yaml (or ``--plugins-dir``), or
ship it in a package with an entry point in the ``cleaner`` group, as the built-ins do.

Every hook may take ``options``: that plugin's own section of config.yaml, validated against
the model the plugin returned from ``cleaner_add_options`` (``None`` if it declared none). The
hooks that see an article (marking, metadata, rendering) get the options for the article's site:
the section with ``sites.<host>.plugins.<name>`` laid over it, validated when the config loads; a
site can also switch a plugin off (``enabled: false``), and its ``keep`` patterns protect lines
from every plugin's marks.
Plugins keep no state between articles; everything they need arrives as arguments.

If a hook raises, the engine records an error naming the plugin on that article, skips that
plugin's contribution, and goes on with the other plugins and articles. A hook that returns the
wrong type is an error the same way. One that runs past the per-article time budget
(``limits.time_budget_seconds``) is interrupted, and that article fails with an error naming it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pluggy

from .config import Limits
from .model import Article, Document, Mark, Segments, Source

hookspec = pluggy.HookspecMarker("cleaner")


@hookspec
def cleaner_add_options() -> type | None:
    """Declare this plugin's options: return a pydantic model class, or None for none.

    The engine validates the plugin's section of config.yaml (``plugins.<name>``) against it,
    reporting bad keys by their path, and passes the validated instance to the plugin's hooks as
    ``options``. Every plugin also gets an ``enabled`` switch without declaring it. Give every
    field a default, so that a config that does not mention the plugin still works; use
    `cleaner.patterns.Vocabulary` for lists of patterns, which are compiled safely once.
    """


@hookspec
def cleaner_add_vocabulary(language: str) -> dict[str, dict[str, list[str]]] | None:
    """Return the patterns furniture is written with in `language`, or None if you have none.

    Called when the configuration loads, once for each language code in config.yaml's
    ``languages`` (``en``, ``de``, ...). Return ``{plugin: {option: [pattern, ...]}}``, where each
    option is a `Vocabulary` in that plugin's options: "Lesen Sie auch" for ``promo.headings`` in
    ``de``, say. The engine puts the patterns of every language, in the order config.yaml lists
    them, before those the option has in config.yaml, and compiles them once for each set of
    languages articles come in; an option given for a plugin that is not loaded is passed over. The built-in ``vocabularies`` plugin serves
    the files in ``plugins/languages/``; a plugin package can add a language, or words for its
    own options, the same way. An article is searched for the words of its own language and of
    English only (``detect_language``, see `cleaner.languages`); a language jusText has no
    stoplist for is searched in every article.
    """


@hookspec(firstresult=True)
def cleaner_read_source(source: Source, options: Any, limits: Limits) -> Iterable[Document] | None:
    """Claim an input and yield its articles, or return None to leave it to another reader.

    Called for every file named on the command line or found in a folder. Decide from the name
    (``source.path``) whether the source is yours, and only then read it: return a generator so
    that nothing is read until the engine asks. Yield one `Document` per article (a JSON-lines
    file or a WARC archive yields many). A record that cannot be read becomes a `Document` with a
    fatal `Problem`, not an exception, so that the rest of the file is still read. Set
    ``Document.title`` when the record states the title, so that no line is taken for it.

    Standard input arrives as a source named ``-`` with no path: its ``format`` says what it
    holds (``jsonl``, ``text``, ``html`` or ``warc``, told from its first bytes or given with
    ``--input-format``) and ``stream`` gives its bytes. ``source.holds(format, suffixes)`` claims
    both a file by its name and standard input by its format. Set each document's
    ``media_type`` to what its content is, not where it came from: an HTML record of a JSON-lines
    file is ``text/html`` and is segmented like an HTML page. Put a record's ``url`` on the
    document (the engine takes the article's ``site`` from it) and fields you did not use in
    ``fields``, which pass through to the output record.

    ``limits`` is the ``limits`` section of config.yaml: read at most
    ``limits.max_article_bytes`` for one article (`cleaner.read.read_bytes_limited` reads a file,
    gzipped or not, within it and never blocks on a FIFO); the engine fails any longer document.

    A reader of one article per file can leave the reading itself to the process that cleans it,
    so that a batch run's workers share it: yield the document with its ``id`` and a picklable
    ``loader`` that fills in ``content`` and ``problems`` (`cleaner.read.read_one_article` does this).
    A loader defined at module level pickles; a lambda or a nested function does not, and then
    the batch cleans those documents in its main process, slower but the same. An exception
    the loader raises fails its article with an error naming your plugin.
    """


@hookspec(firstresult=True)
def cleaner_segment_document(document: Document, options: Any, limits: Limits) -> Segments | None:
    """Split a document into blocks, or return None if its ``media_type`` is not yours.

    Blocks are the units rules remove, so make them the natural units of the format: lines of
    plain text, paragraphs, headings and list items of HTML, and set ``Block.kind`` (and
    ``Block.words``, as ``cleaner.shapes.word_count(text)`` counts them, if you know it already:
    else it is counted). Metadata the source carries (an HTML page's title, author, date) goes
    into ``Segments.metadata``; its ``url`` and ``site`` keys set the article's site when the
    document did not. What went wrong without failing the article (part of a page that could not
    be read) goes into ``Segments.problems``, as `Problem`s with ``fatal=False``. The engine
    fails an article of more than ``limits.max_article_blocks`` blocks, so stop one block past
    that number: more would only cost memory. Raise to fail the article (no text found): the
    message is its error.
    """


@hookspec
def cleaner_mark_blocks(article: Article, options: Any) -> Iterable[Mark] | None:
    """Return a `Mark` for every block you find to be furniture.

    Rule plugins run one after another, each seeing the removals of those before it (the title
    plugin runs first), so look only at ``article.kept_blocks()``. A rule runs again on the same
    article when blocks were removed after it looked (by a later rule, or by its own marks), as
    it would see them if the clean text were cleaned again; so decide from the article alone,
    keep no state, and expect blocks you marked before to be removed. Never change a block's
    text: a block is kept whole or removed whole, and a table's row too: the engine takes a cell
    (``block.kind == "cell"``; a row's cells share ``block.paragraph``) only when the row's other
    kept cells are marked with it, as one cell taken out misaligns the table. Give each mark a
    short ``rule`` name and a ``reason`` a person can read; set ``save_as`` to file the block's
    text under a metadata field (``captions``, ``related``, ``attribution``, ``title``,
    ``author``, ...), without Markdown's marks, or ``value`` to file something else.
    ``article.site`` holds the hostname, so a site plugin can return None for other sites.

    To find lines by a pattern, put the patterns in your options as a `cleaner.patterns.Vocabulary`
    and loop over ``article.candidates(options.my_vocabulary)`` rather than every block: one RE2
    pass per block answers for all the vocabularies rules ask about, and you get the few blocks
    that may match (match each one as before). Looping over the candidates of several
    vocabularies, ask ``article.may_match_block(block, vocabulary)`` before matching a block
    against each: it says False where the screen already ruled that one out. ``block.words`` is
    the block's word count, counted once for all rules: check it before any pattern.
    """


@hookspec
def cleaner_extract_metadata(article: Article, options: Any) -> dict[str, Any] | None:
    """Return metadata fields you can tell about the article, after all rules have run.

    Fields already known (from the source or from marks) are not overwritten.
    """


@hookspec(firstresult=True)
def cleaner_render_text(article: Article, options: Any) -> str | None:
    """Return the article's text from its kept blocks, in order.

    Only whitespace may change here: the words of every kept block appear as they came in.
    """
