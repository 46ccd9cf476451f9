"""`cleaner.report_sample`: bounded pools kept in one pass, the same whatever the order of the
records, and a choice that covers every rule within the size asked for."""

import random

from cleaner.report_sample import BottomK, Candidate, Pools, TopK, choose, priority


def candidate(position, rules=(), failed=False, share=None, longest=0, site="a.example"):
    return Candidate(position, priority(f"id{position}"), site, frozenset(rules), failed, share, 0, longest,
                     next(iter(rules), None))


def test_priority_is_stable_and_spread():
    assert priority("abc") == priority("abc") != priority("abd")
    assert len({priority(n) >> 60 for n in range(200)}) == 16


def test_bottom_k_keeps_the_lowest_priorities_in_any_order():
    candidates = [candidate(n) for n in range(500)]
    expected = sorted(candidates, key=lambda c: c.priority)[:7]
    for seed in range(3):
        random.Random(seed).shuffle(candidates)
        pool = BottomK(7)
        for c in candidates:
            if pool.accepts(c.priority):
                pool.add(c)
        assert pool.candidates() == expected


def test_top_k_keeps_the_largest_keys():
    pool = TopK(3)
    for n in range(100):
        key = (n % 37, -n)
        if pool.accepts(key):
            pool.add(key, candidate(n))
    assert [c.position for c in pool.candidates()] == [36, 73, 35]


def fill(pools, candidates):
    for c in candidates:
        pools.offer(lambda c=c: c, c.priority, c.failed, c.share, 0, c.longest, c.rules, ())


def test_pools_stay_bounded_however_many_records():
    pools = Pools(20)
    fill(pools, (candidate(n, rules=[("p", f"r{n % 4}")], failed=n % 3 == 0, share=n % 10 / 10, longest=n % 50)
                 for n in range(20_000)))
    kept = {c.position for pool in [pools.everything, pools.failed, pools.lost, pools.long_blocks, *pools.rules.values()]
            for c in pool.candidates()}
    assert len(pools.everything.candidates()) == 20 and len(pools.failed.candidates()) == 2
    assert len(kept) <= 20 + 2 + 2 + 2 + 4 * 5


def test_the_choice_covers_every_rule_and_failed_and_worst_articles_within_its_size():
    candidates = [candidate(n, rules=[("promo", "item")], share=0.1, longest=3) for n in range(1000)]
    candidates[500] = candidate(500, rules=[("rare", "once")], share=0.1, longest=3)
    candidates[600] = candidate(600, rules=[("promo", "item")], share=0.97, longest=3)
    candidates[700] = candidate(700, rules=[("promo", "item")], share=0.1, longest=400)
    candidates[800] = candidate(800, failed=True)
    pools = Pools(10)
    fill(pools, candidates)
    choice = choose(pools, {("promo", "item"): 998, ("rare", "once"): 1}, {}, [], 1000)
    positions = [c.position for c in choice.picks]
    assert len(positions) == 10 == len(set(positions))
    assert positions[:2] == [800, 500], "the failed article, then the rarest rule"
    assert {600, 700} <= choice.first and 800 in choice.first
    assert choice.reasons[500] == "example of rare/once"
    assert choice.reasons[600] == "lost 97% of its words"
    assert choice.reasons[700] == "promo/item removed a block of 400 words"
    assert sum(added for _, added in choice.steps) == 10


def test_every_article_is_chosen_when_there_are_no_more_than_the_size():
    pools = Pools(10)
    fill(pools, [candidate(n) for n in range(10)])
    choice = choose(pools, {}, {}, [], 10)
    assert choice.everything and [c.position for c in choice.picks] == list(range(10))


def test_the_biggest_sites_not_yet_shown_get_their_example():
    pools = Pools(30)
    fill(pools, [candidate(n, site="big.example") for n in range(100)])
    sites = [("big.example", (1, 0)), ("second.example", (5, 1000)), ("third.example", (7, 2000))]
    choice = choose(pools, {}, {}, sites, 103)
    assert {1000, 2000} <= {c.position for c in choice.picks}
    assert choice.reasons[1000] == "from second.example, one of the biggest sites"


def test_failed_articles_take_at_most_a_tenth_of_the_page_however_many_error_kinds():
    pools = Pools(20)
    kinds = {("error", "read", "", f"kind {n}"): 1 for n in range(50)}
    for n, kind in enumerate(kinds):
        c = candidate(n, failed=True)
        pools.offer(lambda c=c: c, c.priority, True, None, 0, 0, (), [kind])
    fill(pools, [candidate(n) for n in range(50, 500)])
    choice = choose(pools, {}, kinds, [], 500)
    assert sum(c.failed for c in choice.picks) == 2 and len(choice.picks) == 20
