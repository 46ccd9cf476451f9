from cleaner.model import Source
from cleaner_plugins.warc_reader import Options, cleaner_read_source
from conftest import write_warc

PAGE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>The harbour authority said on Friday that the new ferry terminal would open in May, two "
    "months later than planned, because parts for the loading ramps arrived late from the yard.</p>"
    "<p>Passengers will keep using the old terminal until then, and timetables will not change, "
    "a spokeswoman said, adding that the delay would not raise the cost of the project.</p>"
    "</article></body></html>"
)


def page(title):
    return PAGE.format(title=title).encode("utf-8")


def read(path):
    return list(cleaner_read_source(source=Source(name=str(path), path=path), options=Options()))


def test_html_responses_become_documents_and_other_records_are_counted(tmp_path):
    for name, gzip in (("crawl.warc", False), ("crawl.warc.gz", True)):
        path = tmp_path / name
        write_warc(
            path,
            [
                ("https://port.example/ferry", "response", "text/html; charset=utf-8", page("Ferry terminal delayed")),
                ("https://port.example/logo.png", "response", "image/png", b"\x89PNG\r\n\x1a\n"),
                ("https://port.example/", "metadata", "application/json", b"{}"),
                ("https://port.example/ramp", "response", "text/html", page("Ramp parts late")),
            ],
            gzip=gzip,
        )
        first, second = read(path)
        assert (first.url, first.media_type, first.id) == ("https://port.example/ferry", "text/html", "https://port.example/ferry")
        assert "Ferry terminal delayed" in first.content
        assert first.fields["warc_record_id"].startswith("<urn:uuid:")
        assert second.url == "https://port.example/ramp"
        assert first.problems == []
        [note] = second.problems
        assert not note.fatal
        assert "1 image/png response(s)" in note.message and "1 metadata record(s)" in note.message


def test_truncated_record_is_an_error_and_the_records_before_it_are_kept(tmp_path):
    path = tmp_path / "cut.warc"
    write_warc(
        path,
        [
            ("https://port.example/ferry", "response", "text/html", page("Ferry terminal delayed")),
            ("https://port.example/ramp", "response", "text/html", page("Ramp parts late")),
        ],
    )
    data = path.read_bytes()
    path.write_bytes(data[:-120])
    first, cut = read(path)
    assert first.problems == [] and "Ferry terminal delayed" in first.content
    [problem] = cut.problems
    assert problem.fatal
    assert str(path) in problem.message and "record 2" in problem.message and "truncated" in problem.message


def test_cleaning_a_warc_end_to_end(default_cleaner, tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(
        path,
        [
            ("https://www.port.example/ferry", "response", "text/html", page("Ferry terminal delayed")),
            ("https://www.port.example/a.pdf", "response", "application/pdf", b"%PDF-1.4"),
            ("https://www.port.example/ramp", "response", "text/html", page("Ramp parts late")),
        ],
        gzip=True,
    )
    path.write_bytes(path.read_bytes()[:-30])
    articles = list(default_cleaner.clean_paths([str(path)]))
    assert len(articles) == 2
    good, broken = articles
    assert good.site == "port.example" and not good.failed
    assert "ferry terminal would open in May" in good.text
    assert broken.failed and any("record 3" in problem.message for problem in broken.problems)


def test_archive_without_html_is_one_failed_record(tmp_path):
    path = tmp_path / "images.warc"
    write_warc(path, [("https://port.example/logo.png", "response", "image/png", b"\x89PNG")])
    [document] = read(path)
    assert document.problems[0].fatal and "no HTML response record" in document.problems[0].message


def test_other_suffixes_are_left_to_other_readers(tmp_path):
    assert cleaner_read_source(source=Source(name="a.html", path=tmp_path / "a.html"), options=Options()) is None
