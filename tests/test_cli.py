"""End to end through the `cleaner` command, on seeds/ and on bad inputs."""

import json
import random
import subprocess
import sys

import pytest

from cleaner.cli import EXIT_BROKEN_PIPE, main
from conftest import ROOT, SEED, SEEDS


def run(*args, cwd=None):
    """Run ``cleaner`` with nothing on its standard input (with no INPUT, it would read a pipe)."""
    return subprocess.run(
        [sys.executable, "-m", "cleaner.cli", *map(str, args)],
        capture_output=True, text=True, cwd=cwd or ROOT, stdin=subprocess.DEVNULL,
    )


def records(stdout):
    return [json.loads(line) for line in stdout.splitlines()]


def seed_paragraphs():
    return [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def test_seed_article_comes_out_exactly_right():
    result = run("clean", SEED, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    [record] = records(result.stdout)
    paragraphs = seed_paragraphs()
    title, caption = paragraphs[0], paragraphs[1]
    promo = next(p for p in paragraphs if p.startswith("Don’t miss"))
    body = [p for p in paragraphs[2:-1] if p is not promo]
    assert len(body) == 22
    assert record["id"] == "000_0b81a6bb6a602c60"
    assert record["title"] == title
    assert record["metadata"]["captions"] == [caption]
    assert record["metadata"]["related"] == [line.replace("[LATEST]", "") for line in promo.split("\n")[1:]]
    assert record["metadata"]["attribution"] == ["Source: Read Full Article"]
    assert record["text"] == "\n\n".join(body)
    removed = {entry["text"]: entry for entry in record["removed"]}
    for line in promo.split("\n") + ["Source: Read Full Article"]:
        assert removed[line]["plugin"] in ("promo", "attribution")
        assert removed[line]["reason"]
    assert record["errors"] == []


def test_output_dash_is_standard_output(tmp_path):
    result = run("clean", SEED, "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert records(result.stdout) == records(run("clean", SEED).stdout)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda text: text.replace("Don’t miss", "Don’t\u00a0miss"), id="no-break-space-in-heading"),
        pytest.param(lambda text: text.replace(" the ", "\u00a0the\u2009"), id="no-break-and-thin-spaces"),
        pytest.param(lambda text: text.replace("’", "'"), id="straight-apostrophes"),
        pytest.param(lambda text: text.replace("\n", "\r"), id="old-mac-line-ends"),
        pytest.param(lambda text: text.replace("\n", "\r\n"), id="windows-line-ends"),
        pytest.param(lambda text: text.replace("’", "&#8217;").replace("…", "&hellip;"), id="html-entities-left-in"),
    ],
)
def test_the_seed_written_otherwise_is_cleaned_the_same(tmp_path, variant):
    """Scraped text comes with other spaces, quotes and line ends: the same lines go, with the same metadata."""
    variant_file = tmp_path / SEED.name
    variant_file.write_bytes(variant(SEED.read_text(encoding="utf-8")).encode("utf-8"))
    [expected] = records(run("clean", SEED).stdout)
    result = run("clean", variant_file)
    assert result.returncode == 0, result.stderr
    [record] = records(result.stdout)
    assert [(entry["line"], entry["plugin"], entry["rule"]) for entry in record["removed"]] == [
        (entry["line"], entry["plugin"], entry["rule"]) for entry in expected["removed"]
    ]
    # The metadata holds the lines as they came in: the seed's, written the variant's way.
    assert record["metadata"] == json.loads(variant(json.dumps(expected["metadata"], ensure_ascii=False)))
    assert " ".join(record["text"].split()) == " ".join(variant(expected["text"]).split())


def test_folder_input_and_text_format():
    result = run("clean", SEEDS, "--format", "text")
    assert result.returncode == 0
    assert "Don’t miss" not in result.stdout
    assert result.stdout.startswith("Daring attacks in the Belgorod region")


def test_json_format_is_one_array(tmp_path):
    output = tmp_path / "out.json"
    assert main(["clean", str(SEED), "--format", "json", "-o", str(output), "-q"]) == 0
    data = json.loads(output.read_text(encoding="utf-8"))
    assert isinstance(data, list) and data[0]["id"] == "000_0b81a6bb6a602c60"


def test_text_format_with_several_articles_has_headers(tmp_path):
    (tmp_path / "a.txt").write_text("Headline A\n\nBody of A.")
    (tmp_path / "b.txt").write_text("Headline B\n\nBody of B.")
    result = run("clean", tmp_path, "--format", "text")
    assert result.stdout == "==> a <==\nBody of A.\n\n==> b <==\nBody of B.\n"


def test_bad_inputs_get_error_records_and_the_run_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("Headline\n\nA body paragraph.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03binary")
    (tmp_path / "latin.txt").write_bytes("Título\n\nEl niño comió piña en España.".encode("cp1252"))
    empty_folder = tmp_path / "nothing"
    empty_folder.mkdir()
    result = run("clean", tmp_path / "missing.txt", tmp_path, empty_folder)
    assert result.returncode == 1
    by_id = {record["id"]: record for record in records(result.stdout)}
    assert set(by_id) == {"missing", "good", "empty", "binary", "latin", "nothing"}
    assert by_id["good"]["text"] == "A body paragraph." and by_id["good"]["errors"] == []
    assert "no such file" in by_id["missing"]["errors"][0]["message"]
    assert "empty file" in by_id["empty"]["errors"][0]["message"]
    assert "binary" in by_id["binary"]["errors"][0]["message"]
    assert "no articles found" in by_id["nothing"]["errors"][0]["message"]
    latin = by_id["latin"]
    assert latin["text"] == "El niño comió piña en España."
    assert latin["errors"][0]["level"] == "warning" and "not valid UTF-8" in latin["errors"][0]["message"]
    for name in ("missing.txt", "empty.txt", "binary.txt", "nothing"):
        assert name in result.stderr


def test_random_bytes_without_nul_are_a_binary_file_and_exit_1(tmp_path):
    path = tmp_path / "rand.txt"
    path.write_bytes(random.Random(0).randbytes(3000).replace(b"\x00", b""))
    result = run("clean", path)
    assert result.returncode == 1
    [record] = records(result.stdout)
    assert record["text"] == "" and record["title"] is None
    [error] = record["errors"]
    assert error["level"] == "error"
    assert error["message"].startswith(f"{path}: binary file (") and error["message"].endswith("), not text")
    assert f"{path}: binary file" in result.stderr


def test_explicit_file_of_unknown_kind_is_an_error(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_bytes(b"%PDF-1.4")
    result = run("clean", path)
    assert result.returncode == 1
    assert "no reader takes this kind of file" in records(result.stdout)[0]["errors"][0]["message"]


def test_config_error_exits_2_and_names_the_key(tmp_path):
    config = tmp_path / "bad.yaml"
    config.write_text("plugins:\n  promo:\n    max_items: -x-\n")
    result = run("clean", SEED, "--config", config)
    assert result.returncode == 2
    assert "bad.yaml: plugins.promo.max_items" in result.stderr
    assert result.stdout == ""


def test_usage_error_exits_2():
    assert run("clean").returncode == 2
    assert run("clean", SEED, "--format", "xml").returncode == 2


def test_plugins_dir_on_the_command_line(tmp_path):
    (tmp_path / "nobody.py").write_text(
        "import cleaner\nfrom cleaner.model import Mark\n\n"
        "@cleaner.hookimpl\ndef cleaner_mark_blocks(article):\n"
        "    return [Mark(b, 'all', 'test: remove every line') for b in article.kept_blocks()]\n"
    )
    result = run("clean", SEED, "--plugins-dir", tmp_path)
    [record] = records(result.stdout)
    assert record["text"] == ""
    assert {entry["plugin"] for entry in record["removed"]} >= {"nobody"}


def test_plugins_command_lists_built_ins_and_folder_plugins(tmp_path):
    (tmp_path / "mysite.py").write_text("import cleaner\n\n@cleaner.hookimpl\ndef cleaner_mark_blocks(article):\n    return None\n")
    result = run("plugins", "--plugins-dir", tmp_path)
    assert result.returncode == 0
    for name in ("title", "promo", "captions", "attribution", "prompts", "whitespace", "text_reader", "mysite"):
        assert f"\n{name}\n" in "\n" + result.stdout
    assert str(tmp_path / "mysite.py") in result.stdout
    assert "entry point of article-cleaner" in result.stdout


def test_trace_shows_every_hook_call(monkeypatch):
    result = subprocess.run(
        [sys.executable, "-m", "cleaner.cli", "clean", str(SEED)],
        capture_output=True, text=True, env={**__import__("os").environ, "CLEANER_TRACE": "1"},
    )
    assert "[cleaner] cleaner_mark_blocks <promo>" in result.stderr
    assert "[cleaner] cleaner_read_source <text_reader>" in result.stderr


def test_json_lines_on_standard_input_with_site_flag():
    lines = "\n".join(
        [
            json.dumps({"id": "a", "text": "Headline\n\nA body paragraph.", "section": "news"}),
            json.dumps({"id": "b", "url": "https://www.elsewhere.example/x", "text": "Headline\n\nAnother body."}),
            "not json",
        ]
    )
    result = subprocess.run(
        [sys.executable, "-m", "cleaner.cli", "clean", "-", "--site", "example.org"],
        input=lines, capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 1
    a, b, broken = records(result.stdout)
    assert (a["id"], a["text"], a["section"], a["metadata"]["site"]) == ("a", "A body paragraph.", "news", "example.org")
    assert b["metadata"]["site"] == "elsewhere.example"
    assert "-: line 3: not valid JSON" in broken["errors"][0]["message"]


@pytest.fixture(scope="module")
def many_articles(tmp_path_factory):
    """A failed article, then 300 good ones: megabytes of output, far more than a pipe holds."""
    folder = tmp_path_factory.mktemp("many")
    (folder / "000_empty.txt").write_text("")
    text = SEED.read_text(encoding="utf-8")
    for number in range(1, 301):
        (folder / f"{number:03}.txt").write_text(text, encoding="utf-8")
    return folder


def first_line_then_close(*args):
    """Run `cleaner` as `cleaner ... | head -1` would: read one line of its output, then close it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "cleaner.cli", *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    )
    first = process.stdout.readline().decode("utf-8")
    process.stdout.close()
    stderr = process.stderr.read().decode("utf-8")
    return first, process.wait(timeout=120), stderr


@pytest.mark.parametrize(
    "command, first",
    [
        (["explain"], "== 000_empty ("),
        (["clean", "-q", "--format", "text"], "==> 000_empty <=="),
        (["clean", "-q", "--workers", "1"], '{"id":"000_empty"'),
        (["clean", "-q", "--workers", "2"], '{"id":"000_empty"'),
    ],
)
def test_a_reader_that_stops_early_ends_the_run_quietly_with_status_141(many_articles, command, first):
    line, status, stderr = first_line_then_close(*command, many_articles)
    assert line.startswith(first)
    assert status == EXIT_BROKEN_PIPE == 141
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr and "Exception ignored" not in stderr


def test_records_written_before_the_pipe_closed_stay_whole(many_articles, tmp_path):
    errors = tmp_path / "errors.jsonl"
    line, status, _ = first_line_then_close("clean", "-q", many_articles, "--errors", errors)
    assert status == 141
    assert json.loads(line)["id"] == "000_empty"
    [failed] = records(errors.read_text(encoding="utf-8"))
    assert failed["id"] == "000_empty" and "empty file" in failed["errors"][0]["message"]
