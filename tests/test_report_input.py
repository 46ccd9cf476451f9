"""`cleaner.report_input`: records read as a stream from JSON lines, a JSON array or standard input,
bad lines named and skipped, and any record read again by its position."""

import io
import json

from cleaner import report_input
from cleaner.report_input import Problems, RecordSource, entries

RECORDS = [{"id": f"r{n}", "text": f"Body {n}.", "removed": [], "errors": []} for n in range(5)]


def read_all(source):
    problems = Problems()
    return list(source.records(problems)), problems


def test_json_lines_are_read_with_their_byte_offsets_and_read_again_by_them(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    with RecordSource(str(path)) as source:
        found, problems = read_all(source)
        assert [record for _, record in found] == RECORDS
        assert problems.count == 0
        positions = [position for position, _ in found]
        assert source.read_at([positions[3], positions[1]]) == {positions[1]: RECORDS[1], positions[3]: RECORDS[3]}
        assert [record for _, record in source.reread()] == RECORDS


def test_bad_lines_are_named_and_reading_goes_on(tmp_path):
    path = tmp_path / "out.jsonl"
    lines = [json.dumps(RECORDS[0]), "{not json", "[1, 2]", "", json.dumps({"id": "x", "removed": "no"}),
             json.dumps(RECORDS[1])]
    path.write_bytes(("\n".join(lines) + "\n").encode() + b'{"id": "\xff"}\n')
    with RecordSource(str(path)) as source:
        found, problems = read_all(source)
    assert [record["id"] for _, record in found] == ["r0", "r1"]
    assert problems.count == 4
    assert problems.messages[0].startswith(f"{path}: line 2: not valid JSON: ")
    assert problems.messages[1:] == [
        f"{path}: line 3: not a cleaner record (expected an object with 'removed')",
        f"{path}: line 5: not a cleaner record (expected an object with 'removed')",
        f"{path}: line 7: not valid JSON: not UTF-8",
    ]


def test_a_record_with_a_lone_surrogate_as_cleaner_clean_writes_it_is_read(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_bytes('{"id": "s", "text": "a \ud800 b", "removed": []}\n'.encode("utf-8", "surrogatepass"))
    with RecordSource(str(path)) as source:
        [(_, record)], problems = read_all(source)
    assert record["text"] == "a \ud800 b" and problems.count == 0


def test_a_json_array_is_read_item_by_item_and_its_records_read_again(tmp_path):
    path = tmp_path / "out.json"
    path.write_text("  \n" + json.dumps(RECORDS, indent=2), encoding="utf-8")
    with RecordSource(str(path)) as source:
        found, problems = read_all(source)
        assert [record for _, record in found] == RECORDS and problems.count == 0
        assert source.read_at([found[4][0]]) == {found[4][0]: RECORDS[4]}
        assert [record for _, record in source.reread()] == RECORDS


def test_a_broken_json_array_keeps_the_records_before_the_break(tmp_path):
    path = tmp_path / "out.json"
    path.write_text(json.dumps(RECORDS[:2])[:-1] + ', {"id": oops}]', encoding="utf-8")
    with RecordSource(str(path)) as source:
        found, problems = read_all(source)
    assert [record["id"] for _, record in found] == ["r0", "r1"]
    assert problems.messages[0].startswith(f"{path}: record 3: not valid JSON: ")


def test_standard_input_is_read_and_its_records_read_again():
    stdin = io.BytesIO("".join(json.dumps(r) + "\n" for r in RECORDS).encode())
    with RecordSource("-", stdin=stdin) as source:
        found, _ = read_all(source)
        assert source.name == "standard input"
        assert source.read_at([found[2][0]]) == {found[2][0]: RECORDS[2]}


def test_problems_keep_the_first_messages_and_count_the_rest(monkeypatch):
    monkeypatch.setattr(report_input, "PROBLEMS_KEPT", 3)
    problems = Problems()
    for number in range(10):
        problems.add(f"problem {number}")
    assert problems.messages == ["problem 0", "problem 1", "problem 2"]
    assert (problems.count, problems.not_kept) == (10, 7)


def test_entries_are_the_objects_of_a_list_field():
    assert entries({"errors": [{"level": "error"}, "text", 3]}, "errors") == [{"level": "error"}]
    assert entries({"errors": "oops"}, "errors") == [] and entries({}, "removed") == []
