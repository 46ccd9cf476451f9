"""Patterns from config.yaml, compiled with RE2 so that no pattern can hang a run.

RE2 matches in time linear in the input, whatever the pattern: ``(a+)+$`` on a long line is as
quick as any other. It has no backreferences or lookaround; such a pattern is a config error.
Its ``\\w`` and ``\\b`` are ASCII-only: write ``\\pL`` for a letter in any script.

Patterns see text as a reader does (`as_read`): no-break, thin and other spaces as one space,
curly and straight quotes alike, a full-width colon as a colon, an HTML entity left in the text
as its character, zero-width characters and soft hyphens not at all. A match's spans still index
the text as it came in (an entity whole).
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import re2
from pydantic import BaseModel
from pydantic_core import PydanticCustomError, core_schema


class PatternError(ValueError):
    pass


@functools.lru_cache(maxsize=256)
def compile_pattern(pattern: str, *, ignore_case: bool = True):
    """Compile one user pattern, raising `PatternError` with RE2's reason.

    The last few hundred are remembered: every site section validates the plugins' options again,
    with the same vocabularies, and a compiled RE2 pattern is immutable. (Not more: each holds the
    automaton it built as it matched, up to its memory limit.)"""
    options = re2.Options()
    options.case_sensitive = not ignore_case
    options.max_mem = 64 << 20
    options.log_errors = False
    try:
        return re2.compile(pattern, options)
    except re2.error as error:
        reason = error.args[0] if error.args else error
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise PatternError(f"pattern {pattern!r} does not compile: {reason}") from None


class Vocabulary:
    """A list of patterns matched as one, case-insensitively.

    In config.yaml it is a plain list of strings; in a plugin's options model, annotate the field
    as `Vocabulary` and call `match` (from the start of the text), `fullmatch` or `search`. Before
    looping over an article's blocks, ask ``article.may_match(vocabulary)``: one RE2 pass over the
    whole article answers for every vocabulary of the configuration.
    """

    __slots__ = ("patterns", "_seen_patterns", "_screen_patterns", "_hash", "_regex", "_compiled")

    def __init__(self, patterns: Sequence[str] = ()):
        self._set(patterns)
        self._regex = self._compile()
        self._compiled = getattr(self._regex, "_regexp", None) if _FAST else None

    def _set(self, patterns: Sequence[str]) -> None:
        self.patterns = tuple(patterns)
        # Written as the text is seen: a curly quote in a pattern matches a straight one too.
        self._seen_patterns = tuple(pattern.translate(_SEEN_AS) for pattern in self.patterns)
        self._screen_patterns = self._seen_patterns
        self._hash = hash(self.patterns)

    def _compile(self):
        """The patterns compiled as one alternation, or `PatternError` naming the item at fault.

        Compiling is most of what a vocabulary costs (a thousand patterns take a second alone),
        so the patterns are compiled once, together. Each is first checked for brackets that
        close what they open, so that no pattern can reach into its neighbours in the
        alternation; only when that check or the whole fails is each compiled alone, to say which."""
        if not self.patterns:
            return None
        for index, pattern in enumerate(self._seen_patterns):
            if not _closed(pattern):
                self._compile_alone(index)
        try:
            return compile_pattern(self.joined)
        except PatternError as error:
            for index in range(len(self.patterns)):
                self._compile_alone(index)
            raise PatternError(f"the {len(self.patterns)} patterns do not compile together: {error}") from None

    def _compile_alone(self, index: int) -> None:
        pattern = self._seen_patterns[index]
        try:
            compile_pattern(pattern)
        except PatternError as error:
            raise PatternError(f"item {index}: {str(error).replace(repr(pattern), repr(self.patterns[index]))}") from None
        if not _closed(pattern):
            raise PatternError(f"item {index}: pattern {self.patterns[index]!r} leaves a bracket open")

    @classmethod
    def _derived(cls, patterns: Sequence[str]) -> Vocabulary:
        """A vocabulary made of checked ones, compiled when first matched: most such (the
        screen's finders) are only ever handed to the screen."""
        vocabulary = cls.__new__(cls)
        vocabulary._set(patterns)
        vocabulary._regex = vocabulary._compiled = None
        return vocabulary

    @property
    def joined(self) -> str:
        """The patterns, as they see text, as one RE2 alternation (one pattern is its own)."""
        if len(self._seen_patterns) == 1:
            return self._seen_patterns[0]
        return "|".join(f"(?:{pattern})" for pattern in self._seen_patterns)

    def match(self, text: str):
        return self._find(_START, text)

    def fullmatch(self, text: str):
        return self._find(_BOTH, text)

    def search(self, text: str):
        return self._find(_UNANCHORED, text)

    def followed_by(self, pattern: str) -> Vocabulary | None:
        """This vocabulary followed by `pattern`, to find the blocks that hold a part this
        vocabulary matches, such as the label before a colon (`Article.candidates`). None if a
        pattern looks at the edges of the text (``^``, ``$``), which a part has where the block
        has none."""
        if not self.patterns:
            return Vocabulary()
        if _EDGES.search(self.joined):
            return None
        derived = Vocabulary._derived([f"(?:{self.joined}){pattern}"])
        # Screened pattern by pattern, each followed by `pattern`, so that each is cut on its own.
        derived._screen_patterns = tuple(f"(?:{screened}){pattern}" for screened in self._screen_patterns)
        return derived

    @property
    def screen_pattern(self) -> str:
        """What the screen's set holds for this vocabulary: a pattern that finds at least every
        text the vocabulary matches (see `screen_form`)."""
        return "|".join(f"(?:{relax_counted_repeats(screen_form(pattern))})" for pattern in self._screen_patterns)

    def which(self, text: str) -> str | None:
        """The first pattern that matches the whole of `text`: to tell a person which rule decided."""
        seen = encodable(as_read(text)[0])
        for pattern, seen_pattern in zip(self.patterns, self._seen_patterns):
            if compile_pattern(seen_pattern).fullmatch(seen):
                return pattern
        return None

    def _find(self, anchor, text: str):
        """RE2's answer on the text as read (`as_read`), asked on the bytes directly (see `_FAST`)."""
        if self._regex is None:
            if not self.patterns:
                return None
            self._regex = compile_pattern(self.joined)
            self._compiled = getattr(self._regex, "_regexp", None) if _FAST else None
        seen, origins = as_read(text)
        if self._compiled is None:
            method = "search" if anchor is _UNANCHORED else "match" if anchor is _START else "fullmatch"
            return getattr(self._regex, method)(encodable(seen))
        try:
            encoded = seen.encode()
        except UnicodeEncodeError:
            encoded = encodable(seen).encode()
        spans = self._compiled.Match(anchor, encoded, 0, len(encoded))
        if spans[0] == _NO_MATCH:
            return None
        if len(encoded) != len(seen):
            spans = _character_spans(encoded, spans)
        if origins is not None:
            spans = [_origin_span(origins, start, end) for start, end in spans]
        return _Match(self._regex, text, 0, len(text), spans)

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Vocabulary) and other.patterns == self.patterns

    def __hash__(self) -> int:
        return self._hash

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self.patterns)!r})"

    def __reduce__(self):
        return (Vocabulary, (self.patterns,))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        def build(value: Any) -> Vocabulary:
            if isinstance(value, Vocabulary):
                return value
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise PydanticCustomError("patterns", "expected a list of patterns (strings), got {got}", {"got": _kind(value)})
            try:
                return cls(value)
            except PatternError as error:
                raise PydanticCustomError("pattern", str(error)) from None

        return _plain(build)


class Pattern(Vocabulary):
    """A single pattern; in config.yaml a string."""

    __slots__ = ()

    def __init__(self, pattern: str | Sequence[str] = ()):
        super().__init__([pattern] if isinstance(pattern, str) else pattern)

    def __reduce__(self):
        return (Pattern, (self.patterns,))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        def build(value: Any) -> Pattern:
            if isinstance(value, Pattern):
                return value
            if not isinstance(value, str):
                raise PydanticCustomError("pattern", "expected a pattern (a string), got {got}", {"got": _kind(value)})
            try:
                return cls(value)
            except PatternError as error:
                raise PydanticCustomError("pattern", str(error).removeprefix("item 0: ")) from None

        return _plain(build)


def _closed(pattern: str) -> bool:
    """True if every group and character class the pattern opens, it closes (escapes, ``\\Q...\\E``
    and classes such as ``[)]`` or ``[[:alpha:]]`` read as RE2 reads them)."""
    depth, position, length = 0, 0, len(pattern)
    while position < length:
        char = pattern[position]
        if char == "\\":
            if pattern.startswith("Q", position + 1):
                end = pattern.find("\\E", position + 2)
                position = length if end < 0 else end + 2
            else:
                position += 2
            continue
        if char == "[":
            position += 1
            position += pattern.startswith("^", position)
            position += pattern.startswith("]", position)
            while position < length and pattern[position] != "]":
                if pattern[position] == "\\":
                    position += 2
                elif pattern.startswith("[:", position):
                    end = pattern.find(":]", position + 2)
                    if end < 0:
                        return False
                    position = end + 2
                else:
                    position += 1
            if position >= length:
                return False
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return False
        position += 1
    return depth == 0


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

_SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_SEEN_AS = str.maketrans(
    {**{space: " " for space in _SPACES}, **{quote: "'" for quote in "‘’‚‛′＇"}, **{quote: '"' for quote in "“”„‟″＂"},
     "：": ":", "﹕": ":"}
)
"""Characters a reader does not tell from another, one for one, so that spans stay where they were."""
_READ_AS = {chr(code): read_as for code, read_as in _SEEN_AS.items()}
_UNSEEN = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
"""Zero-width characters and the soft hyphen: in the text, but not seen."""
_UNSEEN_CHARACTER = re.compile(f"[{_UNSEEN}]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
"""An HTML character reference a scraper left in the text ("Don&#8217;t miss&hellip;"): read as
the character it stands for. Only with its semicolon, so "AT&T" and "Q&A" stay as they are."""
_ENTITY_BYTES = re.compile(_ENTITY.pattern.encode())
_UNUSUAL = re.compile(f"[{re.escape(''.join(_READ_AS))}{_UNSEEN}]|  |{_ENTITY.pattern}")
"""What makes a text read otherwise than it is written."""

Origins = list[int] | tuple[list[int], list[int]]
"""Where each character of a text as read stands in the text it was read from: its start, or,
where a character was read from several (an entity), its start and its end apart."""


def as_read(text: str) -> tuple[str, Origins | None]:
    """The text as a reader sees it, for patterns to match: Markdown's marks left out (a heading's
    "#", a quote's ">", "**", "__", "`", a link's brackets and address: "**Read more:**
    [Headline](https://…)" reads "Read more: Headline"), every kind of space one space, curly
    quotes straight, a full-width colon a colon, an HTML entity the character it stands for,
    zero-width characters and soft hyphens left out; and, where characters were left out or
    entities read, where each of its characters stands in `text`."""
    if text.isascii() and "  " not in text and "\t" not in text and "&" not in text and not _may_have_markup(text):
        return text, None
    known = _read_texts.get(text)  # rules ask about the same blocks again and again
    if known is not None:
        return known
    read = _markup_read(text) if _may_have_markup(text) else None
    if read is None:
        return _remember(text, _characters_read(text))
    without_markup, outer = read
    seen, inner = _characters_read(without_markup)
    return _remember(text, (seen, _composed(outer, inner, len(text))))


def _characters_read(text: str) -> tuple[str, Origins | None]:
    """`as_read` of a text without Markdown marks: its spaces, quotes, colons, entities and unseen characters."""
    unusual = _UNUSUAL.findall(text)
    if not unusual:
        return text, None
    if any(found.startswith("&") for found in unusual):
        return _with_entities_read(text)
    return _as_read_unusual(text, set(unusual))


_MARKUP_FIRST = frozenset("#>*_")
_BLOCK_MARKS = re.compile(r" {0,3}(?:(?:> )+|#{1,6}[ \t]+)")
"""A Markdown quote's ">" marks, or a heading's "#" marks and the spaces after them."""
LINK_TARGET = r'\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:[ \t]+"[^"\n]*")?\)'
"""The "(address "title")" of a Markdown link or image, as a pattern (for `text_reader` too)."""
_LINK_TAIL = re.compile(rf"\]{LINK_TARGET}")
"""The "](address "title")" that closes a Markdown link or image."""
_INLINE_MARKS = re.compile(r"\*\*+|`+|(?<!\w)__+|__+(?!\w)")
"""Markdown's strong emphasis and code marks ("__" only at a word's edge: "__init__" reads "init",
"snake__case" stays)."""
_LONGEST_LINK_TEXT = 2000
"""How far back from its "](" a link's "[" is looked for: a line of thousands of "](" costs no more
than this for each."""


def _may_have_markup(text: str) -> bool:
    """Asked of every text a pattern is matched against, so each mark's first character is looked
    for before the mark: a search for one character is several times quicker than for two."""
    return (
        text[:1] in _MARKUP_FIRST
        or ("]" in text and "](" in text)
        or ("*" in text and "**" in text)
        or ("_" in text and "__" in text)
        or "`" in text
    )


def _markup_read(text: str) -> tuple[str, list[int]] | None:
    """`text` without its Markdown marks, and where each character left stands in it; None if it
    has none. Links are found from each "](" back to the nearest "[" before it, in one pass."""
    cuts: list[tuple[int, int]] = []
    marks = _BLOCK_MARKS.match(text)
    first = 0
    if marks is not None and marks.end() > 0 and text[: marks.end()].strip():
        cuts.append((0, marks.end()))
        first = marks.end()
    end = len(text.rstrip())
    if _set_in_emphasis(text, first, end):
        cuts += [(first, first + 1), (end - 1, end)]
    searched = 0
    opened: set[int] = set()
    while (close := text.find("](", searched)) >= 0:
        tail = _LINK_TAIL.match(text, close)
        opening = text.rfind("[", max(0, close - _LONGEST_LINK_TEXT), close)
        while opening in opened:  # the "[" of a link inside this one, "[![Logo](…)](…)"
            opening = text.rfind("[", max(0, close - _LONGEST_LINK_TEXT), opening)
        if opening < 0 or tail is None:
            searched = close + 2
            continue
        opened.add(opening)
        cuts.append((opening - 1 if opening > 0 and text[opening - 1] == "!" else opening, opening + 1))
        cuts.append(tail.span())
        searched = tail.end()
    cuts.extend(match.span() for match in _INLINE_MARKS.finditer(text))
    if not cuts:
        return None
    pieces: list[str] = []
    origins: list[int] = []
    position = 0
    for start, end in sorted(cuts):
        start = max(start, position)
        if end <= start:
            continue
        pieces.append(text[position:start])
        origins.extend(range(position, start))
        position = end
    pieces.append(text[position:])
    origins.extend(range(position, len(text)))
    origins.append(len(text))
    return "".join(pieces), origins


def without_markup(text: str) -> str:
    """`text` without Markdown's marks (see `as_read`), and otherwise as it is: what a rule files
    in the metadata from a line of a Markdown article ("[Headline](https://…)" files "Headline")."""
    read = _markup_read(text) if _may_have_markup(text) else None
    return text if read is None else read[0]


def _set_in_emphasis(text: str, start: int, end: int) -> bool:
    """A line in one "*" or "_" each side: "*A caption. Photo: Jane Doe/PA*" (not "* a list item")."""
    mark = text[start : start + 1]
    return (
        end - start >= 3 and mark in ("*", "_") and text[end - 1] == mark
        and text[start + 1] not in " *_" and text[end - 2] not in " *_"
    )


def _composed(outer: list[int], inner: Origins | None, length: int) -> Origins:
    """Where the characters of a text read twice stand in the first: `outer` maps the text without
    its marks into it (a character for a character), `inner` maps the text as read into that."""
    if inner is None:
        return outer
    if isinstance(inner, tuple):
        starts, ends = inner
        return [outer[start] for start in starts[:-1]] + [length], [outer[end - 1] + 1 for end in ends]
    return [outer[start] for start in inner[:-1]] + [length]


def read_and_encode(texts: list[str]) -> list[bytes]:
    """Each of an article's blocks as read (`as_read`) and encoded for RE2.

    Each block is encoded as it is, and the characters read otherwise than written are looked
    for once, in the non-ASCII bytes of all the blocks together (a few dozen on an article):
    only blocks that are not ASCII and hold one of them are read again, instead of looking for
    each such character in the whole article (3.53 against 3.57 million instructions an article
    of `bench/throughput.py`'s, all told). The blocks that read otherwise than written are
    remembered for the rules, which ask about the same blocks again."""
    try:
        encoded = [text.encode() for text in texts]
    except UnicodeEncodeError:
        return _read_and_encode_each(texts)
    joined = _BETWEEN_BYTES.join(encoded)
    if b"  " in joined or b"\t" in joined or (b"&" in joined and _ENTITY_BYTES.search(joined)) or _markup_in(texts, joined):
        return _read_and_encode_each(texts)
    if joined.isascii():
        return encoded
    found = set(joined.translate(None, _ASCII_BYTES).decode())
    if not found.isdisjoint(_UNSEEN):
        return _read_and_encode_each(texts)
    unusual = [(char, _READ_AS[char]) for char in found if char in _READ_AS]
    if not unusual:
        return encoded
    for index, text in enumerate(texts):
        if len(encoded[index]) == len(text):
            continue  # ASCII
        seen = text
        for char, read_as in unusual:
            seen = seen.replace(char, read_as)
        if seen != text:
            if "  " in seen:
                return _read_and_encode_each(texts)
            _remember(text, (seen, None))
            encoded[index] = seen.encode()
    return encoded


def _markup_in(texts: list[str], joined: bytes) -> bool:
    """Whether any of an article's blocks (`texts`, and `joined` by `_BETWEEN_BYTES`) may hold
    Markdown's marks, as `_may_have_markup` tells of one."""
    return (
        any(text[:1] in _MARKUP_FIRST for text in texts)
        or (b"]" in joined and b"](" in joined)
        or (b"*" in joined and b"**" in joined)
        or (b"_" in joined and b"__" in joined)
        or b"`" in joined
    )


def _read_and_encode_each(texts: list[str]) -> list[bytes]:
    seen = [as_read(text)[0] for text in texts]
    try:
        return [text.encode() for text in seen]
    except UnicodeEncodeError:
        return [encodable(text).encode() for text in seen]


_BETWEEN_BYTES = b"\x00"
_ASCII_BYTES = bytes(range(128))
_read_texts: dict[str, tuple[str, list[int] | None]] = {}
"""The texts lately read otherwise than written, and how: the rules ask about an article's blocks
again and again. Emptied when it holds `_READ_TEXTS_KEPT`, so that it holds a few articles'."""
_READ_TEXTS_KEPT = 4096


def _remember(text: str, read: tuple[str, list[int] | None]) -> tuple[str, list[int] | None]:
    if len(_read_texts) >= _READ_TEXTS_KEPT:
        _read_texts.clear()
    _read_texts[text] = read
    return read


def _as_read_unusual(text: str, unusual: set[str]) -> tuple[str, list[int] | None]:
    """`as_read` of a text holding the `unusual` characters (and double spaces, "  ")."""
    seen = text
    # str.translate takes 10 us on a line with non-ASCII letters; these replacements take one.
    for char in unusual:
        if char in _READ_AS:
            seen = seen.replace(char, _READ_AS[char])
    if "  " not in seen and unusual.isdisjoint(_UNSEEN):
        return seen, None
    kept: list[str] = []
    origins: list[int] = []
    for position, char in enumerate(seen):
        if char in _UNSEEN or (char == " " and kept and kept[-1] == " "):
            continue
        kept.append(char)
        origins.append(position)
    origins.append(len(seen))
    return "".join(kept), origins


_LONGEST_ENTITY = 34
"""Characters of the longest text `_ENTITY` matches."""


def rstrip_read(text: str, characters: str) -> str:
    """``text.rstrip(characters)``, with an HTML entity that reads as one of them ("&hellip;",
    "&nbsp;") stripped as well: for a rule that cuts a heading's trailing punctuation off before
    matching it. Each entity is found from the end, so a line of thousands costs no more than
    their length."""
    text = text.rstrip(characters)
    end = len(text)
    while end and text[end - 1] == ";":
        start = text.rfind("&", max(0, end - _LONGEST_ENTITY), end)
        entity = _ENTITY.fullmatch(text, start, end) if start >= 0 else None
        read = html.unescape(entity[0]) if entity else ""
        if len(read) != 1 or _READ_AS.get(read, read) not in characters:
            break
        end = start
        while end and text[end - 1] in characters:
            end -= 1
    return text[:end]


def _with_entities_read(text: str) -> tuple[str, Origins | None]:
    """`as_read` of a text holding HTML entities: each read as its character (once: "&amp;#8217;"
    reads "&#8217;", as a reader of the page would), then the rest read as `as_read` reads it."""
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for entity in _ENTITY.finditer(text):
        character = html.unescape(entity[0])
        if character == entity[0]:
            continue  # not an entity HTML knows
        parts.append(text[position : entity.start()])
        starts.extend(range(position, entity.start()))
        ends.extend(range(position + 1, entity.start() + 1))
        parts.append(character)
        starts.extend([entity.start()] * len(character))
        ends.extend([entity.end()] * len(character))
        position = entity.end()
    if not parts:  # "&foo;", no entity HTML knows
        unusual = {found for found in _UNUSUAL.findall(text) if not found.startswith("&")}
        return _as_read_unusual(text, unusual) if unusual else (text, None)
    parts.append(text[position:])
    starts.extend(range(position, len(text)))
    ends.extend(range(position + 1, len(text) + 1))
    read = "".join(parts)
    unusual = {found for found in _UNUSUAL.findall(read) if not found.startswith("&")}
    seen, inner = _as_read_unusual(read, unusual) if unusual else (read, None)
    if inner is None:
        return seen, (starts + [len(text)], ends)
    return seen, ([starts[index] for index in inner[:-1]] + [len(text)], [ends[index] for index in inner[:-1]])


def _origin_span(origins: Origins, start: int, end: int) -> tuple[int, int]:
    """A span of the text as read, as a span of the text it was read from."""
    if start < 0:
        return start, end
    starts, ends = origins if isinstance(origins, tuple) else (origins, None)
    if end <= start:
        return starts[start], starts[start]
    return starts[start], ends[end - 1] if ends is not None else starts[end - 1] + 1


def encodable(text: str) -> str:
    """RE2 matches UTF-8, which cannot hold the lone surrogates a JSON string may carry; each
    becomes U+FFFD, one character for one, so that match positions still index the text."""
    return _LONE_SURROGATE.sub("\ufffd", text)


SCREEN_AFTER = 200
"""Articles a screen lets pass before it compiles its sets. RE2 builds a set's automaton as texts
need it: over the first few hundred varied articles that costs about 1 ms an article (on the 121
benchmark pages, 0.8 ms a page more than asking each block), and the screen saves about 0.4 ms
an article after that (seed-shaped articles: 0.82 ms without it, 0.42 ms with it; measured
2026-11-25, with two sets). A short run,
`cleaner explain` or a small batch, is quicker without."""


class Screen:
    """Which blocks of an article each vocabulary may match, told by one RE2 set, one pass per block.

    A rule asks every block whether it matches a vocabulary, and almost every answer is no. So
    the vocabularies rules ask about (``Article.may_match``, ``Article.candidates``) go into an RE2
    set, and each block's stripped text is matched once against all of them: rules then look
    only at the blocks the set found for their vocabulary. A set matches each pattern anywhere
    in the text, with counted repeats relaxed, so it finds every block that `match`, `fullmatch`
    or `search` can match, and perhaps a few more. RE2 sets do not give up on long texts as
    single searches may: a block they do not find cannot match.

    The set holds only what rules ask about: the first question about a vocabulary is answered
    "any block may match", and the set is compiled again, with it, before the next article.
    It is first compiled after `start_after` articles (see `SCREEN_AFTER`). One set for all:
    RE2 builds its automaton as texts need it, so the first few hundred varied pages cost more
    (about 1.1 ms a page on the 121 benchmark pages, against 0.56 ms with the large vocabularies
    in a second set), but every block is then one call instead of two (22 us a page against 36
    warm; 24 against 45 on seed-shaped articles), which a batch of thousands pays back many
    times. A site's screen takes the vocabularies its overrides add; the others are its `base`'s.
    """

    def __init__(self, candidates: Iterable[Vocabulary], base: Screen | None = None, start_after: int = SCREEN_AFTER):
        self._base = base
        self._start_after = start_after
        self._candidates = frozenset(v for v in candidates if v and (base is None or not base.takes(v)))
        self._wanted: set[Vocabulary] = set()
        self._refused: set[Vocabulary] = set()
        self._compiled: tuple[Members, Any] = (_NO_MEMBERS, None)
        """The members the set answers for, in its order, and the set: replaced whole, so that a
        scan in another thread sees both old or both new."""
        self._scans = 0
        self._merged: tuple[Members, Members, Members] = (_NO_MEMBERS, _NO_MEMBERS, _NO_MEMBERS)

    def takes(self, vocabulary: Vocabulary) -> bool:
        """True if this screen (or its base) can learn to answer for `vocabulary`."""
        return vocabulary in self._candidates or (self._base is not None and self._base.takes(vocabulary))

    def want(self, vocabulary: Vocabulary) -> None:
        """Remember that a rule asked about `vocabulary`: scans from the next article answer for it."""
        if vocabulary in self._candidates:
            if vocabulary not in self._refused and vocabulary not in self._compiled[0].vocabularies:
                self._wanted.add(vocabulary)
        elif self._base is not None:
            self._base.want(vocabulary)

    def scan(self, texts: list[bytes | None]) -> tuple[Members, dict[int, set[int]]]:
        """``(answered, found)``: the vocabularies this scan answers for, and for those that may
        match, the indices of the `texts` (UTF-8 blocks; None for one not to scan) they may
        match, by the identity of the vocabulary (`Members.key`)."""
        answered, found = self._base.scan(texts) if self._base is not None else (_NO_MEMBERS, {})
        self.compile_pending()
        self._scans += 1
        members, compiled = self._compiled
        if compiled is None:
            return answered, found
        match = getattr(compiled, "_set", compiled).Match
        keys = members.keys
        for index, text in enumerate(texts):
            if text is not None:
                for member in match(text) or ():
                    key = keys[member]
                    if key in found:
                        found[key].add(index)
                    else:
                        found[key] = {index}
        return members if answered is _NO_MEMBERS else self._with_base(answered, members), found

    def _with_base(self, answered: Members, members: Members) -> Members:
        """The base's members and this screen's together, made again only when either set changed."""
        known = self._merged
        if known[0] is not answered or known[1] is not members:
            known = self._merged = (answered, members, answered | members)
        return known[2]

    def compile_pending(self, run_is_warm: bool = False) -> None:
        """Compile the set with the vocabularies asked about since, if the next scan is past
        `start_after`, or the run has cleaned that many articles with other screens (the screen
        of the articles in one language among many in others): the engine calls this before an
        article's time budget starts, so that the article does not pay for the set (a tenth of a
        second or more)."""
        if self._wanted and (run_is_warm or self._scans >= self._start_after):
            self._recompile()

    def _recompile(self) -> None:
        wanted, self._wanted = self._wanted - self._compiled[0].vocabularies, set()
        if not wanted:
            return
        members = sorted(self._compiled[0].vocabularies | wanted, key=lambda vocabulary: vocabulary.patterns)
        compiled = _compile_set(members)
        if compiled is None:
            self._refused |= wanted
            return
        self._compiled = (Members(members), compiled)


class Members:
    """The vocabularies a screen answers for, known by their identity: rules ask with the very
    vocabularies of their options, and hashing a vocabulary calls Python (as does `in` on a set of
    them), where an `id` is hashed in C. A vocabulary equal to a member but not that object (a
    site's options, validated apart) is found by its value."""

    __slots__ = ("vocabularies", "keys", "_by_key", "_key_by_value")

    def __init__(self, vocabularies: Iterable[Vocabulary] = ()):
        self._by_key = {id(vocabulary): vocabulary for vocabulary in vocabularies}
        """Holds the members, so that their ids stay theirs."""
        self._key_by_value = {vocabulary: id(vocabulary) for vocabulary in self._by_key.values()}
        self.vocabularies = frozenset(self._key_by_value)
        self.keys = list(self._by_key)
        """Each member's key, in the order given."""

    def key(self, vocabulary: Vocabulary) -> int | None:
        """The key of the member equal to `vocabulary` (its `id`), or None if it is no member."""
        key = id(vocabulary)
        if key in self._by_key:
            return key
        return self._key_by_value.get(vocabulary)

    def __or__(self, other: Members) -> Members:
        return Members([*self._by_key.values(), *other._by_key.values()])


_NO_MEMBERS = Members()


class ScreenedText:
    """An article's blocks, stripped, as read (`as_read`) and encoded, and what a screen found in each.

    Blocks given as None (long ones, see `SCREENED_MAX_WORDS`) are not scanned: every vocabulary
    may match them.
    """

    __slots__ = ("screen", "_answered", "_found", "_unscanned", "_unions", "_sets")

    def __init__(self, screen: Screen, texts: list[str | None]):
        self.screen = screen
        self._unscanned = frozenset(index for index, text in enumerate(texts) if text is None)
        read = iter(read_and_encode([text for text in texts if text is not None]))
        encoded = [None if text is None else next(read) for text in texts]
        self._answered, self._found = screen.scan(encoded)
        self._unions: dict[tuple[int, ...], list[int] | None] = {}
        self._sets: dict[int, set[int] | frozenset[int] | None] = {}

    def may_match(self, vocabulary: Vocabulary) -> bool:
        key = self._answered.key(vocabulary)
        if key is not None:
            return key in self._found or bool(self._unscanned)
        self.screen.want(vocabulary)
        return bool(vocabulary)

    def union(self, vocabularies: tuple[Vocabulary | None, ...]) -> list[int] | None:
        """Indices, in order, of the blocks that may match any of `vocabularies`; None where the
        screen cannot tell for one of them (or one is None). Remembered for the article, as every
        pass of the rules asks the same."""
        key = tuple(map(id, vocabularies))
        union = self._unions.get(key, _UNKNOWN)
        if union is _UNKNOWN:
            union = self._unions[key] = self._union(vocabularies)
        return union

    def _union(self, vocabularies: tuple[Vocabulary | None, ...]) -> list[int] | None:
        indices: set[int] | None = set()
        for vocabulary in vocabularies:
            found = None if vocabulary is None else self._candidates_of(vocabulary)
            if found is None:
                indices = None  # the others are still asked: the screen learns of them all at once
            elif indices is not None:
                indices.update(found)
        return None if indices is None else sorted(indices)

    def may_match_block(self, index: int, vocabulary: Vocabulary) -> bool:
        """False only if the block at `index` cannot match `vocabulary`."""
        found = self._candidates_of(vocabulary)
        return found is None or index in found

    def _candidates_of(self, vocabulary: Vocabulary) -> set[int] | frozenset[int] | None:
        """`candidates`, remembered for the article by the vocabulary's identity (hashing a
        vocabulary calls Python; rules ask about the same few a hundred times an article)."""
        found = self._sets.get(id(vocabulary), _UNKNOWN)
        if found is _UNKNOWN:
            found = self._sets[id(vocabulary)] = self.candidates(vocabulary)
        return found

    def candidates(self, vocabulary: Vocabulary) -> set[int] | frozenset[int] | None:
        """Indices of the blocks that may match, or None where the screen cannot tell yet."""
        key = self._answered.key(vocabulary)
        if key is None:
            self.screen.want(vocabulary)
            return None if vocabulary else _NONE
        found = self._found.get(key)
        if found is None:
            return self._unscanned
        return self._unscanned | found if self._unscanned else found


SCREENED_MAX_WORDS = 50
"""Longer blocks are not scanned by the screen: they are candidates of every vocabulary, and the
built-in rules pass them by their word count (none matches a pattern against a paragraph that
long; site rules do, directly). Long paragraphs are most of an article's bytes, and most of what
the screen's automaton would be built from."""


_NONE: frozenset[int] = frozenset()
_UNKNOWN = object()
"""What the remembered answers hold for a question not asked yet."""


def _compile_set(vocabularies: list[Vocabulary]):
    """One RE2 set of the vocabularies, or None if it is too big to compile.

    Counted repeats are relaxed (``x{0,30}`` to ``x*``): the set then matches a little more,
    which a screen may, and its automaton stays small; ``[...]{0,30}`` alone multiplies the
    states of every other pattern by thirty, and the memory a process holds with them.
    """
    options = re2.Options()
    options.case_sensitive = False
    options.max_mem = 32 << 20
    options.log_errors = False
    compiled = re2.Set.SearchSet(options)
    try:
        for vocabulary in vocabularies:
            compiled.Add(vocabulary.screen_pattern)
        compiled.Compile()
    except re2.error:
        return None
    return compiled


def screen_form(pattern: str) -> str:
    """A pattern that matches somewhere in every text `pattern` matches somewhere in, and is far
    cheaper to hold in a set: each top-level alternative is cut to its longest unbroken run of
    literals, its expensive parts (``.*``, ``\\pL``, ``[^...]``, anchors) dropped.
    A match of the whole holds a match of any unbroken middle run of literals, so a block the
    whole matches is still found; the longest run ("your inbox" rather than "news|best" in
    ``.*\\b(?:news|best)\\b.*\\bto your inbox``) makes the fewest blocks candidates. A set of a
    thousand patterns full of Unicode classes and ``.*`` builds an automaton state by state, each
    new text building new states; cut to their literal words, the patterns make a set that
    answers in a fraction of the time, and the rules still match their candidates with the whole
    patterns. "" (found everywhere) if nothing literal is left."""
    return "|".join(_longest_run(atoms) for atoms in _alternatives(pattern))


def _longest_run(atoms: list[tuple[str, str]]) -> str:
    """The screen form of the alternative's run of literals that holds the most of them."""
    starts = [0] + [
        index + 1 for index, (atom, quantifier) in enumerate(atoms[:-1])
        if atom not in _ZERO_WIDTH and _cheap_form(atom, quantifier) is None
    ]
    runs = [_screen_alternative(atoms[start:]) for start in starts]
    return max(runs, key=_literal_count)


def _literal_count(form: str) -> int:
    """How many characters any text the form matches must hold, counting a group by its shortest
    alternative and an optional part as none: how rarely the form is found."""
    if not form:
        return -1
    fewest = None
    for atoms in _alternatives(form):
        count = 0
        for atom, quantifier in atoms:
            if quantifier[:1] in ("*", "?") or quantifier.startswith("{0"):
                continue
            if atom.startswith("("):
                inner = atom[_GROUP_PREFIX.match(atom).end() : -1]
                count += max(_literal_count(inner), 0)
            elif atom not in _ZERO_WIDTH and atom not in ("\\s", " "):
                count += 1
        fewest = count if fewest is None else min(fewest, count)
    return fewest or 0


def _screen_alternative(atoms: list[tuple[str, str]], from_start: bool = False) -> str:
    """The run of cheap atoms after the leading expensive ones. Anchors and word boundaries are
    kept where they stand next to the run ("\\bap\\b", "...ad$"): cheap, and they keep short words
    from being found inside every other word. `from_start`: the alternative goes on a run kept
    before it, so its leading atoms may not be dropped: "" if the first is expensive."""
    kept: list[str] = []
    pending: list[str] = []
    for atom, quantifier in atoms:
        if atom in _ZERO_WIDTH:
            pending.append(atom)
            continue
        form = _cheap_form(atom, quantifier, after_run=bool(kept) or from_start)
        if form is not None and not kept and form != atom + quantifier and _literal_count(form) < 1:
            form = None  # a leading group cut down to a space finds every text
        if form is None:
            if kept:
                kept.extend(pending)
                break
            if from_start:
                return ""
            pending = []
            continue
        kept.extend(pending)
        pending = []
        kept.append(form)
        if form != atom + quantifier:
            break
    else:
        kept.extend(pending)
    return "".join(kept) if any(atom not in _ZERO_WIDTH for atom in kept) else ""


def _cheap_form(atom: str, quantifier: str, after_run: bool = False) -> str | None:
    """The atom as the screen may hold it: itself, a group cut short, or None where it is costly.
    A group `after_run` (a run of kept atoms before it) may be cut only at its end: what its
    alternatives open with stands between the run and the rest."""
    if atom.startswith("("):
        prefix = _GROUP_PREFIX.match(atom).group()
        inner = atom[len(prefix) : -1]
        alternatives = [_screen_alternative(atoms, from_start=after_run) for atoms in _alternatives(inner)]
        if not all(alternatives):
            return None
        form = "|".join(alternatives)
        if form == "|".join("".join(a + q for a, q in atoms) for atoms in _alternatives(inner)):
            return f"{prefix}{form}){quantifier}"
        optional = quantifier[:1] in ("*", "?") or quantifier.startswith("{0")
        return None if optional else f"{prefix}{form})"
    if atom in (".", "\\S", "\\W", "\\D") or atom.startswith(("\\p", "\\P", "[^")):
        return None
    if atom.startswith("[") and ("\\p" in atom or "\\P" in atom):
        return None
    return atom + quantifier




_ZERO_WIDTH = frozenset(("^", "$", "\\b", "\\B", "\\A", "\\z"))
_GROUP_PREFIX = re.compile(r"\((?:\?(?::|[imsU-]+:|P<\w+>))?")
_QUANTIFIER = re.compile(r"(?:[*+?]|\{\d+(?:,\d*)?\})\??")


def _alternatives(pattern: str) -> list[list[tuple[str, str]]]:
    """The top-level alternatives of `pattern`, each a list of (atom, quantifier)."""
    alternatives: list[list[tuple[str, str]]] = [[]]
    position, length = 0, len(pattern)
    while position < length:
        char = pattern[position]
        if char == "|":
            alternatives.append([])
            position += 1
            continue
        end = _atom_end(pattern, position)
        quantifier = _QUANTIFIER.match(pattern, end)
        alternatives[-1].append((pattern[position:end], quantifier.group() if quantifier else ""))
        position = quantifier.end() if quantifier else end
    return alternatives


def _atom_end(pattern: str, position: int) -> int:
    """Where the atom at `position` ends: an escape, a class, a group or one character."""
    char = pattern[position]
    if char == "\\":
        if pattern.startswith("Q", position + 1):
            closing = pattern.find("\\E", position + 2)
            return len(pattern) if closing < 0 else closing + 2
        if pattern[position + 1 : position + 2] in ("p", "P", "x") and pattern.startswith("{", position + 2):
            closing = pattern.find("}", position + 2)
            return len(pattern) if closing < 0 else closing + 1
        if pattern[position + 1 : position + 2] in ("p", "P"):
            return min(position + 3, len(pattern))  # a one-letter class: \pL, \PN
        if pattern[position + 1 : position + 2] == "x":
            return min(position + 4, len(pattern))  # two hex digits: \x41
        return position + 2
    if char == "[":
        position += 1
        position += pattern.startswith("^", position)
        position += pattern.startswith("]", position)
        while position < len(pattern) and pattern[position] != "]":
            if pattern[position] == "\\":
                position += 2
            elif pattern.startswith("[:", position):
                position = pattern.find(":]", position + 2) + 2 if pattern.find(":]", position + 2) >= 0 else len(pattern)
            else:
                position += 1
        return min(position + 1, len(pattern))
    if char == "(":
        depth = 0
        while position < len(pattern):
            char = pattern[position]
            if char == "\\" or char == "[":
                position = _atom_end(pattern, position)
                continue
            depth += char == "("
            depth -= char == ")"
            position += 1
            if depth == 0:
                return position
        return position
    return position + 1


def relax_counted_repeats(pattern: str) -> str:
    """`pattern` with every counted repeat ``{n}``, ``{n,}``, ``{n,m}`` made ``+`` (``*`` for n = 0).

    Escapes (``\\{``, ``\\p{Lu}``, ``\\x{41}``), ``\\Q...\\E`` and character classes are kept as they are.
    """
    out: list[str] = []
    position, length, in_class = 0, len(pattern), False
    while position < length:
        char = pattern[position]
        if char == "\\":
            end = position + 2
            if pattern.startswith("Q", position + 1):
                closing = pattern.find("\\E", end)
                end = length if closing < 0 else closing + 2
            elif end < length + 1 and pattern[position + 1 : end] in ("p", "P", "x") and pattern.startswith("{", end):
                closing = pattern.find("}", end)
                end = length if closing < 0 else closing + 1
            out.append(pattern[position:end])
            position = end
            continue
        if in_class:
            in_class = char != "]" or (out and out[-1] in ("[", "[^"))
            out.append(char)
        elif char == "[":
            in_class = True
            if pattern.startswith("^", position + 1):
                out.append("[^")
                position += 2
                continue
            out.append(char)
        elif char == "{" and (counted := _COUNTED.match(pattern, position)):
            out.append("+" if int(counted.group(1)) > 0 else "*")
            position = counted.end()
            continue
        else:
            out.append(char)
        position += 1
    return "".join(out)


_COUNTED = re.compile(r"\{(\d+)(?:,\d*)?\}")


def vocabularies_in(value: Any) -> Iterator[Vocabulary]:
    """Every vocabulary in a plugin's options: its fields (private ones too), their lists and nested models."""
    if isinstance(value, Vocabulary):
        yield value
    elif isinstance(value, BaseModel):
        for item in [*value.__dict__.values(), *(value.__pydantic_private__ or {}).values()]:
            yield from vocabularies_in(item)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from vocabularies_in(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from vocabularies_in(item)


_re2_internals = getattr(re2, "_re2", None)
_Anchor = getattr(getattr(_re2_internals, "RE2", None), "Anchor", None)
_Match = getattr(re2, "_Match", None)
_FAST = _Anchor is not None and _Match is not None
"""Whether RE2 can be asked directly on the UTF-8 bytes, skipping the Python wrapper.

google-re2's wrapper spends more time converting byte offsets to character offsets than RE2
spends matching, and almost every line of an article matches no vocabulary: asked directly,
RE2 answers "no match" at once, and a match's byte spans are converted here only where the text
is not ASCII. Where the wrapper's internals are not there (another google-re2 version), every
question goes through the wrapper, with the same answers.
"""
_UNANCHORED, _START, _BOTH = (
    (_Anchor.UNANCHORED, _Anchor.ANCHOR_START, _Anchor.ANCHOR_BOTH) if _Anchor else (None, None, None)
)
_NO_MATCH = (-1, -1)
_EDGES = re.compile(r"(?<!\[)\^|\$|\\[AzbB]")


def _character_spans(encoded: bytes, spans) -> list[tuple[int, int]]:
    """RE2's byte spans in `encoded` as character spans of the text it was encoded from."""
    return [(len(encoded[:start].decode()), len(encoded[:end].decode())) if start >= 0 else (start, end) for start, end in spans]


def _plain(build) -> core_schema.CoreSchema:
    return core_schema.no_info_plain_validator_function(
        build, serialization=core_schema.plain_serializer_function_ser_schema(_serialize)
    )


def _serialize(value: Vocabulary) -> Any:
    return value.patterns[0] if isinstance(value, Pattern) else list(value.patterns)


def _kind(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__
