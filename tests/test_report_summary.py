"""`cleaner.report_summary`: counts over every record (per rule, plugin and site, the share of
words removed, errors by kind), with sites, rules and error kinds capped."""

from cleaner import report_summary
from cleaner.report_summary import NO_SITE, OTHER, OTHER_SITES, SHARE_BINS, Summary, error_pattern, share_bin


def record(id, site=None, removed=(), text="one two three four five six", errors=()):
    return {
        "id": id,
        "source": f"in/{id}.txt",
        "text": text,
        "metadata": {"site": site},
        "removed": [{"plugin": p, "rule": r, "text": t, "reason": "why", "block": n} for n, (p, r, t) in enumerate(removed)],
        "errors": list(errors),
    }


def test_removals_are_counted_per_rule_plugin_and_site():
    summary = Summary(10)
    summary.add(0, record("a", "x.example", [("promo", "heading", "Read more"), ("promo", "item", "A B C"),
                                             ("promo", "item", "D E")]))
    summary.add(1, record("b", "x.example", [("captions", "credit", "Photo: Reuters")]))
    summary.add(2, record("c", None, [("promo", "item", "F")], text=""))
    assert (summary.articles, summary.failed, summary.blocks, summary.removed_words) == (3, 0, 5, 10)
    assert summary.words == 10 + 12
    item = summary.rules["promo", "item"]
    assert (item.blocks, item.words, item.articles, item.longest) == (3, 6, 2, 3)
    promo = summary.plugins["promo"]
    assert (promo.blocks, promo.words, promo.articles, promo.longest) == (4, 8, 2, 3)
    site = summary.sites["x.example"]
    assert (site.articles, site.blocks, site.removed_words, site.words) == (2, 4, 9, 21)
    assert dict(site.plugins) == {"promo": 3, "captions": 1}
    assert summary.sites[NO_SITE].articles == 1


def test_the_share_of_words_removed_goes_to_its_bin():
    summary = Summary(10)
    summary.add(0, record("none"))
    summary.add(1, record("half", removed=[("p", "r", "a b c d e f")]))
    summary.add(2, record("all", removed=[("p", "r", "a b")], text=""))
    summary.add(3, record("empty", text=""))
    assert summary.shares[0] == summary.shares[SHARE_BINS.index("50–60%")] == summary.shares[-1] == 1
    assert sum(summary.shares) == 3 and summary.no_words == 1
    assert [share_bin(s) for s in (0, 0.001, 0.1, 0.999, 1)] == [0, 1, 2, 10, 11]


def test_errors_are_grouped_by_kind_and_failed_articles_counted():
    summary = Summary(10)
    for n in range(3):
        summary.add(n, record(f"e{n}", errors=[{"level": "error", "stage": "read", "plugin": None,
                                                 "message": f"in/e{n}.txt: empty file, no article in it"}]))
    summary.add(3, record("w", errors=[{"level": "warning", "stage": "read", "plugin": None,
                                        "message": "id 'x' is already used in this run; this article is 'x#2'"}]))
    assert summary.failed == 3
    kinds = {(kind.level, kind.pattern): kind for kind in summary.error_kinds.values()}
    empty = kinds["error", "…: empty file, no article in it"]
    assert (empty.count, empty.example) == (3, "in/e0.txt: empty file, no article in it")
    assert kinds["warning", "id '…' is already used in this run; this article is '…'"].count == 1


def test_error_pattern_takes_out_the_file_the_id_and_the_numbers():
    assert error_pattern("a.jsonl: line 12: the article is empty", {"source": "a.jsonl:12", "id": "a#3"}) == \
        "…: line N: the article is empty"


def test_sites_rules_and_error_kinds_past_their_caps_are_counted_together(monkeypatch):
    monkeypatch.setattr(report_summary, "MAX_SITES", 2)
    monkeypatch.setattr(report_summary, "MAX_RULES", 2)
    monkeypatch.setattr(report_summary, "MAX_ERROR_KINDS", 1)
    summary = Summary(10)
    for n in range(5):
        summary.add(n, record(f"r{n}", f"site{n}.example", [("p", f"rule{n}", "w")],
                              errors=[{"level": "warning", "stage": "read", "message": f"kind '{n}' {'x' * n}"}]))
    assert list(summary.sites) == ["site0.example", "site1.example", OTHER_SITES]
    assert summary.sites[OTHER_SITES].articles == 3
    assert list(summary.rules) == [("p", "rule0"), ("p", "rule1"), (OTHER, OTHER)]
    assert summary.rules[OTHER, OTHER].blocks == 3
    assert [kind.count for kind in summary.error_kinds.values()] == [1, 4]
    assert summary.blocks == 5 and summary.articles == 5


def test_the_biggest_sites_come_first_and_only_real_sites_get_an_example_shown():
    summary = Summary(2)
    for n, site in enumerate(["b.example", None, None, None, "a.example", "a.example"]):
        summary.add(n, record(f"r{n}", site))
    assert [site for site, _ in summary.biggest_sites()] == [NO_SITE, "a.example", "b.example"]
    reasons = summary.choose().reasons.values()
    assert sorted(reasons) == ["from a.example, one of the biggest sites", "from b.example, one of the biggest sites"]
