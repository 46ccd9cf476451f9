"""Patterns from config.yaml, compiled with RE2 so that no pattern can hang a run.

RE2 matches in time linear in the input, whatever the pattern: ``(a+)+$`` on a long line is as
quick as any other. It has no backreferences or lookaround; such a pattern is a config error.
Its ``\\w`` and ``\\b`` are ASCII-only: write ``\\pL`` for a letter in any script.
"""

from __future__ import annotations

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

    __slots__ = ("patterns", "_regex", "_probe", "_prefilter")

    def __init__(self, patterns: Sequence[str] = ()):
        self.patterns = tuple(patterns)
        for index, pattern in enumerate(self.patterns):
            try:
                compile_pattern(pattern)
            except PatternError as error:
                raise PatternError(f"item {index}: {error}") from None
        joined = "|".join(f"(?:{pattern})" for pattern in self.patterns)
        self._regex = compile_pattern(joined) if self.patterns else None
        self._probe = _probe(self._regex)
        self._prefilter = build_prefilter(joined) if self.patterns else None

    def match(self, text: str):
        if self._prefilter is not None and not self._prefilter.could_match_at_start(text):
            return None
        if self._probe is not None and not self._probe(_START, text):
            return None
        return self._regex.match(text) if self._regex else None

    def fullmatch(self, text: str):
        if self._prefilter is not None and not self._prefilter.could_match_at_start(text):
            return None
        if self._probe is not None and not self._probe(_BOTH, text):
            return None
        return self._regex.fullmatch(text) if self._regex else None

    def search(self, text: str):
        if self._prefilter is not None and not self._prefilter.could_match_anywhere(text):
            return None
        if self._probe is not None and not self._probe(_UNANCHORED, text):
            return None
        return self._regex.search(text) if self._regex else None

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


_Anchor = getattr(getattr(getattr(re2, "_re2", None), "RE2", None), "Anchor", None)
_UNANCHORED, _START, _BOTH = (
    (_Anchor.UNANCHORED, _Anchor.ANCHOR_START, _Anchor.ANCHOR_BOTH) if _Anchor else (None, None, None)
)
_NO_MATCH = (-1, -1)


def _probe(regex):
    """A quick yes/no test that skips the wrapper's Match object where there is no match.

    Almost every line of an article matches no vocabulary, and google-re2's Python wrapper spends
    more time building offsets than RE2 spends matching. The probe asks RE2 itself, on the UTF-8
    bytes, and only a hit goes through the wrapper to build the Match. Where the wrapper's
    internals are not there (another google-re2 version), there is no probe and nothing changes.
    """
    compiled = getattr(regex, "_regexp", None)
    if compiled is None or _Anchor is None or not hasattr(compiled, "Match"):
        return None
    match = compiled.Match

    def probe(anchor, text: str) -> bool:
        encoded = text.encode()
        return match(anchor, encoded, 0, len(encoded))[0] != _NO_MATCH

    return probe


def _plain(build) -> core_schema.CoreSchema:
    return core_schema.no_info_plain_validator_function(
        build, serialization=core_schema.plain_serializer_function_ser_schema(_serialize)
    )


def _serialize(value: Vocabulary) -> Any:
    return value.patterns[0] if isinstance(value, Pattern) else list(value.patterns)


def _kind(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__
