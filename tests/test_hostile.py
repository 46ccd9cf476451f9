"""Hostile inputs and faulty plugins through the command line: each run finishes, the bad article
gets an error or a result, and the good article next to it is cleaned."""

import json
import sys

import pytest

from cleaner.cli import main
from hostile_inputs import CASES, GOOD_TEXT, build

CASE = {case.name: case for case in CASES}


def run_case(name, tmp_path, capsys):
    folder = tmp_path / name
    config = build(CASE[name], folder)
    output = tmp_path / "out.jsonl"
    status = main(["clean", str(folder), "--config", str(config), "-o", str(output)])
    records = {}
    with open(output, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            records[record["id"]] = record
    assert records.pop("good")["text"] == GOOD_TEXT, "the good article next to the hostile one is cleaned"
    return status, records, capsys.readouterr().err


def error_of(record):
    [error] = [e for e in record["errors"] if e["level"] == "error"]
    return error["message"]


def test_invalid_utf8_is_decoded_with_a_warning(tmp_path, capsys):
    status, records, _ = run_case("invalid_utf8", tmp_path, capsys)
    record = records["invalid_utf8"]
    assert status == 0
    assert "broken" in record["text"] and "then text." in record["text"]
    assert record["errors"][0]["level"] == "warning" and "not valid UTF-8" in record["errors"][0]["message"]


def test_utf16_with_a_bom_is_read(tmp_path, capsys):
    status, records, _ = run_case("utf16_bom", tmp_path, capsys)
    assert status == 0
    assert records["utf16_bom"]["title"] == "Headline" and records["utf16_bom"]["errors"] == []


def test_nul_bytes_at_the_start_mean_binary_and_inside_text_are_kept(tmp_path, capsys):
    status, records, stderr = run_case("nul_start", tmp_path, capsys)
    assert status == 1
    assert "binary file (contains NUL bytes)" in error_of(records["nul_start"])
    assert "nul_start.txt" in stderr
    status, records, _ = run_case("nul_inside", tmp_path, capsys)
    assert status == 0
    assert records["nul_inside"]["text"].endswith("Before\x00after.")


def test_a_50_mb_line_is_refused_past_the_size_limit(tmp_path, capsys):
    status, records, _ = run_case("line_50mb", tmp_path, capsys)
    assert status == 1
    message = error_of(records["line_50mb"])
    assert "line_50mb.txt: is 50,000,011 bytes" in message
    assert "article size limit of 20,000,000 bytes (limits.max_article_bytes)" in message


def test_a_50_mb_line_within_a_raised_limit_is_cleaned_whole(tmp_path, capsys):
    status, records, _ = run_case("line_50mb_allowed", tmp_path, capsys)
    record = records["line_50mb"]
    assert status == 0 and record["errors"] == []
    assert record["title"] == "Headline"
    assert len(record["text"]) == 50_000_000 - 1 and record["text"].startswith("word word")


def test_a_million_short_lines_are_refused_past_the_block_limit(tmp_path, capsys):
    status, records, _ = run_case("million_lines", tmp_path, capsys)
    assert status == 1
    message = error_of(records["million_lines"])
    assert message.endswith("million_lines.txt: more than 100,000 blocks (lines or elements) in one article (limits.max_article_blocks)")


def test_a_million_short_lines_within_a_raised_limit_finish_in_the_time_budget_or_fail_by_it(tmp_path, capsys):
    status, records, _ = run_case("million_lines_allowed", tmp_path, capsys)
    record = records["million_lines"]
    if record["errors"]:
        assert status == 1
        assert "exceeded the time budget of 5 s per article (limits.time_budget_seconds)" in error_of(record)
    else:
        assert status == 0
        assert len(record["text"].split("\n")) + len(record["removed"]) == 1_000_001


def test_a_million_spaces_between_two_words_do_not_make_a_pattern_backtrack(tmp_path, capsys):
    status, records, _ = run_case("spaces_between_words", tmp_path, capsys)
    assert status == 0
    assert records["spaces"]["text"] == "Read" + " " * 1_000_000 + "more"


def test_an_empty_file_is_an_error(tmp_path, capsys):
    status, records, _ = run_case("empty", tmp_path, capsys)
    assert status == 1 and "empty file" in error_of(records["empty"])


def test_symlink_loops_in_a_folder_are_not_followed_and_the_looping_file_is_an_error(tmp_path, capsys):
    status, records, _ = run_case("symlink_loops", tmp_path, capsys)
    assert status == 1
    assert set(records) == {"self"}, "the folder link is not followed, so nothing is read twice"
    assert "cannot read: Too many levels of symbolic links" in error_of(records["self"])


def test_a_fifo_in_a_folder_is_an_error_and_does_not_block(tmp_path, capsys):
    status, records, _ = run_case("fifo", tmp_path, capsys)
    assert status == 1 and "pipe.txt: not a regular file" in error_of(records["pipe"])


@pytest.mark.skipif(sys.platform != "linux", reason="root's unreadable file is /proc/self/mem")
def test_an_unreadable_file_is_an_error_naming_it(tmp_path, capsys):
    status, records, stderr = run_case("unreadable", tmp_path, capsys)
    assert status == 1
    message = error_of(records["unreadable"])
    assert "unreadable.txt: cannot read:" in message
    assert "unreadable.txt: cannot read:" in stderr


def test_a_gzip_bomb_stops_at_the_size_limit(tmp_path, capsys):
    status, records, _ = run_case("gzip_bomb", tmp_path, capsys)
    assert status == 1
    assert "bomb.txt.gz: decompresses to more than the article size limit" in error_of(records["bomb"])


def test_a_truncated_gzip_is_an_error(tmp_path, capsys):
    status, records, _ = run_case("truncated_gzip", tmp_path, capsys)
    assert status == 1 and "truncated gzip file" in error_of(records["truncated"])


def test_every_case_in_the_catalogue_is_tested():
    tested = {name for name in CASE if f'"{name}"' in open(__file__, encoding="utf-8").read()}
    assert tested == set(CASE)


FAULTY_PLUGINS = {
    "raises": "    raise RuntimeError('bad plugin')\n",
    "loops": "    while True:\n        pass\n",
    "wrongtype": "    return 'not a list of marks'\n",
}


def test_faulty_plugins_each_fail_only_their_article_and_are_named(tmp_path, capsys):
    plugins, articles = tmp_path / "plugins", tmp_path / "articles"
    plugins.mkdir()
    articles.mkdir()
    for name, body in FAULTY_PLUGINS.items():
        (plugins / f"{name}.py").write_text(
            f"import cleaner\n\n@cleaner.hookimpl\ndef cleaner_mark_blocks(article):\n"
            f"    if article.id != {name!r}:\n        return None\n{body}"
        )
        (articles / f"{name}.txt").write_text("Headline\n\nBody sentence.\n")
    (articles / "good.txt").write_text("A good headline\n\n" + GOOD_TEXT + "\n")
    config = tmp_path / "budget.yaml"
    config.write_text("limits:\n  time_budget_seconds: 1\n")
    output = tmp_path / "out.jsonl"
    status = main(["clean", str(articles), "--plugins-dir", str(plugins), "--config", str(config), "-o", str(output)])
    records = {r["id"]: r for r in map(json.loads, output.read_text(encoding="utf-8").splitlines())}
    assert status == 1
    assert records["good"]["text"] == GOOD_TEXT and records["good"]["errors"] == []
    for name in FAULTY_PLUGINS:
        [error] = records[name]["errors"]
        assert error["plugin"] == name and error["level"] == "error"
    assert "RuntimeError: bad plugin" in records["raises"]["errors"][0]["message"]
    assert "exceeded the time budget of 1 s" in records["loops"]["errors"][0]["message"]
    assert "returned str, expected Mark" in records["wrongtype"]["errors"][0]["message"]
    assert "(plugin loops)" in capsys.readouterr().err
