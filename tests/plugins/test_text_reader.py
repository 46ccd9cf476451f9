import gzip
import pickle
import random

import pytest

from cleaner.config import Limits
from cleaner.model import Source

from conftest import SEED
from cleaner_plugins.text_reader import Options, cleaner_read_source, split_lines


def read(path, limits=Limits()):
    documents = list(cleaner_read_source(source=Source(name=str(path), path=path), options=Options(), limits=limits))
    for document in documents:
        document.load()
    return documents


def test_the_file_is_read_where_the_article_is_cleaned(tmp_path):
    """The reader names the article at once and leaves the reading to `Document.load`, which a
    worker process can run: the document travels unread, and reads the file when loaded."""
    path = tmp_path / "story.txt"
    path.write_text("Headline\n\nBody.", encoding="utf-8")
    [document] = cleaner_read_source(source=Source(name=str(path), path=path, root=tmp_path), options=Options(), limits=Limits())
    assert document.id == "story" and document.content == ""
    shipped = pickle.loads(pickle.dumps(document))
    path.write_text("Headline\n\nBody, as it is when the worker reads it.", encoding="utf-8")
    shipped.load()
    assert shipped.content.endswith("as it is when the worker reads it.") and shipped.problems == []


def test_blocks_are_lines_with_paragraphs_and_line_numbers():
    blocks = split_lines("Title\n\nOne\nTwo\n\n\nThree\n")
    assert [(b.text, b.paragraph, b.line) for b in blocks] == [
        ("Title", 0, 1),
        ("One", 1, 3),
        ("Two", 1, 4),
        ("Three", 2, 7),
    ]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r", "\u2028"])
def test_every_kind_of_line_end_ends_a_line(end):
    blocks = split_lines(end.join(["Title", "", "One", "Two", "", "", "Three", ""]))
    assert [(b.text, b.paragraph, b.line) for b in blocks] == [("Title", 0, 1), ("One", 1, 3), ("Two", 1, 4), ("Three", 2, 7)]


def test_mixed_line_ends_are_each_one_line_end():
    assert [b.line for b in split_lines("a\r\nb\rc\nd")] == [1, 2, 3, 4]
    assert [b.text for b in split_lines("a\r\n\r\nb", max_blocks=1)] == ["a"]


def test_only_its_suffixes_are_claimed(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<p>x</p>")
    assert cleaner_read_source(source=Source(name=str(path), path=path), options=Options(), limits=Limits()) is None


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


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("size", [1_000, 3_000, 50_000])
def test_random_bytes_without_nul_are_a_binary_file_not_text(tmp_path, seed, size):
    path = tmp_path / "rand.txt"
    path.write_bytes(random.Random(seed).randbytes(size).replace(b"\x00", b""))
    [document] = read(path)
    [problem] = document.problems
    assert problem.fatal
    assert problem.message.startswith(f"{path}: binary file (") and problem.message.endswith(
        "control characters or undecodable bytes), not text"
    )


def with_bytes_inserted(data, *inserts):
    """`data` with each (position, bytes) of `inserts` put in, the later positions first."""
    for position, extra in sorted(inserts, reverse=True):
        data = data[:position] + extra + data[position:]
    return data


REAL_TEXT = SEED.read_text(encoding="utf-8")
FRENCH = "Le café est très chaud à Genève, déjà.\n\n« Ça coûte cher », dit-il — c’est l’été.\n"
RUSSIAN = "Президент заявил в понедельник, что переговоры продолжатся.\n\n«Это важно», — сказал он.\n"


def plain_punctuation(text):
    """Latin-1 and KOI8-R have no curly apostrophe or dash, and KOI8-R no guillemets."""
    return text.translate(str.maketrans("’—«»", "'-\"\""))


@pytest.mark.parametrize(
    "text, encoding",
    [
        (REAL_TEXT, "cp1252"),
        (FRENCH * 5, "cp1252"),
        (plain_punctuation(FRENCH) * 5, "latin-1"),
        (RUSSIAN * 5, "cp1251"),
        (plain_punctuation(RUSSIAN) * 5, "koi8-r"),
        (REAL_TEXT, "utf-16"),
        (RUSSIAN * 5, "utf-16"),
    ],
)
def test_text_in_other_encodings_is_not_taken_for_binary(tmp_path, text, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    [document] = read(path)
    assert document.content == text
    assert not any(problem.fatal for problem in document.problems)


def test_a_cp1252_article_with_a_few_odd_bytes_is_an_article_with_a_warning(tmp_path):
    path = tmp_path / "odd.txt"
    text = REAL_TEXT + "\n" + FRENCH
    undefined_in_cp1252 = [(500, b"\x81"), (1500, b"\x8d"), (3000, b"\x9d"), (3500, b"\x1a")]
    path.write_bytes(with_bytes_inserted(text.encode("cp1252"), *undefined_in_cp1252))
    [document] = read(path)
    [problem] = document.problems
    assert not problem.fatal and "not valid UTF-8" in problem.message
    assert len(document.content) == len(text) + len(undefined_in_cp1252), "a character for every byte"
    assert "Daring attacks in the Belgorod region" in document.content


def test_a_utf8_article_with_one_invalid_byte_is_utf8_with_one_replacement(tmp_path):
    path = tmp_path / "broken.txt"
    text = REAL_TEXT + "\n" + FRENCH + RUSSIAN
    path.write_bytes(with_bytes_inserted(text.encode("utf-8"), (300, b"\xff")))
    [document] = read(path)
    [problem] = document.problems
    assert not problem.fatal and "not valid UTF-8 (byte 300)" in problem.message
    assert document.content.replace("\ufffd", "", 1) == text


def test_an_encoding_guess_that_misses_a_few_bytes_is_used_with_replacements(tmp_path, monkeypatch):
    """Older chardet names cp1251 for Russian text with a byte cp1251 lacks: decoding as cp1251 with
    one replacement keeps the article, where UTF-8 would replace every letter (and call it binary)."""
    monkeypatch.setattr("chardet.detect", lambda data: {"encoding": "windows-1251"})
    path = tmp_path / "russian.txt"
    path.write_bytes(with_bytes_inserted((RUSSIAN * 5).encode("cp1251"), (40, b"\x98")))
    [document] = read(path)
    [problem] = document.problems
    assert not problem.fatal
    assert "decoded as windows-1251" in problem.message and "replaced with U+FFFD" in problem.message
    assert document.content.replace("\ufffd", "", 1) == RUSSIAN * 5


def test_empty_file_is_an_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n ")
    [document] = read(path)
    assert document.problems[0].fatal and "empty" in document.problems[0].message


def test_gzipped_article(tmp_path):
    path = tmp_path / "wire.txt.gz"
    path.write_bytes(gzip.compress("Headline\n\nBody.".encode("utf-8")))
    [document] = read(path)
    assert document.content == "Headline\n\nBody."
    assert document.id == "wire" and document.problems == []


def test_article_over_the_size_limit_is_an_error_naming_file_and_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("Headline\n\n" + "word " * 100)
    [document] = read(path, Limits(max_article_bytes=100))
    [problem] = document.problems
    assert problem.fatal and str(path) in problem.message
    assert "limit of 100 bytes (limits.max_article_bytes)" in problem.message


def test_splitting_stops_one_block_past_the_limit():
    blocks = split_lines("One\n\nTwo\nThree\nFour\n" + "more\n" * 1000, max_blocks=3)
    assert [b.text for b in blocks] == ["One", "Two", "Three"]


def test_text_without_blank_lines_has_a_paragraph_per_line():
    blocks = split_lines("Headline\nFirst paragraph, a sentence.\nSecond paragraph, another.")
    assert [b.paragraph for b in blocks] == [0, 1, 2]


def test_hard_wrapped_text_stays_one_paragraph():
    blocks = split_lines("The council voted on Tuesday to approve\nthe plan, which will cost two million\npounds over three years.")
    assert [b.paragraph for b in blocks] == [0, 0, 0]


def test_paragraph_modes():
    text = "Headline\nFirst paragraph, a sentence.\nSecond paragraph, another."
    assert [b.paragraph for b in split_lines(text, paragraphs="blank_lines")] == [0, 0, 0]
    assert [b.paragraph for b in split_lines("One\n\nTwo\nThree", paragraphs="lines")] == [0, 1, 2]
    assert [b.paragraph for b in split_lines("One\n\nTwo\nThree", paragraphs="auto")] == [0, 1, 1]


def test_a_line_that_is_only_a_markdown_image_is_a_caption_block():
    text = (
        "# Headline\n\n![The river at dawn](https://example.com/river.jpg)\n\n"
        "[![Logo](https://example.com/logo.png)](https://example.com)\n\n"
        "The body says ![an inline image](https://example.com/x.png) in a sentence.\n\n* a list item"
    )
    assert [block.kind for block in split_lines(text)] == ["line", "caption", "caption", "line", "line"]
