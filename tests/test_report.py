"""`cleaner report`: the page rebuilds each article in order with removed blocks struck through,
escapes article text, and renders (charts, struck-through text, its script) in headless chromium."""

import json
import os
import re
import shutil
import subprocess

import pytest

from cleaner.cli import main
from cleaner.report import original_order, read_records, render
from conftest import SEED

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
    [hostile, seed] = sorted(read_records(records_file.open(encoding="utf-8"), "out").records, key=lambda r: r["id"])
    order = [(kind, value if kind != "removed" else value["text"]) for kind, value in original_order(seed) if kind != "gap"]
    source_lines = [line for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()]
    assert [text for _, text in order] == source_lines
    assert ("removed", "Don’t miss…") in order
    assert order[-1] == ("removed", "Source: Read Full Article")


def test_article_text_is_escaped_and_bad_records_are_named(records_file):
    lines = records_file.read_text(encoding="utf-8").splitlines() + ["{not json", "[1, 2]"]
    records = read_records(lines, "out.jsonl")
    assert len(records.records) == 2
    assert records.problems == [
        f"out.jsonl: line 3: not valid JSON: {records.problems[0].split('not valid JSON: ')[1]}",
        "out.jsonl: record 4: not a cleaner record (expected an object with 'removed')",
    ]
    page = render(records, "out.jsonl")
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
    assert dom.count('<svg class="chart') == 2
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
var boxes = Array.from(document.querySelectorAll('details'));
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
    page = render(read_records([json.dumps(record)], "long.jsonl"), "long.jsonl")
    path = tmp_path / "report.html"
    path.write_text(page.replace("</body>", MEASURE_LAYOUT + "</body>"), encoding="utf-8")
    dumped = run_chromium(browser, tmp_path, "--window-size=1200,1600", "--dump-dom", path.as_uri())
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    [layout] = re.findall(r'data-layout="([^"]*)"', dumped.stdout)
    assert layout == "1 boxes, 0 wider than their box, page fits"
