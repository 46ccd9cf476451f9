import io
import json
import sys

from cleaner.model import Source
from cleaner.read import standard_input
from cleaner_plugins.jsonl_reader import Options, cleaner_read_source

HTML = (
    "<html><head><title>Storm closes coastal road</title></head><body><article>"
    "<p>A winter storm closed the coastal road on Monday after waves washed stones and sand over "
    "both lanes near the harbour, the highways office said in a statement.</p>"
    "<p>Crews expect to reopen the road on Wednesday once the sea wall has been inspected by the "
    "engineers who built it, and drivers are asked to use the inland route.</p>"
    "</article></body></html>"
)


def read(path):
    return list(cleaner_read_source(source=Source(name=str(path), path=path), options=Options()))


def write_lines(path, *lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_text_and_html_records_with_their_fields(tmp_path):
    path = tmp_path / "scrape.jsonl"
    write_lines(
        path,
        json.dumps({"id": "a1", "url": "https://news.example.com/a", "text": "Headline\n\nBody.", "lang": "en"}),
        json.dumps({"url": "https://www.other.example/b", "html": HTML, "crawl": {"depth": 2}}),
    )
    text, page = read(path)
    assert (text.id, text.media_type, text.url, text.content) == ("a1", "text/plain", "https://news.example.com/a", "Headline\n\nBody.")
    assert text.fields == {"lang": "en"}
    assert (page.id, page.media_type) == ("scrape:2", "text/html")
    assert page.fields == {"crawl": {"depth": 2}}
    assert page.source == f"{path}:2"


def test_bad_lines_become_failed_records_naming_file_and_line(tmp_path):
    path = tmp_path / "mixed.jsonl"
    write_lines(
        path,
        json.dumps({"text": "First article.\n\nIts body."}),
        "{not json",
        json.dumps({"url": "https://x.example", "title": "no body"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"text": "Last article.\n\nIts body."}),
    )
    documents = read(path)
    assert len(documents) == 5
    first, broken, empty, listed, last = documents
    assert first.problems == [] and last.problems == [] and last.content.startswith("Last article")
    assert f"{path}: line 2: not valid JSON" in broken.problems[0].message
    assert f"{path}: line 3: the record has neither a 'text' nor an 'html' string" == empty.problems[0].message
    assert "line 4: expected a JSON object, got list" in listed.problems[0].message
    assert all(document.problems[0].fatal for document in (broken, empty, listed))


def test_json_file_with_one_record_or_a_list(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "x", "text": "A.\n\nB."}, indent=2), encoding="utf-8")
    several = tmp_path / "several.json"
    several.write_text(json.dumps([{"text": "A."}, {"html": HTML}]), encoding="utf-8")
    assert [d.id for d in read(one)] == ["x"]
    assert [d.media_type for d in read(several)] == ["text/plain", "text/html"]


def test_other_suffixes_are_left_to_other_readers(tmp_path):
    assert cleaner_read_source(source=Source(name="a.txt", path=tmp_path / "a.txt"), options=Options()) is None


def test_stdin_is_read_as_json_lines(monkeypatch):
    lines = json.dumps({"id": "s1", "text": "From a pipe.\n\nBody."}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode("utf-8"))))
    [document] = cleaner_read_source(source=standard_input(), options=Options())
    assert document.id == "s1" and document.content.startswith("From a pipe.")


def test_records_are_cleaned_and_fields_pass_through_to_the_output(default_cleaner, tmp_path):
    from cleaner.write import to_record

    path = tmp_path / "scrape.jsonl"
    write_lines(
        path,
        json.dumps({"id": "p1", "url": "https://www.news.example.com/storm", "html": HTML, "section": "weather"}),
        "oops",
    )
    page, broken = [to_record(article) for article in default_cleaner.clean_paths([str(path)])]
    assert page["section"] == "weather"
    assert page["metadata"]["site"] == "news.example.com"
    assert "A winter storm closed the coastal road" in page["text"]
    assert page["errors"] == []
    assert broken["errors"][0]["level"] == "error" and "line 2" in broken["errors"][0]["message"]
