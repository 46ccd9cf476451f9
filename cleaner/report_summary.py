"""What ``cleaner report`` counts over every record, in one pass and in memory that does not grow
with the number of records: articles and failed ones; blocks and words removed per plugin, per
rule and per site; the share of each article's words removed, as a histogram; errors by kind.

Memory grows with the number of distinct sites, rules and error kinds only, and each is capped:
past `MAX_SITES` sites (or `MAX_RULES` rules, `MAX_ERROR_KINDS` kinds) the new ones are counted
together in one "other" row, which the page shows as such. Words are counted as `cleaner.shapes.word_count` does
for a block.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .report_input import Problems, entries, text_of
from .report_sample import Candidate, Choice, ErrorKindKey, Pools, RuleKey, choose, priority
from .shapes import word_count

MAX_SITES = 100_000
MAX_RULES = 1_000
MAX_ERROR_KINDS = 200
NO_SITE = "(no site)"
OTHER_SITES = "(other sites)"
OTHER = "(other)"

SHARE_BINS = ["none", "under 10%", *(f"{low}–{low + 10}%" for low in range(10, 100, 10)), "all"]
"""Labels of the histogram of the share of an article's words removed: none, (0, 10%), [10%, 20%),
..., [90%, 100%), all."""


def share_bin(share: float) -> int:
    if share <= 0:
        return 0
    if share >= 1:
        return len(SHARE_BINS) - 1
    return 1 + min(int(share * 10), 9)


@dataclass
class Tally:
    """Removals of one rule or plugin: blocks, their words, the articles they were in, the longest block."""

    blocks: int = 0
    words: int = 0
    articles: int = 0
    longest: int = 0

    def count(self, blocks: int, words: int, longest: int, new_article: bool) -> None:
        self.blocks += blocks
        self.words += words
        self.longest = max(self.longest, longest)
        self.articles += new_article


@dataclass
class SiteTally:
    articles: int = 0
    failed: int = 0
    blocks: int = 0
    removed_words: int = 0
    words: int = 0
    plugins: Counter[str] = field(default_factory=Counter)
    example: tuple[int, int] | None = None
    """(priority, position) of the record of lowest priority: the site's example article."""


@dataclass
class ErrorKind:
    level: str
    stage: str
    plugin: str
    pattern: str
    count: int = 0
    example: str = ""
    """The first message of this kind, word for word."""


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_NUMBER = re.compile(r"\d+")
_SOURCE_SUFFIX = re.compile(r"[:#]\d+$")


def error_pattern(message: str, record: dict[str, Any]) -> str:
    """The message with what changes from article to article taken out (its file, id, quoted
    values and numbers), so that the same problem in many articles is one kind."""
    for name in (record.get("source"), record.get("id")):
        if isinstance(name, str):
            for part in (name, _SOURCE_SUFFIX.sub("", name)):
                if len(part) >= 4:  # a shorter one would be found inside words
                    message = message.replace(part, "…")
    return _NUMBER.sub("N", _QUOTED.sub("'…'", message))[:200]


class Summary:
    """Counts over all the records, and the pools of articles the page may show."""

    def __init__(self, sample_size: int):
        self.articles = 0
        self.failed = 0
        self.blocks = 0
        self.removed_words = 0
        self.words = 0
        self.rules: dict[RuleKey, Tally] = {}
        self.plugins: dict[str, Tally] = {}
        self.sites: dict[str, SiteTally] = {}
        self.shares = [0] * len(SHARE_BINS)
        self.no_words = 0
        self.error_kinds: dict[ErrorKindKey, ErrorKind] = {}
        self.problems = Problems()
        self.pools = Pools(sample_size)

    def add(self, position: int, record: dict[str, Any]) -> None:
        """Count one record, and offer it to the pools of articles to show."""
        metadata = record.get("metadata")
        site = text_of((metadata if isinstance(metadata, dict) else {}).get("site")) or NO_SITE
        text = record.get("text")
        per_rule, longest, longest_rule = self._removals(record)
        kinds, failed = self._errors(record)
        blocks = sum(counts[0] for counts in per_rule.values())
        removed_words = sum(counts[1] for counts in per_rule.values())
        words = removed_words + (word_count(text) if isinstance(text, str) else 0)
        share = removed_words / words if words else None

        self.articles += 1
        self.failed += failed
        self.blocks += blocks
        self.removed_words += removed_words
        self.words += words
        if share is None:
            self.no_words += 1
        else:
            self.shares[share_bin(share)] += 1
        record_priority = priority(record.get("id", position))
        site_tally = self._site(site)
        site_tally.articles += 1
        site_tally.failed += failed
        site_tally.blocks += blocks
        site_tally.removed_words += removed_words
        site_tally.words += words
        for (plugin, _), (rule_blocks, _, _) in per_rule.items():
            site_tally.plugins[plugin] += rule_blocks
        if site_tally.example is None or record_priority < site_tally.example[0]:
            site_tally.example = (record_priority, position)

        def candidate() -> Candidate:
            return Candidate(position, record_priority, site, frozenset(per_rule), failed, share, removed_words,
                             longest, longest_rule)

        self.pools.offer(candidate, record_priority, failed, share, removed_words, longest, per_rule, kinds)

    def _removals(self, record: dict[str, Any]) -> tuple[dict[RuleKey, list[int]], int, RuleKey | None]:
        """Count the record's removals per rule and plugin; return its [blocks, words, longest block]
        per rule, and its longest removed block with the rule that removed it."""
        per_rule: dict[RuleKey, list[int]] = {}
        longest = 0
        longest_rule = None
        for entry in entries(record, "removed"):
            rule = self._rule_key(text_of(entry.get("plugin")), text_of(entry.get("rule")))
            removed = entry.get("text")
            words = word_count(removed) if isinstance(removed, str) else 0
            counts = per_rule.setdefault(rule, [0, 0, 0])
            counts[0] += 1
            counts[1] += words
            counts[2] = max(counts[2], words)
            if words > longest:
                longest, longest_rule = words, rule
        plugins_seen = set()
        for rule, (blocks, words, rule_longest) in per_rule.items():
            self.rules[rule].count(blocks, words, rule_longest, new_article=True)
            plugin_tally = self.plugins.setdefault(rule[0], Tally())
            plugin_tally.count(blocks, words, rule_longest, new_article=rule[0] not in plugins_seen)
            plugins_seen.add(rule[0])
        return per_rule, longest, longest_rule

    def rule_key(self, plugin: str, rule: str) -> RuleKey:
        """The row a removal is counted in: its plugin and rule, or past `MAX_RULES` rules the "other" row."""
        key = (plugin, rule)
        return key if key in self.rules or len(self.rules) < MAX_RULES else (OTHER, OTHER)

    def _rule_key(self, plugin: str, rule: str) -> RuleKey:
        key = self.rule_key(plugin, rule)
        if key not in self.rules:
            self.rules[key] = Tally()
        return key

    def _site(self, site: str) -> SiteTally:
        tally = self.sites.get(site)
        if tally is None:
            if len(self.sites) >= MAX_SITES:
                site = OTHER_SITES
            tally = self.sites.setdefault(site, SiteTally())
        return tally

    def _errors(self, record: dict[str, Any]) -> tuple[list[ErrorKindKey], bool]:
        kinds = []
        failed = False
        for error in entries(record, "errors"):
            key = self.error_kind(error, record)
            failed = failed or key[0] == "error"
            kind = self.error_kinds.get(key)
            if kind is None:
                message = text_of(error.get("message"))[:500]
                kind = self.error_kinds[key] = ErrorKind(*key, example=message)
            kind.count += 1
            kinds.append(key)
        return kinds, failed

    def error_kind(self, error: dict[str, Any], record: dict[str, Any]) -> ErrorKindKey:
        """The row an error is counted in: its level, stage, plugin and pattern, or past `MAX_ERROR_KINDS` the level's "other" row."""
        level = text_of(error.get("level"))
        key = (level, text_of(error.get("stage")), text_of(error.get("plugin")), error_pattern(text_of(error.get("message")), record))
        if key in self.error_kinds or len(self.error_kinds) < MAX_ERROR_KINDS:
            return key
        return (level if level in ("error", "warning") else OTHER, OTHER, OTHER, OTHER)

    def biggest_sites(self) -> list[tuple[str, SiteTally]]:
        """Sites by articles, most first (the "no site" and "other sites" rows among them)."""
        return sorted(self.sites.items(), key=lambda item: (-item[1].articles, item[0]))

    def choose(self) -> Choice:
        sites = [(site, tally.example) for site, tally in self.biggest_sites()
                 if site not in (NO_SITE, OTHER_SITES) and tally.example is not None]
        return choose(
            self.pools,
            {rule: tally.blocks for rule, tally in self.rules.items()},
            {key: kind.count for key, kind in self.error_kinds.items()},
            sites,
            self.articles,
        )
