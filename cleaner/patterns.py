"""Patterns from config.yaml, compiled with RE2 so that no pattern can hang a run.

RE2 matches in time linear in the input, whatever the pattern: ``(a+)+$`` on a long line is as
quick as any other. It has no backreferences or lookaround; such a pattern is a config error.
Its ``\\w`` and ``\\b`` are ASCII-only: write ``\\pL`` for a letter in any script.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import re2
from pydantic_core import PydanticCustomError, core_schema

from .prefilter import build_prefilter


class PatternError(ValueError):
    pass


def compile_pattern(pattern: str, *, ignore_case: bool = True):
    """Compile one user pattern, raising `PatternError` with RE2's reason."""
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
    as `Vocabulary` and call `match` (from the start of the text), `fullmatch` or `search`.
    """

    __slots__ = ("patterns", "_regex", "_direct", "_prefilter")

    def __init__(self, patterns: Sequence[str] = ()):
        self.patterns = tuple(patterns)
        for index, pattern in enumerate(self.patterns):
            try:
                compile_pattern(pattern)
            except PatternError as error:
                raise PatternError(f"item {index}: {error}") from None
        joined = "|".join(f"(?:{pattern})" for pattern in self.patterns)
        self._regex = compile_pattern(joined) if self.patterns else None
        self._direct = _direct(self._regex)
        self._prefilter = build_prefilter(joined) if self.patterns else None

    def match(self, text: str):
        return self._find(_START, text, "match")

    def fullmatch(self, text: str):
        return self._find(_BOTH, text, "fullmatch")

    def search(self, text: str):
        return self._find(_UNANCHORED, text, "search")

    def which(self, text: str) -> str | None:
        """The first pattern that matches the whole of `text`: to tell a person which rule decided."""
        for pattern in self.patterns:
            if compile_pattern(pattern).fullmatch(_encodable(text)):
                return pattern
        return None

    def _find(self, anchor, text: str, method: str):
        """RE2's answer, asked the cheapest way: prefilter, then RE2 directly, then the wrapper."""
        if self._regex is None:
            return None
        if self._prefilter is not None:
            prefilter = self._prefilter
            could = prefilter.could_match_anywhere if method == "search" else prefilter.could_match_at_start
            if not could(text):
                return None
        try:
            return self._ask_re2(anchor, text, method)
        except UnicodeEncodeError:
            return self._ask_re2(anchor, _encodable(text), method)

    def _ask_re2(self, anchor, text: str, method: str):
        if self._direct is not None:
            found = self._direct(anchor, text)
            if found is not _ASK_WRAPPER:
                return found
        return getattr(self._regex, method)(text)

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Vocabulary) and other.patterns == self.patterns

    def __hash__(self) -> int:
        return hash(self.patterns)

    def __repr__(self) -> str:
        return f"Vocabulary({list(self.patterns)!r})"

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


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _encodable(text: str) -> str:
    """RE2 matches UTF-8, which cannot hold the lone surrogates a JSON string may carry; each
    becomes U+FFFD, one character for one, so that match positions still index the text."""
    return _LONE_SURROGATE.sub("\ufffd", text)


_Anchor = getattr(getattr(getattr(re2, "_re2", None), "RE2", None), "Anchor", None)
_UNANCHORED, _START, _BOTH = (
    (_Anchor.UNANCHORED, _Anchor.ANCHOR_START, _Anchor.ANCHOR_BOTH) if _Anchor else (None, None, None)
)
_NO_MATCH = (-1, -1)


_ASK_WRAPPER = object()


def _direct(regex):
    """Match through RE2 itself, skipping the wrapper's offset conversion where it is not needed.

    google-re2's Python wrapper spends more time converting byte offsets to character offsets
    than RE2 spends matching. Asked directly on the UTF-8 bytes, RE2 answers "no match" at once
    (almost every line of an article matches no vocabulary), and on ASCII text, where byte and
    character offsets are the same, its spans make the wrapper's own Match object. Only a match
    in non-ASCII text goes through the wrapper. Where the wrapper's internals are not there
    (another google-re2 version), there is no shortcut and nothing changes.
    """
    compiled = getattr(regex, "_regexp", None)
    match_class = getattr(re2, "_Match", None)
    if compiled is None or match_class is None or _Anchor is None or not hasattr(compiled, "Match"):
        return None
    match = compiled.Match

    def direct(anchor, text: str):
        encoded = text.encode()
        spans = match(anchor, encoded, 0, len(encoded))
        if spans[0] == _NO_MATCH:
            return None
        if len(encoded) == len(text):
            return match_class(regex, text, 0, len(text), spans)
        return _ASK_WRAPPER

    return direct


def _plain(build) -> core_schema.CoreSchema:
    return core_schema.no_info_plain_validator_function(
        build, serialization=core_schema.plain_serializer_function_ser_schema(_serialize)
    )


def _serialize(value: Vocabulary) -> Any:
    return value.patterns[0] if isinstance(value, Pattern) else list(value.patterns)


def _kind(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__
