import gzip

from cleaner import Cleaner
from cleaner.config import Limits
from cleaner.model import Document, Source
from cleaner_plugins.html_reader import Options, cleaner_read_source, cleaner_segment_document

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Council approves new bridge | The Riverside Gazette</title>
<meta name="author" content="Jane Doe">
<meta name="description" content="The council voted to build a new bridge over the river.">
<meta property="og:site_name" content="The Riverside Gazette">
<meta property="article:published_time" content="2021-03-04">
<link rel="canonical" href="https://www.riverside-gazette.example/news/bridge">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Council approves new bridge</h1>
<p>The town council voted on Tuesday to build a new bridge over the river, ending a debate that
had run for more than a decade and divided the town's two largest neighbourhoods.</p>
<h2>What the bridge will cost</h2>
<p>The bridge will cost about twelve million pounds, paid for by a national grant and by the
town's own reserves, the council's finance officer told the meeting on Tuesday evening.</p>
<p>Work will begin in the spring.<br>It should take two years.</p>
<ul><li>A cycle lane on both sides of the road</li><li>A footpath with benches and lights</li></ul>
<table><tr><td>Year</td><td>Cost</td></tr><tr><td>2022</td><td>five million</td></tr></table>
<blockquote><p>We have waited long enough for this bridge, and now it will be built.</p></blockquote>
<p>Residents will be able to comment on the final design at a public meeting next month.</p>
</article>
<footer>Contact us</footer>
</body></html>"""


def segment(html, url=None, options=None):
    document = Document(id="page", source="page.html", content=html, media_type="text/html", url=url)
    return cleaner_segment_document(document=document, options=options or Options())


def test_blocks_keep_headings_list_items_cells_quotes_and_line_breaks():
    segments = segment(PAGE)
    blocks = [(block.kind, block.text) for block in segments.blocks]
    assert ("heading", "What the bridge will cost") in blocks
    assert ("paragraph", "Work will begin in the spring.") in blocks
    assert ("paragraph", "It should take two years.") in blocks
    assert ("item", "A cycle lane on both sides of the road") in blocks
    assert ("cell", "five million") in blocks
    assert ("quote", "We have waited long enough for this bridge, and now it will be built.") in blocks
    assert not any("Home" in text or "Contact us" in text for _, text in blocks)
    by_text = {block.text: block for block in segments.blocks}
    lane, path = by_text["A cycle lane on both sides of the road"], by_text["A footpath with benches and lights"]
    assert lane.paragraph == path.paragraph, "list items print on consecutive lines"
    assert by_text["Work will begin in the spring."].paragraph == by_text["It should take two years."].paragraph
    assert [block.index for block in segments.blocks] == list(range(len(segments.blocks)))


CODE_PAGE = """<html lang="en"><head><title>Circular imports in Python</title></head><body><article>
<h1>Circular imports in Python</h1>
<p>Say you have two files, <code>a.py</code> and <code>b.py</code>, each of which imports the other,
and the second one is loaded first by the interpreter when the program starts.</p>
<ul><li>Call <code>f()</code> only after both modules are loaded.</li></ul>
<p>In <code>a.py</code>:</p>
<pre><code>import b

def f():
    return b.x
</code></pre>
<p>The interpreter then runs the first file from the top, and stops at the import of the second one.</p>
</article></body></html>"""


def test_inline_code_stays_in_its_sentence_and_a_listing_is_code():
    """A `<code>` in a paragraph is a word of it; cut out as a block of its own it would break the
    sentence into lines ("Say you have two files," / "a.py" / "and" ...)."""
    blocks = [(block.kind, block.text) for block in segment(CODE_PAGE).blocks]
    assert ("paragraph", "In a.py:") in blocks
    assert any(kind == "paragraph" and text.startswith("Say you have two files, a.py and b.py, each") for kind, text in blocks)
    assert ("item", "Call f() only after both modules are loaded.") in blocks
    assert [text for kind, text in blocks if kind == "code"] == ["import b", "def f():", "return b.x"]


def test_page_metadata_is_returned():
    metadata = segment(PAGE).metadata
    assert metadata["title"].startswith("Council approves new bridge")
    assert metadata["author"] == "Jane Doe"
    assert metadata["date"] == "2021-03-04"
    assert metadata["sitename"] == "The Riverside Gazette"
    assert metadata["site"] == "riverside-gazette.example"
    assert metadata["description"].startswith("The council voted")


def test_comments_are_left_out_unless_asked_for():
    page = PAGE.replace(
        "<footer>",
        '<section id="comments" class="comments"><h3>2 Comments</h3><div class="comment">'
        "<p>What a waste of money this bridge is, nobody asked us about it at all.</p></div></section><footer>",
    )
    assert not any("waste of money" in block.text for block in segment(page).blocks)
    with_comments = segment(page, options=Options(include_comments=True))
    assert any("waste of money" in block.text for block in with_comments.blocks)


def test_only_html_documents_are_segmented():
    document = Document(id="t", source="t.txt", content="Plain text.", media_type="text/plain")
    assert cleaner_segment_document(document=document, options=Options()) is None


def test_reads_html_and_gzipped_html_files(tmp_path):
    plain = tmp_path / "bridge.html"
    plain.write_text(PAGE, encoding="utf-8")
    zipped = tmp_path / "bridge2.html.gz"
    zipped.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    for path in (plain, zipped):
        [document] = read_page(path)
        assert document.media_type == "text/html"
        assert "Council approves new bridge" in document.content
        assert document.problems == []
    assert cleaner_read_source(source=Source(name="a.txt", path=tmp_path / "a.txt"), options=Options(), limits=Limits()) is None


def read_page(path):
    documents = list(cleaner_read_source(source=Source(name=str(path), path=path), options=Options(), limits=Limits()))
    for document in documents:
        document.load()
    return documents


def test_cleaning_an_html_page_end_to_end(default_cleaner, tmp_path):
    path = tmp_path / "bridge.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = default_cleaner.clean_paths([str(path)])
    assert not article.failed
    assert article.site == "riverside-gazette.example"
    assert article.metadata.author == "Jane Doe"
    assert article.metadata.title.startswith("Council approves new bridge")
    assert not article.text.startswith("Council approves"), "the repeated headline is removed"
    assert "The town council voted on Tuesday" in article.text
    assert "Residents will be able to comment" in article.text


def test_empty_page_file_is_an_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_bytes(b"")
    [document] = read_page(path)
    assert document.problems[0].fatal and "empty" in document.problems[0].message


def test_corrupt_gzip_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "broken.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode("utf-8"))[:40])
    [document] = read_page(path)
    assert document.problems and document.problems[0].fatal
    assert str(path) in document.problems[0].message


def test_with_images_the_text_under_a_picture_is_a_caption_block():
    page = PAGE.replace(
        "<h2>What the bridge will cost</h2>",
        '<figure><img src="bridge.jpg" alt="The planned bridge seen from the harbour">'
        "<p>The planned bridge, seen from the harbour</p></figure>"
        "<h2>What the bridge will cost</h2>",
    )
    captions = [b.text for b in segment(page, options=Options(include_images=True)).blocks if b.kind == "caption"]
    assert captions == ["The planned bridge, seen from the harbour"]
    assert not any(b.kind == "caption" for b in segment(page).blocks)
    assert not any("seen from the harbour" in b.text for b in segment(page).blocks)


def test_caption_blocks_are_filed_under_captions():
    from cleaner import Cleaner

    page = PAGE.replace(
        "<h2>What the bridge will cost</h2>",
        '<figure><img src="bridge.jpg" alt="The planned bridge seen from the harbour">'
        "<p>The planned bridge, seen from the harbour</p></figure><h2>What the bridge will cost</h2>",
    )
    cleaner = Cleaner.from_config({"plugins": {"html_reader": {"include_images": True}}})
    article = cleaner.clean_document(Document(id="p", source="p.html", content=page, media_type="text/html"))
    assert article.metadata.captions == ["The planned bridge, seen from the harbour"]
    assert "seen from the harbour" not in article.text


def test_a_page_without_main_text_is_a_failed_article(default_cleaner):
    html = "<html><head><title>Nothing</title></head><body><script>var x = 1;</script></body></html>"
    article = default_cleaner.clean_document(Document(id="m", source="m.html", content=html, media_type="text/html"))
    assert article.failed
    [problem] = article.problems
    assert problem.plugin == "html_reader" and "no main text" in problem.message


def test_a_page_nested_too_deep_to_read_whole_says_what_is_missing(tmp_path):
    """libxml2 stops at 256 levels: the text after that point is lost, and the record warns of it."""
    body = "Officials said on Monday that the bridge would reopen next month after repairs. " * 3
    page = tmp_path / "deep.html"
    page.write_text(
        f"<html><head><title>Bridge to reopen</title></head><body><article><h1>Bridge to reopen</h1><p>{body}</p>"
        + "<div>" * 300 + f"<p>The last paragraph: {body}</p></article></body></html>",
        encoding="utf-8",
    )
    [article] = Cleaner.from_config().clean_paths([str(page)])
    assert not article.failed and "Officials said on Monday" in article.text
    [warning] = article.problems
    assert not warning.fatal and "Excessive depth" in warning.message and "the rest is missing" in warning.message


def test_a_page_is_decoded_once_and_parsed_once(tmp_path, monkeypatch):
    """The reader decodes the bytes; the segmenter parses the text once, and trafilatura's
    extraction, the metadata and htmldate all read that tree."""
    import lxml.etree
    import trafilatura.utils

    marker = "page-parsed-once"
    path = tmp_path / "bridge.html"
    path.write_text(PAGE.replace("<head>", f'<head><meta name="marker" content="{marker}">'), encoding="utf-8")
    parsed, decoded = [], []
    parse, decode = lxml.etree.fromstring, trafilatura.utils.decode_file

    def counting_parse(text, *args, **kwargs):
        if marker in (text if isinstance(text, str) else text.decode("utf-8", "replace")):
            parsed.append(text)
        return parse(text, *args, **kwargs)

    def counting_decode(content, *args, **kwargs):
        if isinstance(content, bytes):
            decoded.append(content)
        return decode(content, *args, **kwargs)

    monkeypatch.setattr(lxml.etree, "fromstring", counting_parse)
    monkeypatch.setattr(trafilatura.utils, "decode_file", counting_decode)
    for level in ("full", "fast"):
        parsed.clear(), decoded.clear()
        cleaner = Cleaner.from_config({"plugins": {"html_reader": {"metadata": level, "extensive_date_search": True}}})
        [article] = cleaner.clean_paths([str(path)])
        assert article.metadata.author == "Jane Doe" and article.metadata.date == "2021-03-04"
        assert (len(decoded), len(parsed)) == (1, 1), level
