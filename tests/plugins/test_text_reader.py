from cleaner.model import Source
from plugins.text_reader import Options, cleaner_read_source, split_lines


def read(path):
    return list(cleaner_read_source(source=Source(name=str(path), path=path), options=Options()))


def test_blocks_are_lines_with_paragraphs_and_line_numbers():
    blocks = split_lines("Title\n\nOne\nTwo\n\n\nThree\n")
    assert [(b.text, b.paragraph, b.line) for b in blocks] == [
        ("Title", 0, 1),
        ("One", 1, 3),
        ("Two", 1, 4),
        ("Three", 2, 7),
    ]


def test_only_its_suffixes_are_claimed(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<p>x</p>")
    assert cleaner_read_source(source=Source(name=str(path), path=path), options=Options()) is None


def test_utf8_article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Título\n\nCafé au lait.", encoding="utf-8")
    [document] = read(path)
    assert document.content == "Título\n\nCafé au lait."
    assert document.problems == []
    assert document.id == "a"


def test_non_utf8_is_decoded_and_said(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le café est très chaud à Genève, déjà.\n\nÇa coûte cher.".encode("cp1252"))
    [document] = read(path)
    assert "café" in document.content and "Ça coûte" in document.content
    [problem] = document.problems
    assert not problem.fatal
    assert "not valid UTF-8" in problem.message and str(path) in problem.message


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("Headline\n\nBody.".encode("utf-16"))
    [document] = read(path)
    assert document.content == "Headline\n\nBody."
    assert document.problems == []


def test_binary_file_is_an_error_naming_it(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    [document] = read(path)
    [problem] = document.problems
    assert problem.fatal and "binary" in problem.message and str(path) in problem.message


def test_empty_file_is_an_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n ")
    [document] = read(path)
    assert document.problems[0].fatal and "empty" in document.problems[0].message


def test_text_without_blank_lines_has_a_paragraph_per_line():
    blocks = split_lines("Headline\nFirst paragraph, a sentence.\nSecond paragraph, another.")
    assert [b.paragraph for b in blocks] == [0, 1, 2]


def test_hard_wrapped_text_stays_one_paragraph():
    blocks = split_lines("The council voted on Tuesday to approve\nthe plan, which will cost two million\npounds over three years.")
    assert [b.paragraph for b in blocks] == [0, 0, 0]
