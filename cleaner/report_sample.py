"""Which articles ``cleaner report`` shows when there are too many to show them all.

While the records stream past, bounded pools keep the few that could be shown: for every rule,
every error kind and every site, the records of lowest priority (a bottom-k sample, which is a
uniform random sample when the priority is a hash of the record's id); the failed articles, and a
uniform sample of all, the same way; the articles that lost the largest share of their words and
those with the longest removed block, in bounded heaps. A pool holds a `Candidate` (a position in
the input and what the choice needs to know), never the record, so memory does not grow with the
number of records. Priorities hash the record's id, so the same records give the same page, in
any order.

`choose` then picks at most `size` articles, each once, in this order: failed articles (one for
each error kind first); one for each rule that removed anything, the rarest rules first; the
articles that lost most of their words; those where a rule removed the longest blocks; one for each
warning kind; one from each of the biggest sites not shown yet; more examples of each rule; and
the rest at random.
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

RuleKey = tuple[str, str]
ErrorKindKey = tuple[str, str, str, str]

EXAMPLES_PER_RULE = 5
EXAMPLES_PER_ERROR_KIND = 2
SITES_REPRESENTED = 20


def priority(key: Any) -> int:
    """A stable pseudo-random number for a record, from its id: the same in every run."""
    data = str(key).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


class Candidate:
    """A record that may be shown: where it is, and what choosing among candidates needs."""

    __slots__ = ("position", "priority", "site", "rules", "failed", "share", "removed_words", "longest", "longest_rule")

    def __init__(self, position: int, priority: int, site: str, rules: frozenset[RuleKey], failed: bool,
                 share: float | None, removed_words: int, longest: int, longest_rule: RuleKey | None):
        self.position = position
        self.priority = priority
        self.site = site
        self.rules = rules
        self.failed = failed
        self.share = share
        self.removed_words = removed_words
        self.longest = longest
        self.longest_rule = longest_rule


class BottomK:
    """The `k` candidates of lowest priority offered so far."""

    __slots__ = ("k", "_heap")

    def __init__(self, k: int):
        self.k = k
        self._heap: list[tuple[int, int, Candidate]] = []

    def accepts(self, priority: int) -> bool:
        return len(self._heap) < self.k or priority < -self._heap[0][0]

    def add(self, candidate: Candidate) -> None:
        entry = (-candidate.priority, -candidate.position, candidate)
        if len(self._heap) < self.k:
            heapq.heappush(self._heap, entry)
        else:
            heapq.heapreplace(self._heap, entry)

    def candidates(self) -> list[Candidate]:
        """Lowest priority first."""
        return [candidate for _, _, candidate in sorted(self._heap, reverse=True)]


class TopK:
    """The `k` candidates of largest key offered so far (ties: lowest priority)."""

    __slots__ = ("k", "_heap")

    def __init__(self, k: int):
        self.k = k
        self._heap: list[tuple[tuple, Candidate]] = []

    def accepts(self, key: tuple) -> bool:
        return len(self._heap) < self.k or key > self._heap[0][0]

    def add(self, key: tuple, candidate: Candidate) -> None:
        if len(self._heap) < self.k:
            heapq.heappush(self._heap, (key, candidate))
        else:
            heapq.heapreplace(self._heap, (key, candidate))

    def candidates(self) -> list[Candidate]:
        """Largest key first."""
        return [candidate for _, candidate in sorted(self._heap, key=lambda entry: entry[0], reverse=True)]


class Pools:
    """The candidates kept while the records stream past, for a page of `size` articles."""

    def __init__(self, size: int):
        self.size = size
        self.quota = max(1, size // 10)
        self.everything = BottomK(size)
        self.failed = BottomK(self.quota)
        self.lost = TopK(self.quota)
        self.long_blocks = TopK(self.quota)
        self.rules: dict[RuleKey, BottomK] = {}
        self.error_kinds: dict[ErrorKindKey, BottomK] = {}

    def offer(self, make: Callable[[], Candidate], priority: int, failed: bool, share: float | None,
              removed_words: int, longest: int, rules: Iterable[RuleKey], kinds: Iterable[ErrorKindKey]) -> None:
        """Keep the record in every pool that wants it; `make` builds its candidate, only if one does."""
        candidate: Candidate | None = None

        def kept() -> Candidate:
            nonlocal candidate
            if candidate is None:
                candidate = make()
            return candidate

        if self.everything.accepts(priority):
            self.everything.add(kept())
        if failed and self.failed.accepts(priority):
            self.failed.add(kept())
        if share:
            key = (share, removed_words, -priority)
            if self.lost.accepts(key):
                self.lost.add(key, kept())
        if longest:
            key = (longest, -priority)
            if self.long_blocks.accepts(key):
                self.long_blocks.add(key, kept())
        examples: tuple[tuple[dict[Any, BottomK], Iterable[Any], int], ...] = (
            (self.rules, rules, EXAMPLES_PER_RULE),
            (self.error_kinds, kinds, EXAMPLES_PER_ERROR_KIND),
        )
        for pools, keys, size in examples:
            for key in keys:
                pool = pools.get(key)
                if pool is None:
                    pool = pools[key] = BottomK(size)
                if pool.accepts(priority):
                    pool.add(kept())

    def examples(self) -> Iterator[Candidate]:
        """The candidates kept as examples of a rule or an error kind."""
        for pool in itertools.chain(self.rules.values(), self.error_kinds.values()):
            yield from pool.candidates()


@dataclass
class Choice:
    """The articles to show, in the order chosen: why each was chosen, and how many each step added.

    `first` are those a reviewer should see first (failed, lost most words, lost a long block);
    `everything` says there were no more articles than the page shows.
    """

    picks: list[Candidate] = field(default_factory=list)
    reasons: dict[int, str] = field(default_factory=dict)
    first: set[int] = field(default_factory=set)
    steps: list[tuple[str, int]] = field(default_factory=list)
    everything: bool = False


def choose(pools: Pools, rule_blocks: dict[RuleKey, int], error_kind_counts: dict[ErrorKindKey, int],
           sites: list[tuple[str, tuple[int, int]]], articles: int) -> Choice:
    """At most `pools.size` articles, each once, chosen in the order the module docstring gives.

    `rule_blocks` counts every rule's removals (for rarest first), `error_kind_counts` every error
    kind's errors, `sites` is the biggest sites first with the (priority, position) of each one's
    example record.
    """
    if articles <= pools.size:
        return Choice(sorted(pools.everything.candidates(), key=lambda c: c.position), everything=True)
    choice = Choice()
    covered: set[RuleKey] = set()
    rules = sorted(rule_blocks, key=lambda rule: (rule_blocks[rule], rule))

    def take(candidates: Iterable[Candidate], limit: int, why: Callable[[Candidate], str], first: bool = False) -> int:
        added = 0
        for candidate in candidates:
            if added >= limit or len(choice.picks) >= pools.size:
                break
            if candidate.position not in choice.reasons:
                choice.reasons[candidate.position] = why(candidate)
                if first:
                    choice.first.add(candidate.position)
                covered.update(candidate.rules)
                choice.picks.append(candidate)
                added += 1
        return added

    def kinds_of(level: str) -> list[ErrorKindKey]:
        found = [kind for kind in error_kind_counts if kind[0] == level and kind in pools.error_kinds]
        return sorted(found, key=lambda kind: (-error_kind_counts[kind], kind))

    def example_of(rule: RuleKey, label: str = "example") -> Callable[[Candidate], str]:
        return lambda candidate: f"{label} of {rule[0]}/{rule[1]}"

    def failed(candidate: Candidate) -> str:
        return "failed"

    quota = pools.quota
    added = 0
    for kind in kinds_of("error"):
        added += take(pools.error_kinds[kind].candidates()[:1], quota - added, failed, first=True)
    added += take(pools.failed.candidates(), quota - added, failed, first=True)
    choice.steps.append(("failed articles (up to a tenth of the page), one of each error kind first", added))

    added = 0
    for rule in rules:
        if rule not in covered and rule in pools.rules:
            added += take(pools.rules[rule].candidates()[:1], 1, example_of(rule))
    choice.steps.append(("one for each rule that removed anything, the rarest rules first", added))

    added = take(pools.lost.candidates(), quota, lambda c: f"lost {c.share:.0%} of its words", first=True)
    choice.steps.append(("the articles that lost the largest share of their words", added))
    added = take(pools.long_blocks.candidates(), quota, lambda c: f"{c.longest_rule[0]}/{c.longest_rule[1]} "
                 f"removed a block of {c.longest} words", first=True)
    choice.steps.append(("the articles where a rule removed the longest blocks", added))
    added = 0
    for kind in kinds_of("warning"):
        added += take(pools.error_kinds[kind].candidates()[:1], quota - added, lambda c, kind=kind: f"{kind[1]} warning")
    choice.steps.append(("one for each kind of warning (up to a tenth of the page)", added))

    shown_sites = {candidate.site for candidate in choice.picks}
    added = 0
    for site, (site_priority, position) in sites[:SITES_REPRESENTED]:
        if site not in shown_sites:
            example = Candidate(position, site_priority, site, frozenset(), False, None, 0, 0, None)
            added += take([example], 1, lambda c: f"from {c.site}, one of the biggest sites")
    choice.steps.append((f"one from each of the {SITES_REPRESENTED} sites with most articles", added))

    added = 0
    limit = pools.size * 3 // 4
    for wanted in range(2, EXAMPLES_PER_RULE + 1):
        for rule in rules:
            if len(choice.picks) >= limit:
                break
            examples = sum(1 for candidate in choice.picks if rule in candidate.rules)
            if examples < wanted and rule in pools.rules:
                added += take(pools.rules[rule].candidates(), 1, example_of(rule, "another example"))
    choice.steps.append((f"more examples of each rule, up to {EXAMPLES_PER_RULE} (until three quarters of the page)", added))

    choice.steps.append(("the rest at random", take(pools.everything.candidates(), pools.size, lambda c: "at random")))
    return choice
