"""safe_relative_path: output names made from untrusted ids stay inside the output folder."""

import os
from pathlib import PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.write import json_line, safe_relative_path

HOSTILE_IDS = [
    "../../etc/passwd",
    "/etc/passwd",
    "a/../../b",
    "..",
    ".",
    "...",
    "",
    "/",
    "a\x00b",
    "a\\..\\..\\b",
    "C:\\Windows\\system32",
    "CON",
    "nul.txt",
    "  .hidden. ",
    "\ud800",
    "x" * 1000,
    "é" * 300,
    "/".join(["a"] * 100),
    "https://example.com/news/1?x=2#frag",
    "line\nbreak",
    'a<b>c:"d|e?f*',
]


@pytest.mark.parametrize("id", ["a", "news/2024/article-1", "wire_000123", "Überschrift", "a b.c"])
def test_safe_ids_are_used_as_they_are(id):
    assert str(safe_relative_path(id)) == id


@pytest.mark.parametrize(
    "id, expected_start",
    [
        ("../../etc/passwd", "etc/passwd-"),
        ("/etc/passwd", "etc/passwd-"),
        ("a\x00b", "a_b-"),
        ("a\\b", "a/b-"),
        ("CON", "_CON-"),
        ("..", "_-"),
        ("", "_-"),
        ("https://example.com/news/1", "https_/example.com/news/1-"),
    ],
)
def test_unsafe_ids_are_made_safe_and_marked_with_a_hash(id, expected_start):
    path = str(safe_relative_path(id))
    assert path.startswith(expected_start)
    assert len(path) == len(expected_start) + 12


def assert_safe(path: PurePosixPath):
    assert not path.is_absolute()
    assert path.parts and all(part not in ("", ".", "..") for part in path.parts)
    for part in path.parts:
        assert len((part + ".json").encode("utf-8")) <= 255
        assert not any(character in part for character in '\x00\\/<>:"|?*')
        assert part == part.strip(" ") and not part.startswith(".") and not part.endswith(".")
        part.encode("utf-8")
    assert len(path.parts) <= 16


@pytest.mark.parametrize("id", HOSTILE_IDS)
def test_hostile_ids_give_safe_paths(id):
    assert_safe(safe_relative_path(id))


def test_hostile_ids_write_inside_the_output_folder_and_stay_distinct(tmp_path):
    output = tmp_path / "out"
    written = set()
    for id in HOSTILE_IDS:
        target = output / safe_relative_path(id)
        target = target.with_name(target.name + ".txt")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(id.encode("utf-8", "surrogatepass").decode("utf-8", "replace"))
        assert os.path.realpath(target).startswith(str(output.resolve()) + os.sep)
        written.add(target)
    assert len(written) == len(HOSTILE_IDS)
    assert not (tmp_path / "etc").exists() and not (tmp_path / "b").exists()


ids = st.text(st.characters(), max_size=60) | st.lists(st.sampled_from(["..", ".", "", "a", "/", "\\", "\x00", "CON", " "]), max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(ids)
def test_any_id_gives_a_safe_path(id):
    assert_safe(safe_relative_path(id))


@settings(max_examples=500, deadline=None)
@given(ids, ids)
def test_distinct_ids_give_distinct_paths(first, second):
    if first != second:
        assert safe_relative_path(first) != safe_relative_path(second)


@pytest.mark.parametrize("format", ["jsonl", "json", "text"])
def test_a_lone_surrogate_in_an_article_does_not_stop_the_writer(tmp_path, format):
    import json

    from cleaner import Cleaner
    from cleaner.write import RecordWriter

    runner = Cleaner.from_config()
    path = tmp_path / "out"
    with open(path, "w", encoding="utf-8") as stream:
        writer = RecordWriter(stream, format)
        writer.write(runner.clean_text("Headline\n\nBroken \ud800 character.", id="broken"))
        writer.write(runner.clean_text("Headline\n\nFine.", id="fine"))
        writer.close()
    written = path.read_text(encoding="utf-8")
    if format == "text":
        assert "Broken \\ud800 character." in written and "Fine." in written
    else:
        records = json.loads(written) if format == "json" else [json.loads(line) for line in written.splitlines()]
        assert [record["text"] for record in records] == ["Broken \ud800 character.", "Fine."]


@pytest.mark.parametrize(
    "record",
    [
        {"id": "a", "text": "Plain “curly” text", "n": 3, "metadata": {"tags": ["x"]}},
        {"id": "lone", "text": "a \ud800 surrogate from a JSON input"},
        {"id": "big", "count": 2**70},
        {"id": "keys", "fields": {1: "a key that is not a string"}},
    ],
)
def test_a_json_line_reads_back_as_the_record(record):
    """orjson writes what it can; what it refuses (lone surrogates, integers past 64 bits,
    keys that are not strings) the standard library writes, so no record is lost."""
    import json

    line = json_line(record)
    assert line.endswith("\n") and "\n" not in line[:-1]
    expected = json.loads(json.dumps(record))
    assert json.loads(line) == expected
