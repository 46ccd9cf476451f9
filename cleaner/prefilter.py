"""A cheap test that rules out most texts before a vocabulary's RE2 pattern runs on them.

Most lines of an article match no vocabulary, and asking RE2 costs microseconds a line through
its Python wrapper. So from the pattern's syntax we work out how any match can begin: the set of
its first few characters ("don’", "read ", "sign ", ...), with case folded. A text that does not
begin so (for ``match``, ``fullmatch``), or holds none of the first characters anywhere (for
``search``), cannot match, and RE2 is not asked; every other text goes to RE2 as before.

The test must never say no where RE2 would say yes. So any construct this module does not fully
understand (``\\pL``, ``.``, negated classes, big ranges) stands for "any character", after which
nothing more is assumed, and case is folded on both sides with classes built from every case
mapping Python knows (a superset of RE2's simple case folding) over the Basic Multilingual Plane.
No case mapping crosses out of that plane, so a character beyond it can only match itself or
another such character: a pattern that can begin with one gets no prefilter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

PREFIX = 5
"""How many leading characters of a match the test looks at."""
MAX_PREFIXES = 600
_ANY = frozenset({("", True)})
"""A (prefix, open) set: "" followed by anything. `open` means the match may go on past the prefix."""
_EMPTY = frozenset({("", False)})
_DIGITS = frozenset("0123456789")
_SPACES = frozenset("\t\n\f\r \v")
_WORD = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_ESCAPED_CHARS = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_CLASS_ESCAPES = {"d": _DIGITS, "s": _SPACES, "w": _WORD}
_MAX_RANGE = 512


class _GiveUp(Exception):
    pass


class Prefilter:
    """Says whether a text could match the pattern it was built from (``False`` only when it cannot).

    The prefixes are kept as a trie whose keys are every character of each prefix character's
    case class, so a text is walked as it is, without folding it first.
    """

    __slots__ = ("_trie", "_anywhere")

    def __init__(self, prefixes: Iterable[str]):
        self._trie: dict = {}
        for prefix in prefixes:
            node = self._trie
            for char in prefix:
                child = node.get(char)
                if child is None:
                    child = {}
                    for member in _case_class(char):
                        node[member] = child
                node = child
            node[_COMPLETE] = True
        firsts = {prefix[0] for prefix in prefixes}
        members = sorted({member for first in firsts for member in _case_class(first)})
        self._anywhere = re.compile("[" + "".join(map(_escape_in_class, members)) + "]")

    def could_match_at_start(self, text: str) -> bool:
        node = self._trie
        for char in text[:PREFIX]:
            node = node.get(char)
            if node is None:
                return False
            if _COMPLETE in node:
                return True
        return False

    def could_match_anywhere(self, text: str) -> bool:
        return self._anywhere.search(text) is not None


_COMPLETE = None
"""The trie key that marks the end of a prefix: a text that gets this far could match."""


def build_prefilter(pattern: str) -> Prefilter | None:
    """The test for one RE2 pattern, or None where the pattern can begin with anything."""
    try:
        parser = _Parser(pattern)
        prefixes = parser.alternation()
        if parser.position != len(pattern):
            raise _GiveUp
    except (_GiveUp, IndexError, ValueError):
        return None
    if any(prefix == "" or max(prefix) > "\uffff" for prefix, _ in prefixes):
        return None
    return Prefilter({prefix for prefix, _ in prefixes})


class _Parser:
    """Computes the possible (prefix, open) pairs of an RE2 pattern's matches, up to `PREFIX` long."""

    def __init__(self, pattern: str):
        self.pattern = pattern
        self.position = 0

    def _peek(self) -> str | None:
        return self.pattern[self.position] if self.position < len(self.pattern) else None

    def _take(self) -> str:
        char = self.pattern[self.position]
        self.position += 1
        return char

    def alternation(self) -> frozenset[tuple[str, bool]]:
        result = set(self.concatenation())
        while self._peek() == "|":
            self._take()
            result |= self.concatenation()
        return _limit(result)

    def concatenation(self) -> frozenset[tuple[str, bool]]:
        result = _EMPTY
        while self._peek() not in (None, "|", ")"):
            result = _concat(result, self.repetition())
        return result

    def repetition(self) -> frozenset[tuple[str, bool]]:
        atom = self.atom()
        while True:
            char = self._peek()
            if char in ("*", "+", "?"):
                self._take()
                low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[char]
            elif char == "{" and (bounds := self._bounds()) is not None:
                low, high = bounds
            else:
                return atom
            if self._peek() == "?":
                self._take()
            atom = _repeat(atom, low, high)

    def _bounds(self) -> tuple[int, int | None] | None:
        match = re.match(r"\{(\d+)(,(\d*))?\}", self.pattern[self.position :])
        if match is None:
            return None
        self.position += match.end()
        low = int(match.group(1))
        if match.group(2) is None:
            return low, low
        return low, int(match.group(3)) if match.group(3) else None

    def atom(self) -> frozenset[tuple[str, bool]]:
        char = self._take()
        if char == "(":
            return self._group()
        if char == "[":
            return _chars(self._class())
        if char == "\\":
            return self._escape()
        if char == ".":
            return _ANY
        if char in "^$":
            return _EMPTY
        if char in "*+?{)|":
            raise _GiveUp
        return frozenset({(char, False)})

    def _group(self) -> frozenset[tuple[str, bool]]:
        if self._peek() == "?":
            self._take()
            if self._peek() == "P" or self._peek() == "<":
                end = self.pattern.index(">", self.position)
                self.position = end + 1
            else:
                flags = re.match(r"[imsU-]*", self.pattern[self.position :]).group()
                self.position += len(flags)
                closing = self._take()
                if closing == ")":
                    return _EMPTY
                if closing != ":":
                    raise _GiveUp
        inner = self.alternation()
        if self._take() != ")":
            raise _GiveUp
        return inner

    def _escape(self) -> frozenset[tuple[str, bool]]:
        char = self._take()
        if char in _CLASS_ESCAPES:
            return _chars(_CLASS_ESCAPES[char])
        if char in "bBAz":
            return _EMPTY
        if char in _ESCAPED_CHARS:
            return frozenset({(_ESCAPED_CHARS[char], False)})
        if char in "pP":
            if self._take() == "{":
                self.position = self.pattern.index("}", self.position) + 1
            return _ANY
        if char in "DSWC":
            return _ANY
        if char.isalnum():
            raise _GiveUp
        return frozenset({(char, False)})

    def _class(self) -> frozenset[str] | None:
        """The characters of a ``[...]`` class, or None for "too many to list"."""
        negated = self._peek() == "^"
        if negated:
            self._take()
        chars: set[str] = set()
        unknown = False
        first = True
        while True:
            char = self._take()
            if char == "]" and not first:
                break
            first = False
            if char == "[" and self._peek() == ":":
                self.position = self.pattern.index(":]", self.position) + 2
                unknown = True
                continue
            if char == "\\":
                escape = self._take()
                if escape in _CLASS_ESCAPES:
                    chars |= _CLASS_ESCAPES[escape]
                    continue
                if escape in "pP":
                    if self._take() == "{":
                        self.position = self.pattern.index("}", self.position) + 1
                    unknown = True
                    continue
                if escape in "DSW":
                    unknown = True
                    continue
                if escape.isalnum() and escape not in _ESCAPED_CHARS:
                    raise _GiveUp
                char = _ESCAPED_CHARS.get(escape, escape)
            if self._peek() == "-" and self.pattern[self.position + 1] != "]":
                self._take()
                end = self._take()
                if end == "\\":
                    escape = self._take()
                    if escape.isalnum() and escape not in _ESCAPED_CHARS:
                        raise _GiveUp
                    end = _ESCAPED_CHARS.get(escape, escape)
                if ord(end) - ord(char) > _MAX_RANGE:
                    unknown = True
                else:
                    chars.update(chr(code) for code in range(ord(char), ord(end) + 1))
                continue
            chars.add(char)
        return None if negated or unknown else frozenset(chars)


def _chars(chars: frozenset[str] | None) -> frozenset[tuple[str, bool]]:
    return _ANY if chars is None else frozenset((char, False) for char in chars)


def _concat(left: frozenset[tuple[str, bool]], right: frozenset[tuple[str, bool]]) -> frozenset[tuple[str, bool]]:
    if len(left) * len(right) > 4 * MAX_PREFIXES:
        right = _limit(set(right), max(1, 4 * MAX_PREFIXES // len(left)))
    if len(left) * len(right) > 4 * MAX_PREFIXES:
        left = _limit(set(left), MAX_PREFIXES)
    result = set()
    for prefix, open in left:
        if open:
            result.add((prefix, True))
            continue
        for suffix, suffix_open in right:
            joined = prefix + suffix
            if len(joined) >= PREFIX:
                result.add((joined[:PREFIX], True))
            else:
                result.add((joined, suffix_open))
    return _limit(result)


def _repeat(atom: frozenset[tuple[str, bool]], low: int, high: int | None) -> frozenset[tuple[str, bool]]:
    """``atom{low,high}``: after PREFIX copies every prefix is full or open, so more add nothing new."""
    result = _EMPTY
    for _ in range(min(low, PREFIX + 1)):
        result = _concat(result, atom)
    optional = set(result)
    extra = PREFIX + 1 if high is None else min(high - low, PREFIX + 1)
    current = result
    for _ in range(extra):
        current = _concat(current, atom)
        if current <= optional:
            break
        optional |= current
    return _limit(optional)


def _limit(prefixes: set[tuple[str, bool]], most: int = MAX_PREFIXES) -> frozenset[tuple[str, bool]]:
    """Shorten the prefixes (making them open) until there are few enough to keep."""
    length = PREFIX
    while len(prefixes) > most and length > 0:
        length -= 1
        prefixes = {(prefix[:length], True) if len(prefix) > length else (prefix, open) for prefix, open in prefixes}
    return frozenset(prefixes)


def _escape_in_class(char: str) -> str:
    return "\\" + char if char in "\\]^-[" else char


@lru_cache(maxsize=1)
def _case_classes() -> dict[str, frozenset[str]]:
    """Characters of the Basic Multilingual Plane that any case mapping ties to others, by class."""
    parent: dict[str, str] = {}

    def find(char: str) -> str:
        while parent.get(char, char) != char:
            char = parent[char]
        return char

    for code in range(0x10000):
        char = chr(code)
        for other in (char.lower(), char.upper(), char.casefold(), char.title()):
            if len(other) == 1 and other != char:
                a, b = find(char), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    classes: dict[str, set[str]] = {}
    for char in parent:
        classes.setdefault(find(char), set()).add(char)
    for root, members in classes.items():
        members.add(root)
    return {member: frozenset(members) for members in classes.values() for member in members}


def _case_class(char: str) -> frozenset[str]:
    return _case_classes().get(char, frozenset({char}))
