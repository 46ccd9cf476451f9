"""Standard input as people use it: an article, a page, JSON lines or a WARC archive piped to
``cleaner clean -`` (or to ``cleaner clean`` with no INPUT) comes out as the same record as the
file would, but for where it came from."""

import gzip
import json
import subprocess
import sys

from conftest import ROOT, SEED, write_warc

PAGE = (
    "<!DOCTYPE html><html><head><title>Ferry terminal opens late</title></head><body><article>"
    "<h1>Ferry terminal opens late</h1>"
    "<p>The harbour authority said on Friday that the new ferry terminal would open in May, two "
    "months later than planned, because parts for the loading ramps arrived late from the yard.</p>"
    "<p>Passengers will keep using the old terminal until then, and timetables will not change, "
    "a spokeswoman said, adding that the delay would not raise the cost of the project.</p>"
    "</article></body></html>"
)


def cleaner(*args, input=None):
    """Run ``cleaner``; `input` (bytes) is piped to it, else its standard input is /dev/null."""
    return subprocess.run(
        [sys.executable, "-m", "cleaner.cli", *map(str, args)],
        input=input, stdin=None if input is not None else subprocess.DEVNULL,
        capture_output=True, cwd=ROOT,
    )


def records(result):
    return [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]


def but_where_from(record):
    """The record without `id` and `source`: a pipe has no file name to take them from."""
    return {key: value for key, value in record.items() if key not in ("id", "source")}


def test_a_piped_article_is_the_same_record_as_the_file():
    [from_file] = records(cleaner("clean", SEED))
    for args in (("clean", "-"), ("clean",)):
        result = cleaner(*args, input=SEED.read_bytes())
        assert result.returncode == 0, result.stderr
        [piped] = records(result)
        assert (piped["id"], piped["source"]) == ("-", "-")
        assert but_where_from(piped) == but_where_from(from_file)
        assert piped["removed"] and piped["title"]


def test_a_piped_page_is_the_same_record_as_the_page_file(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [from_file] = records(cleaner("clean", path))
    [piped] = records(cleaner("clean", "-", input=PAGE.encode("utf-8")))
    assert but_where_from(piped) == but_where_from(from_file)
    assert piped["title"] == "Ferry terminal opens late"
    assert piped["text"].startswith("The harbour authority said on Friday")


def test_gzipped_input_is_unzipped_as_a_file_would_be():
    [from_file] = records(cleaner("clean", SEED))
    [piped] = records(cleaner("clean", "-", input=gzip.compress(SEED.read_bytes())))
    assert but_where_from(piped) == but_where_from(from_file)


def test_a_piped_warc_archive_is_read_record_by_record(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [("https://news.example/ferry", "response", "text/html", PAGE.encode("utf-8"))], gzip=True)
    [from_file] = records(cleaner("clean", path))
    [piped] = records(cleaner("clean", "-", input=path.read_bytes()))
    assert piped["source"] == "-#1"
    assert {**piped, "source": None} == {**from_file, "source": None}
    assert piped["id"] == "https://news.example/ferry"


def test_input_format_says_outright_what_standard_input_holds():
    text = "<b>Bold</b> is how this newsletter starts\n\nA body paragraph of the article."
    [as_page] = records(cleaner("clean", "-", input=text.encode("utf-8")))
    [as_text] = records(cleaner("clean", "-", "--input-format", "text", input=text.encode("utf-8")))
    assert as_page["errors"] and as_page["errors"][0]["plugin"] == "html_reader"
    assert as_text["text"] == text.split("\n\n", 1)[1] and as_text["title"] == "<b>Bold</b> is how this newsletter starts"
    as_json = records(cleaner("clean", "-", "--input-format", "jsonl", input=text.encode("utf-8")))
    assert [record["errors"][0]["message"][:25] for record in as_json] == ["-: line 1: not valid JSON", "-: line 3: not valid JSON"]


def test_explain_reads_standard_input_too():
    result = cleaner("explain", input=SEED.read_bytes())
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8").startswith("== - (-;")
    assert "REMOVE" in result.stdout.decode("utf-8")


def test_empty_standard_input_is_an_article_that_fails_with_a_clear_error():
    result = cleaner("clean", "-", input=b"")
    assert result.returncode == 1
    [record] = records(result)
    assert record["errors"][0]["message"] == "-: nothing on standard input, no article in it"


def test_no_input_and_nothing_piped_is_a_usage_error():
    result = cleaner("clean")
    assert result.returncode == 2
    assert "no INPUT named, and nothing is piped to standard input" in result.stderr.decode("utf-8")


def test_input_format_without_standard_input_is_a_usage_error():
    result = cleaner("clean", SEED, "--input-format", "text")
    assert result.returncode == 2
    assert "--input-format" in result.stderr.decode("utf-8")


def test_a_piped_article_goes_to_an_output_file_as_any_input(tmp_path):
    out = tmp_path / "out.jsonl"
    result = cleaner("clean", "-o", out, "--input-format", "text", input=SEED.read_bytes())
    assert result.returncode == 0, result.stderr
    [from_file] = records(cleaner("clean", SEED))
    [written] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert but_where_from(written) == but_where_from(from_file)
