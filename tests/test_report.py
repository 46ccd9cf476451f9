"""`cleaner report`: the page rebuilds each article in order with removed blocks struck through,
escapes article text, and renders (charts, struck-through text, its script) in headless chromium;
a small run shows every article, a large one counts all and shows a sample that covers every rule."""

import json
import os
import random
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser

import pytest

from cleaner.cli import main
from cleaner.report import original_order
from cleaner.shapes import word_count
from conftest import SEED, command, lines_of

HOSTILE = """Reader's letter about the festival

<script>document.title = "pwned"; document.body.innerHTML = "";</script>

The festival drew <b>more</b> visitors than ever, organisers said.

Sign up to our newsletter for daily updates"""


@pytest.fixture
def records_file(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "in" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    output = tmp_path / "out.jsonl"
    assert main(["clean", str(tmp_path / "in"), "-o", str(output), "-q"]) == 0
    return output


def test_original_order_is_rebuilt_from_the_record(records_file):
    [hostile, seed] = sorted(lines_of(records_file), key=lambda r: r["id"])
    order = [(kind, value if kind != "removed" else value["text"]) for kind, value in original_order(seed) if kind != "gap"]
    source_lines = [line for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()]
    assert [text for _, text in order] == source_lines
    assert ("removed", "Don’t miss…") in order
    assert order[-1] == ("removed", "Source: Read Full Article")


def test_article_text_is_escaped_and_bad_records_are_named(records_file, tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(records_file.read_text(encoding="utf-8") + "{not json\n[1, 2]\n", encoding="utf-8")
    assert main(["report", str(bad), "-o", str(tmp_path / "r.html")]) == 1
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'data-articles="2"' in page
    assert f"{bad}: line 3: not valid JSON: " in page
    assert f"{bad}: line 4: not a cleaner record (expected an object with &#x27;removed&#x27;)" in page
    assert f"cleaner: error: {bad}: line 4: not a cleaner record" in capsys.readouterr().err
    assert "<script>document.title" not in page
    assert "&lt;script&gt;document.title = &quot;pwned&quot;" in page
    assert "&lt;b&gt;more&lt;/b&gt;" in page
    assert page.count("<script>") == 1, "only the report's own script"


def test_report_command_exit_status(records_file, tmp_path):
    assert main(["report", str(records_file), "-o", str(tmp_path / "r.html")]) == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text(records_file.read_text(encoding="utf-8") + "oops\n", encoding="utf-8")
    assert main(["report", str(bad), "-o", str(tmp_path / "r2.html")]) == 1
    assert "line 3: not valid JSON" in (tmp_path / "r2.html").read_text(encoding="utf-8")
    assert main(["report", str(tmp_path / "absent.jsonl"), "-o", str(tmp_path / "r3.html")]) == 2
    assert main(["report", str(records_file), "-o", str(tmp_path / "no" / "such" / "r4.html")]) == 2
    assert not (tmp_path / "no").exists()
    records = records_file.read_bytes()
    assert main(["report", str(records_file), "-o", str(records_file)]) == 2
    assert records_file.read_bytes() == records


def chromium():
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; the README's test command installs it")
        pytest.skip("chromium is not installed (apt-get install chromium); CI installs it and runs this test")
    return found


def run_chromium(browser, tmp_path, *args):
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    return subprocess.run([browser, *flags, *args], capture_output=True, text=True, timeout=180)


def test_the_page_renders_in_headless_chromium(records_file, tmp_path):
    browser = chromium()
    page = tmp_path / "report.html"
    assert main(["report", str(records_file), "-o", str(page)]) == 0
    dumped = run_chromium(browser, tmp_path, "--dump-dom", page.as_uri())
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    dom = dumped.stdout
    assert 'data-ready="yes"' in dom, "the page's script ran"
    assert "<title>pwned</title>" not in dom and "cleaner report:" in dom, "the article's script did not run"
    assert dom.count('<svg class="chart') == 3
    assert "<rect" in dom
    assert "<del>Don’t miss…</del>" in dom
    assert "&lt;script&gt;document.title" in dom
    assert "Daring attacks in the Belgorod region" in dom
    shot = tmp_path / "report.png"
    taken = run_chromium(browser, tmp_path, f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri())
    assert taken.returncode == 0, taken.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000, "a blank page would be a few kilobytes"


MEASURE_LAYOUT = """<script>
var boxes = Array.from(document.querySelectorAll('details.article'));
var wide = boxes.filter(function (box) { return box.scrollWidth > box.clientWidth; }).length;
var root = document.documentElement;
document.body.setAttribute('data-layout', boxes.length + ' boxes, ' + wide + ' wider than their box, page '
  + (root.scrollWidth > root.clientWidth ? 'scrolls sideways' : 'fits'));
</script>"""


def test_a_5000_character_word_wraps_inside_its_article_box(tmp_path):
    browser = chromium()
    record = {
        "id": "long-words",
        "title": "T" * 5000,
        "text": "A body paragraph.\n\n" + "k" * 5000,
        "metadata": {"site": "example.com"},
        "removed": [{"block": 1, "text": "r" * 5000, "plugin": "promo", "rule": "promo-heading", "reason": "w" * 5000}],
        "errors": [{"level": "warning", "message": "m" * 5000}],
    }
    records = tmp_path / "long.jsonl"
    records.write_text(json.dumps(record) + "\n", encoding="utf-8")
    path = tmp_path / "report.html"
    assert main(["report", str(records), "-o", str(path)]) == 0
    page = path.read_text(encoding="utf-8")
    path.write_text(page.replace("</body>", MEASURE_LAYOUT + "</body>"), encoding="utf-8")
    dumped = run_chromium(browser, tmp_path, "--window-size=1200,1600", "--dump-dom", path.as_uri())
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    [layout] = re.findall(r'data-layout="([^"]*)"', dumped.stdout)
    assert layout == "1 boxes, 0 wider than their box, page fits"


FIXTURES = SEED.parent.parent / "tests" / "fixtures"
LARGE = 3000
FAILED_EVERY = 100


class Elements(HTMLParser):
    """The attributes of every element of a page, by tag."""

    def __init__(self, page):
        super().__init__()
        self.found = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    def having(self, tag, css_class):
        return [attrs for found, attrs in self.found if found == tag and css_class in (attrs.get("class") or "").split()]


@pytest.fixture(scope="module")
def large_records(tmp_path_factory, default_cleaner):
    """3,000 records stamped from the cleaned seed and fixture articles, on 1,000 sites of falling size;
    one in a hundred failed, and one record holds the only removal by a rule (a site plugin's)."""
    paths = sorted(FIXTURES.glob("*/*.txt")) + [SEED]
    bases = [default_cleaner.clean_record({"id": path.stem, "text": path.read_text(encoding="utf-8")}) for path in paths]
    failed = [default_cleaner.clean_record({"id": "empty", "text": ""}), default_cleaner.clean_record({"id": "n", "text": 5})]
    rare = {"id": "rare", "text": "Body.", "metadata": {"site": "rare.example"}, "errors": [], "removed": [
        {"plugin": "mysite", "rule": "only-once", "reason": "a site plugin's rule", "text": "Subscribe to Rare News",
         "line": 2, "block": 1}]}
    rng = random.Random(0)
    hosts = [f"site{rank:04d}.example" for rank in range(1, 1001)]
    weights = [1 / rank for rank in range(1, 1001)]
    records = []
    for number in range(LARGE):
        if number == 1777:
            base = rare
        elif number % FAILED_EVERY == 0:
            base = failed[number // FAILED_EVERY % 2]
        else:
            base = bases[number % len(bases)]
        host = rng.choices(hosts, weights)[0] if base is not rare else "rare.example"
        records.append(dict(base, id=f"{number:05d}-{base['id']}", metadata=dict(base["metadata"], site=host)))
    path = tmp_path_factory.mktemp("large") / "records.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path, records


def rule_counts(records):
    return Counter((entry["plugin"], entry["rule"]) for record in records for entry in record["removed"])


def is_failed(record):
    return any(error["level"] == "error" for error in record["errors"])


def test_a_large_report_opens_in_chromium_counts_every_record_and_shows_every_rule(large_records, tmp_path):
    browser = chromium()
    path, records = large_records
    page = tmp_path / "report.html"
    assert main(["report", str(path), "-o", str(page)]) == 0
    dumped = run_chromium(browser, tmp_path, "--dump-dom", page.as_uri())
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    assert 'data-ready="yes"' in dumped.stdout, "the page's script ran"
    dom = Elements(dumped.stdout)
    [totals] = dom.having("p", "totals")
    assert int(totals["data-articles"]) == LARGE
    assert int(totals["data-failed"]) == sum(map(is_failed, records)) == LARGE // FAILED_EVERY
    assert int(totals["data-blocks"]) == sum(len(record["removed"]) for record in records)
    counts = rule_counts(records)
    assert {(row["data-plugin"], row["data-rule"]): int(row["data-blocks"]) for row in dom.having("tr", "rule")} == counts
    [shown] = dom.having("p", "shown")
    assert (int(shown["data-shown"]), int(shown["data-left-out"])) == (200, LARGE - 200)
    assert len(dom.having("details", "article")) == 200
    sampled_rules = {(block["data-plugin"], block["data-rule"]) for block in dom.having("div", "removed")}
    assert sampled_rules == set(counts), "every rule that removed anything has an example among the articles shown"
    assert all(attrs["href"].startswith("#") for _, attrs in dom.found if "href" in attrs)
    assert not any("src" in attrs for _, attrs in dom.found), "nothing is fetched: the page is one file"
    shot = tmp_path / "report.png"
    taken = run_chromium(browser, tmp_path, f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri())
    assert taken.returncode == 0, taken.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def shown_articles(page):
    return [attrs["data-id"] for attrs in Elements(page.read_text(encoding="utf-8")).having("details", "article")]


def test_a_sample_shows_failed_and_worst_articles_and_the_biggest_sites(large_records, tmp_path, default_cleaner):
    path, records = large_records
    page = tmp_path / "report.html"
    assert main(["report", str(path), "-o", str(page)]) == 0
    ids = set(shown_articles(page))
    shown = {record["id"]: record for record in records if record["id"] in ids}
    assert len(shown) == 200
    assert sum(map(is_failed, shown.values())) >= 20, "a tenth of the page for failed articles, when there are as many"

    def share(record):
        removed = sum(word_count(entry["text"]) for entry in record["removed"])
        total = removed + word_count(record["text"] or "")
        return removed / total if total else 0

    def longest(record):
        return max((word_count(entry["text"]) for entry in record["removed"]), default=0)

    assert max(map(share, shown.values())) == max(map(share, records))
    assert max(map(longest, shown.values())) == max(map(longest, records))
    articles = Counter(record["metadata"]["site"] for record in records)
    biggest = sorted(articles, key=lambda site: (-articles[site], site))[:20]  # the report's order: ties by name
    assert set(biggest) <= {record["metadata"]["site"] for record in shown.values()}
    text = page.read_text(encoding="utf-8")
    assert_every_rule_opens_its_removals_in_the_articles_shown(text, records)
    assert "200 articles are shown below</a>; 2,800 are left out" in text
    assert "one for each rule that removed anything, the rarest rules first: " in text
    assert 'lost ' in text and "<span class=\"why\">failed</span>" in text


def assert_every_rule_opens_its_removals_in_the_articles_shown(text, records):
    articles = set(re.findall(r'<details class="article" id="(a\d+)"', text))
    rows = re.findall(r'<tr class="examples">(.*?)</tr>', text, re.S)
    assert len(rows) == len(rule_counts(records))
    for row in rows:
        links = re.findall(r'<a href="#(a\d+)">', row)
        assert links and set(links) <= articles
    errors = re.search(r'<table class="errors">.*?</table>', text, re.S).group(0)
    assert set(re.findall(r'<a href="#(a\d+)">', errors)) <= articles


def test_the_same_records_give_the_same_page_in_any_order(large_records, tmp_path):
    path, records = large_records
    assert main(["report", str(path), "-o", str(tmp_path / "a.html")]) == 0
    assert main(["report", str(path), "-o", str(tmp_path / "b.html")]) == 0
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
    shuffled = tmp_path / "shuffled.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    random.Random(1).shuffle(lines)
    shuffled.write_text("".join(lines), encoding="utf-8")
    assert main(["report", str(shuffled), "-o", str(tmp_path / "c.html")]) == 0
    assert sorted(shown_articles(tmp_path / "c.html")) == sorted(shown_articles(tmp_path / "a.html"))


def test_sample_and_all_say_how_many_articles_to_show(large_records, tmp_path):
    path, records = large_records
    assert main(["report", str(path), "-o", str(tmp_path / "s.html"), "--sample", "40"]) == 0
    assert len(shown_articles(tmp_path / "s.html")) == 40
    few = tmp_path / "few.jsonl"
    few.write_text("".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:300]), encoding="utf-8")
    assert main(["report", str(few), "-o", str(tmp_path / "all.html"), "--all"]) == 0
    assert shown_articles(tmp_path / "all.html") == [record["id"] for record in records[:300]]
    text = (tmp_path / "all.html").read_text(encoding="utf-8")
    assert "All 300 articles are shown below." in text
    assert_every_rule_opens_its_removals_in_the_articles_shown(text, records[:300])
    with pytest.raises(SystemExit):
        main(["report", str(path), "-o", str(tmp_path / "x.html"), "--sample", "0"])
    with pytest.raises(SystemExit):
        main(["report", str(path), "-o", str(tmp_path / "x.html"), "--sample", "5", "--all"])


def test_a_small_run_shows_every_article_in_its_order(tmp_path):
    records = tmp_path / "seeds.jsonl"
    assert main(["clean", str(SEED.parent), str(FIXTURES / "outlets"), "-o", str(records), "-q"]) == 0
    page = tmp_path / "report.html"
    assert main(["report", str(records), "-o", str(page)]) == 0
    assert shown_articles(page) == [record["id"] for record in lines_of(records)]
    assert "are shown below." in page.read_text(encoding="utf-8")


def test_a_json_array_and_standard_input_give_the_same_counts(records_file, tmp_path):
    array = tmp_path / "out.json"
    assert main(["clean", str(records_file.parent / "in"), "-o", str(array), "--format", "json", "-q"]) == 0
    assert main(["report", str(array), "-o", str(tmp_path / "array.html")]) == 0
    piped = subprocess.run(command("report", "-", "-o", tmp_path / "stdin.html"), input=records_file.read_bytes(),
                           capture_output=True, timeout=120)
    assert piped.returncode == 0, piped.stderr
    totals = [re.search(r'<p class="totals"[^>]*>', (tmp_path / name).read_text(encoding="utf-8")).group(0)
              for name in ("array.html", "stdin.html")]
    assert totals[0] == totals[1] and 'data-articles="2"' in totals[0]
    assert shown_articles(tmp_path / "array.html") == shown_articles(tmp_path / "stdin.html") == \
        [record["id"] for record in lines_of(records_file)]
