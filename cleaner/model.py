"""The plain data that flows through the hooks.

Readers turn an input into `Document`s, segmenters turn a document into `Block`s, rule plugins
return `Mark`s, and the engine applies the marks: it sets `Block.removal` and files the marked
text under `Article.metadata`. Plugins never delete anything themselves, so every block the engine
drops is accounted for by the plugin, rule and reason that asked for it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .shapes import word_count, word_set

if TYPE_CHECKING:
    from .patterns import Screen, ScreenedText, Vocabulary


@dataclass(slots=True)
class Source:
    """One input named on the command line or found in a folder: a file, or standard input."""

    name: str
    path: Path | None = None
    root: Path | None = None
    format: str | None = None
    """What standard input holds, where no file name can say: ``jsonl``, ``text``, ``html`` or
    ``warc``, told from its first bytes or given with ``--input-format`` (`cleaner.read.standard_input`)."""
    stream: BinaryIO | None = None
    """Standard input's bytes, from the first (those read to tell its format are put back)."""

    def has_suffix(self, suffixes) -> bool:
        """True for a file whose name ends with one of `suffixes`, whatever their case: how readers claim files."""
        return self.path is not None and self.name.lower().endswith(tuple(suffix.lower() for suffix in suffixes))

    def holds(self, format: str, suffixes) -> bool:
        """True for standard input holding `format`, or a file whose name ends with one of `suffixes`."""
        return self.format == format if self.stream is not None else self.has_suffix(suffixes)

    def open(self) -> BinaryIO:
        """The bytes to read: standard input's stream, or the file opened for reading."""
        return self.stream if self.stream is not None else self.path.open("rb")

    def default_id(self) -> str:
        """A stable id: the path below the folder it was found in, without its suffixes."""
        if self.path is None:
            return self.name
        relative = self.path.name if self.root is None else _relative(str(self.path), str(self.root))
        folder, name = os.path.split(relative)
        stem = name if name.endswith(".") else name[: len(name) - len(name.lstrip("."))] + name.lstrip(".").split(".")[0]
        return os.path.join(folder, stem or name)


def _relative(path: str, folder: str) -> str:
    prefix = folder.rstrip(os.sep) + os.sep
    return path[len(prefix) :] if path.startswith(prefix) else os.path.relpath(path, folder)


@dataclass(slots=True)
class Problem:
    """Something wrong with one article. `fatal` problems make the article (and the run) fail."""

    stage: str
    message: str
    plugin: str | None = None
    fatal: bool = True


@dataclass(slots=True)
class Document:
    """One article as a reader found it, before it is split into blocks."""

    id: str
    source: str
    content: str = ""
    media_type: str = "text/plain"
    url: str | None = None
    site: str | None = None
    title: str | None = None
    """The title, where the source states it ("" if it has none); then no line is taken for it."""
    fields: dict[str, Any] = field(default_factory=dict)
    """Fields of the input record the reader did not use; they pass through to the output."""
    problems: list[Problem] = field(default_factory=list)
    loader: Callable[[Document], None] | None = None
    """What reads the content, where the reader leaves that to the process that cleans the
    article (a worker of a batch run): a picklable callable that sets `content` and adds its
    problems. The engine calls `load` before cleaning; `id` must be known without it."""
    reader: str | None = None
    """The plugin that yielded the document (the engine sets it), for errors its `loader` raises."""

    def load(self) -> None:
        """Read the content now, if the reader left it to `loader`."""
        if self.loader is not None:
            loader, self.loader = self.loader, None
            loader(self)


@dataclass(slots=True)
class Block:
    """The unit a rule removes: one line of a text article, one element of an HTML page."""

    index: int
    text: str
    paragraph: int
    """Blocks that share a paragraph number are printed on consecutive lines."""
    line: int | None = None
    """1-based line number in the source, where the source is text."""
    kind: str = "line"
    """What the segmenter knows of the block: line, paragraph, heading, lead, item, quote, caption,
    cell, code (a line of a program listing)."""
    removal: Removal | None = None
    words: int | None = field(default=None, compare=False)
    """How many words the block has (`cleaner.shapes.word_count`: ``len(text.split())``, but
    scripts written without spaces between words counted by their characters): counted once, when the block is made, as
    most rules ask it of every block (a plain attribute, as quick to read as can be). A
    segmenter that knows the count already gives it."""
    _word_set: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.words is None:
            self.words = word_count(self.text)

    @property
    def kept(self) -> bool:
        return self.removal is None

    @property
    def word_set(self) -> frozenset[str]:
        """The block's distinct words, lower-cased, without punctuation: for likeness between texts."""
        if self._word_set is None:
            self._word_set = frozenset(word_set(self.text))
        return self._word_set


@dataclass(slots=True, frozen=True)
class Removal:
    plugin: str
    rule: str
    reason: str


@dataclass(slots=True, frozen=True)
class Mark:
    """A rule's verdict that a block is furniture.

    `save_as` names the metadata field the block's text is filed under (`title`, `captions`,
    `related`, `attribution`, `author`, `date`, ...), stripped and without Markdown's marks
    (`cleaner.patterns.without_markup`); `value` is what to file there when it is not the block's
    own text, such as a headline with its "[VIDEO]" marker stripped.
    """

    block: Block
    rule: str
    reason: str
    save_as: str | None = None
    value: str | None = None


@dataclass(slots=True)
class Segments:
    """What a segmenter returns: the blocks, and any metadata the source itself carried."""

    blocks: list[Block]
    metadata: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    """What went wrong while segmenting that does not fail the article, such as text that could not be read."""


LIST_FIELDS = ("captions", "related", "attribution")


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    url: str | None = None
    site: str | None = None
    date: str | None = None
    author: str | None = None
    captions: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    attribution: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    """Anything else a reader or plugin knows: sitename, description, language, tags, ..."""
    _positions: dict[str, list[int]] = field(default_factory=dict, repr=False, compare=False)
    """Where in the article each value of a list field came from, to put them in document order."""

    def file(self, name: str, value: Any, position: int = -1) -> None:
        """Record `value` under `name`: appended to list fields, first value wins for the rest.
        `position` is the index of the block the value came from (-1: from no block)."""
        if name in LIST_FIELDS:
            getattr(self, name).append(value)
            self._positions.setdefault(name, []).append(position)
        elif name in ("title", "url", "site", "date", "author"):
            if getattr(self, name) in (None, ""):
                setattr(self, name, value)
        else:
            self.extra.setdefault(name, value)

    def put_in_document_order(self) -> None:
        """Order the list fields as their blocks stand in the article, whichever rule filed them first."""
        for name, positions in self._positions.items():
            values = getattr(self, name)
            if len(values) == len(positions) and positions != sorted(positions):
                values[:] = [value for _, value in sorted(zip(positions, values), key=lambda pair: pair[0])]
                positions.sort()

    def as_dict(self) -> dict[str, Any]:
        data = {
            "captions": self.captions,
            "related": self.related,
            "attribution": self.attribution,
            "url": self.url,
            "date": self.date,
            "author": self.author,
            "site": self.site,
        }
        for key, value in self.extra.items():
            data.setdefault(key, value)
        return data


@dataclass(slots=True)
class Article:
    """A document after segmentation: the blocks, what has been removed, and what was learned."""

    id: str
    source: str
    blocks: list[Block] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)
    fields: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    text: str = ""
    screen: Screen | None = field(default=None, repr=False, compare=False)
    """The screen of the configuration cleaning the article, set by the engine before the rules run."""
    _screened: ScreenedText | None = field(default=None, init=False, repr=False, compare=False)
    _kept: list[Block] | None = field(default=None, init=False, repr=False, compare=False)

    def may_match(self, vocabulary: Vocabulary) -> bool:
        """False only if no block's stripped text (``block.text.strip()``) can match `vocabulary`,
        by `match`, `fullmatch` or `search`. Ask before a loop that matches every block: one scan
        of the article answers for all the vocabularies in the plugins' options that rules ask
        about (see `cleaner.patterns.Screen`); for any other vocabulary it says True.

        Only for questions about whole blocks: a part of a block (the words before a colon, say)
        can match where the whole block cannot, for patterns that look at edges (``$``, ``\\b``).
        """
        screened = self._screen()
        return bool(vocabulary) if screened is None else screened.may_match(vocabulary)

    def may_match_block(self, block: Block, vocabulary: Vocabulary | None) -> bool:
        """False only if the block's stripped text cannot match `vocabulary` (by `match`,
        `fullmatch` or `search`; True for None, as `candidates` takes it): ask before matching a
        candidate of several vocabularies against each, to skip those the screen ruled out.
        Only for whole blocks, like `may_match`."""
        screened = self._screened or self._screen()
        return screened is None or vocabulary is None or screened.may_match_block(block.index, vocabulary)

    def candidates(self, *vocabularies: Vocabulary | None) -> list[Block]:
        """The kept blocks whose stripped text may match any of `vocabularies` (by `match`,
        `fullmatch` or `search`), in order: loop over these rather than every block, and match
        each as before. Every kept block where the screen cannot tell (and for a vocabulary given
        as None). Only for questions about whole blocks, like `may_match`."""
        screened = self._screened or self._screen()
        indices = None if screened is None else screened.union(vocabularies)
        if indices is None:
            return self.kept_blocks()
        blocks = self.blocks
        return [blocks[index] for index in indices if blocks[index].removal is None]

    def _screen(self) -> ScreenedText | None:
        if self._screened is None and self.screen is not None:
            from .patterns import SCREENED_MAX_WORDS, ScreenedText

            texts = [block.text.strip() if block.words <= SCREENED_MAX_WORDS else None for block in self.blocks]
            self._screened = ScreenedText(self.screen, texts)
        return self._screened

    @property
    def site(self) -> str | None:
        return self.metadata.site

    @property
    def failed(self) -> bool:
        return any(problem.fatal for problem in self.problems)

    def kept_blocks(self) -> list[Block]:
        """The blocks not removed so far, in order (a new list each call: yours to change)."""
        if self._kept is None:
            self._kept = [block for block in self.blocks if block.removal is None]
        return self._kept.copy()

    def remove(self, block: Block, removal: Removal) -> None:
        """Remove `block`; only the engine does this, when it applies a rule's mark."""
        block.removal = removal
        self._kept = None

    def removed_blocks(self) -> list[Block]:
        return [block for block in self.blocks if block.removal is not None]
