"""Hostile inputs and faulty plugins through the command line: each run finishes, the bad article
gets an error or a result, and the good article next to it is cleaned. And command lines that
would destroy or double data: each is refused, or does what the user meant."""

import json
import sys

import pytest

from cleaner.cli import main
from hostile_inputs import BODY, CASES, FILLERS, GOOD_TEXT, MISUSES, RECORD_TEXT, build

CASE = {case.name: case for case in CASES}
MISUSE = {misuse.name: misuse for misuse in MISUSES}


def run_case(name, tmp_path, capsys):
    folder = tmp_path / name
    options = build(CASE[name], folder)
    output = tmp_path / "out.jsonl"
    status = main(["clean", str(folder), *options, "-o", str(output)])
    records = {}
    with open(output, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            records[record["id"]] = record
    good = records.pop("good")
    assert good["text"] == GOOD_TEXT and good["errors"] == [], "the good article next to the hostile one is cleaned"
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
    # Patterns see the line as a reader does, "Read more": it goes whole, as a promo heading.
    assert records["spaces"]["text"] == ""
    assert [(entry["plugin"], entry["text"]) for entry in records["spaces"]["removed"]][-1] == (
        "promo",
        "Read" + " " * 1_000_000 + "more",
    )


def test_runs_of_entities_are_read_in_time_linear_in_their_length(tmp_path, capsys):
    status, records, _ = run_case("entity_runs", tmp_path, capsys)
    assert status == 0
    # "Don't miss" and two hundred thousand "…": a promo heading, whole.
    removed = [(entry["plugin"], entry["rule"], entry["text"][:24]) for entry in records["entities"]["removed"]]
    assert ("promo", "promo-heading", "Don&#8217;t miss&hellip;") in removed
    assert records["entities"]["text"] == "&amp;" * 200_000


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


def test_html_nested_100000_deep_is_an_error_naming_the_page_not_a_crash(tmp_path, capsys):
    """libxml2 stops building the tree at depth 256, so the page is left without its text, and the
    error says why."""
    status, records, stderr = run_case("nested_html", tmp_path, capsys)
    assert status == 1
    [error] = records["nested"]["errors"]
    assert error["plugin"] == "html_reader" and error["stage"] == "segment"
    assert error["message"].startswith("NoArticle: trafilatura found no main text in this page; the page was read only up to")
    assert "Excessive depth" in error["message"]
    assert "nested.html: NoArticle" in stderr


def test_billion_laughs_entities_are_left_unexpanded(tmp_path, capsys):
    """The HTML parser ignores a DOCTYPE's entity definitions: `&lol9;` stays six characters."""
    status, records, _ = run_case("billion_laughs", tmp_path, capsys)
    record = records["laughs"]
    assert status == 0 and record["errors"] == []
    paragraph = " ".join((BODY * 3).split())
    assert record["text"] == f"{paragraph}\n\n&lol9;\n\n{paragraph}"


def test_a_jsonl_line_that_is_not_json_fails_alone_naming_file_and_line(tmp_path, capsys):
    status, records, stderr = run_case("jsonl_not_json", tmp_path, capsys)
    assert status == 1
    assert set(records) == {"first", "records:2", "last"}
    assert records["first"]["text"] == records["last"]["text"] == RECORD_TEXT
    message = error_of(records["records:2"])
    assert "records.jsonl: line 2: not valid JSON: Unterminated string" in message
    assert records["records:2"]["source"].endswith("records.jsonl:2")
    assert "records.jsonl: line 2: not valid JSON" in stderr


def test_a_jsonl_record_with_neither_text_nor_html_fails_alone_naming_file_and_line(tmp_path, capsys):
    """The failed record keeps its own id and url, so that it joins back to its input."""
    status, records, stderr = run_case("jsonl_no_text", tmp_path, capsys)
    assert status == 1
    assert set(records) == {"first", "bare", "last"}
    assert records["first"]["text"] == records["last"]["text"] == RECORD_TEXT
    assert records["bare"]["metadata"]["url"] == "https://example.com/bare"
    message = error_of(records["bare"])
    assert message.endswith("records.jsonl: line 2: the record has neither a 'text' nor an 'html' string")
    assert "records.jsonl: line 2: the record has neither" in stderr
    assert "records.jsonl:2: " not in stderr, "the file is named once"


@pytest.mark.parametrize(
    "name, plugin, message",
    [
        ("plugin_raises", "raises", "RuntimeError: bad plugin"),
        ("plugin_loops", "loops", "exceeded the time budget of 1 s per article (limits.time_budget_seconds)"),
        ("plugin_wrongtype", "wrongtype", "returned str, expected Mark"),
    ],
)
def test_a_faulty_plugin_fails_only_its_article_and_is_named(tmp_path, capsys, name, plugin, message):
    """The faulty article is cleaned first: the good one after it is cleaned as ever."""
    status, records, stderr = run_case(name, tmp_path, capsys)
    assert status == 1
    [error] = records["faulty"]["errors"]
    assert error["plugin"] == plugin and error["level"] == "error" and error["stage"] == "rules"
    assert error["message"].endswith(message)
    assert f"faulty.txt: {message} (plugin {plugin})" in stderr


@pytest.mark.parametrize(
    "name, message",
    [
        ("worker_killed", "faulty.txt: the worker process cleaning this article died (a crash in a compiled library, "
         "or killed for memory); the article was not cleaned"),
        ("worker_stuck_in_compiled_code", "faulty.txt: still being cleaned after 3 s, far past the time budget: a plugin "
         "stuck inside compiled code, where the budget cannot stop it; its worker process was killed; the article was not cleaned"),
    ],
)
def test_a_worker_killed_or_stuck_in_compiled_code_fails_only_its_article(tmp_path, capsys, name, message):
    status, records, stderr = run_case(name, tmp_path, capsys)
    assert status == 1
    assert error_of(records.pop("faulty")).endswith(message)
    assert message in stderr
    assert sorted(records) == [f"filler{number:03d}" for number in range(FILLERS)]
    assert all(record["errors"] == [] and record["text"] for record in records.values())


def play(name, tmp_path):
    workdir = tmp_path / name
    workdir.mkdir()
    return MISUSE[name].play(workdir)


@pytest.mark.parametrize("name, named", [("output_is_input", "the output b.jsonl is the input b.jsonl"),
                                         ("output_is_a_link_to_input", "the output link.jsonl is the input c.jsonl"),
                                         ("output_is_piped_input", "the output d.jsonl is being read into standard input (-) by cat")])
def test_an_output_that_is_an_input_is_refused_and_the_input_is_intact(tmp_path, name, named):
    played = play(name, tmp_path)
    assert played.status == 2
    assert played.stderr.startswith(f"cleaner: {named}")
    assert "nothing was written" in played.stderr
    assert played.intact, "the input is byte for byte as it was"


def test_a_second_run_on_an_output_inside_its_input_folder_reads_what_the_first_read(tmp_path):
    played = play("output_inside_input_folder", tmp_path)
    first, second = played.records
    assert played.status == 0
    assert [record["id"] for record in first] == ["first", "second"] and second == first
    warning = "cleaner: warning: rel/out is this run's output (rel/out/): left out of the input, so that no run reads its own output\n"
    assert played.stderr == warning * 2, "one warning a run"


def test_two_runs_on_one_output_write_each_article_once_and_the_second_is_refused(tmp_path):
    played = play("two_runs_one_output", tmp_path)
    [records] = played.records
    assert played.status == 2
    assert played.stderr.startswith("cleaner: out.jsonl is being written by another run (pid ")
    first_pid = played.stderr.split("(the first run, pid ")[1].split(",")[0]
    assert f"another run (pid {first_pid}, started " in played.stderr
    assert "(the first run, pid" in played.stderr and "ended with 0)" in played.stderr
    assert sorted(record["id"] for record in records) == sorted(f"r{number}" for number in range(300))


def test_two_runs_on_one_output_write_each_article_once_when_the_second_waits(tmp_path):
    played = play("two_runs_one_output_waiting", tmp_path)
    [records] = played.records
    assert played.status == 0
    assert played.stderr.startswith("cleaner: out.jsonl is being written by another run (pid ")
    assert "waiting for it to end (--wait-for-lock)\n(the first run" in played.stderr, "then it found all done, and said nothing"
    assert sorted(record["id"] for record in records) == sorted(f"r{number}" for number in range(300))


def test_a_rules_file_that_names_plugins_and_limits_is_refused_and_runs_no_code(tmp_path):
    played = play("rules_file_loads_plugins", tmp_path)
    assert played.status == 2
    for key in ("plugin_dirs", "plugins", "limits"):
        assert f"untrusted.yaml: {key}: refused in a rules file" in played.stderr
    assert played.marked is False
    assert not (tmp_path / "rules_file_loads_plugins" / "out.jsonl").exists()


def test_every_case_in_the_catalogue_is_tested():
    source = open(__file__, encoding="utf-8").read()
    for catalogue in (CASE, MISUSE):
        tested = {name for name in catalogue if f'"{name}"' in source}
        assert tested == set(catalogue)
