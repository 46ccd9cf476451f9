"""cleaner as a datatrove pipeline step: real pipelines on a local executor give the records
``cleaner clean`` writes for the same inputs, and the stats count what each plugin removed."""

import gc
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from datatrove.data import Document, Media, MediaType
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader, WarcReader
from datatrove.pipeline.writers import JsonlWriter

import cleaner
from cleaner import Cleaner, ConfigError
from cleaner.model import Mark
from cleaner.datatrove import ArticleCleaner, shallow_adapter
from conftest import ROOT, SEED, plugin_folder, write_warc

FIXTURES = ROOT / "tests" / "fixtures"


def cli_records(*inputs):
    """What ``cleaner clean`` writes for `inputs`, by id."""
    result = subprocess.run(
        [sys.executable, "-m", "cleaner.cli", "clean", "-q", "--workers", "1", *map(str, inputs)],
        capture_output=True, text=True, cwd=ROOT, stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    return {record["id"]: record for record in map(json.loads, result.stdout.splitlines())}


def written(folder):
    return [json.loads(line) for path in sorted(Path(folder).glob("*.jsonl")) for line in path.read_text("utf-8").splitlines()]


def run_pipeline(tmp_path, reader, step, tasks=2):
    logs = tmp_path / "logs"
    LocalPipelineExecutor(
        pipeline=[reader, step, JsonlWriter(str(tmp_path / "out"), compression=None)],
        tasks=tasks, logging_dir=str(logs),
    ).run()
    [stats] = [step["stats"] for step in json.loads((logs / "stats.json").read_text()) if "cleaner" in step["name"]]
    # A stats file writes a count as a bare number where its every value was 1.
    totals = {name: value if isinstance(value, (int, float)) else value["total"] for name, value in stats.items()}
    return written(tmp_path / "out"), totals, logs


def assert_same_as_cli(document, record):
    """The document carries the CLI's record: the clean text, and the rest in its metadata."""
    metadata = document["metadata"]
    assert document["text"] == record["text"]
    assert metadata["title"] == record["title"]
    for key, value in record["metadata"].items():
        assert metadata[key] == value, key
    assert metadata["removed"] == record["removed"]
    assert metadata["errors"] == record["errors"]


@pytest.fixture(scope="module")
def articles():
    """The seed and every fixture article, as JSON records."""
    paths = [SEED, *sorted(FIXTURES.glob("*/*.txt"))]
    return [{"id": path.stem, "text": path.read_text(encoding="utf-8")} for path in paths]


def test_a_text_pipeline_of_two_tasks_gives_the_records_of_cleaner_clean(tmp_path, articles):
    source = tmp_path / "in"
    source.mkdir()
    for part in range(2):  # one file a task
        with (source / f"part{part}.jsonl").open("w", encoding="utf-8") as out:
            out.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in articles[part::2])
    expected = cli_records(source)

    documents, stats, logs = run_pipeline(tmp_path, JsonlReader(str(source)), ArticleCleaner())

    assert sorted(document["id"] for document in documents) == sorted(expected) and len(expected) == len(articles)
    for document in documents:
        assert_same_as_cli(document, expected[document["id"]])
        assert document["metadata"]["file_path"].endswith(".jsonl")  # what the reader put there stays
    assert sorted(path.name for path in (logs / "stats").iterdir()) == ["00000.json", "00001.json"]
    by_plugin = Counter(entry["plugin"] for record in expected.values() for entry in record["removed"])
    assert {name: stats[f"removed_{name}"] for name in by_plugin} == dict(by_plugin)
    assert stats["removed_blocks"] == sum(by_plugin.values())
    assert stats["total"] == stats["forwarded"] == len(articles)
    assert "failed" not in stats and "dropped" not in stats


PAGE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>The harbour authority said on Friday that the new ferry terminal would open in May, two "
    "months later than planned, because parts for the loading ramps arrived late from the yard.</p>"
    "<p>Advertisement</p>"
    "<p>Passengers will keep using the old terminal until then, and timetables will not change, "
    "a spokeswoman said, adding that the delay would not raise the cost of the project.</p>"
    "<h2>Read more</h2><ul><li>Harbour dredging to start in June after years of delay</li>"
    "<li>Council approves new bus routes to the ferry terminal</li></ul>"
    "</article></body></html>"
)


def test_an_html_pipeline_from_a_warc_file_gives_the_records_of_cleaner_clean(tmp_path):
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    pages = [(f"https://news.example/{n}", "response", "text/html; charset=utf-8", PAGE.format(title=title).encode())
             for n, title in enumerate(["Ferry terminal opens late", "Terminal delay explained", "Ramps arrive"])]
    write_warc(crawl / "a.warc.gz", pages[:2], gzip=True)
    write_warc(crawl / "b.warc.gz", pages[2:], gzip=True)
    expected = {record["metadata"]["url"]: record for record in cli_records(crawl).values()}

    documents, stats, _ = run_pipeline(tmp_path, WarcReader(str(crawl)), ArticleCleaner(mode="html"))

    assert sorted(document["metadata"]["url"] for document in documents) == sorted(expected) and len(expected) == 3
    for document in documents:
        record = expected[document["metadata"]["url"]]
        assert_same_as_cli(document, record)
        assert document["text"].startswith("The harbour authority") and "Advertisement" not in document["text"]
        assert document["metadata"]["related"]
        # WarcReader's capture date is kept, under `input`, where cleaner's `date` is the page's.
        assert document["metadata"]["input"]["date"].startswith("20")
    assert stats["removed_prompts"] == 3


def clean(step, *documents):
    return list(step.run(iter(documents)))


def test_a_failed_article_keeps_its_text_and_carries_its_errors():
    step = ArticleCleaner(config={"limits": {"max_article_bytes": 20}})
    text = "A headline\n\nA body far longer than twenty characters."
    [document] = clean(step, Document(text=text, id="long"))
    assert document.text == text
    assert document.metadata["removed"] == []
    assert "article size limit" in document.metadata["errors"][0]["message"]
    assert step.stats["failed"].total == 1 and step.stats["forwarded"].total == 1


def test_a_failed_article_is_dropped_to_the_exclusion_writer_when_asked(tmp_path):
    excluded = JsonlWriter(str(tmp_path / "excluded"), compression=None)
    step = ArticleCleaner(config={"limits": {"max_article_bytes": 20}}, on_error="drop", exclusion_writer=excluded)
    assert clean(step, Document(text="A headline\n\nA body far longer than twenty characters.", id="long")) == []
    [dropped] = written(tmp_path / "excluded")
    assert dropped["id"] == "long" and dropped["metadata"]["filter_reason"] == "failed"
    assert "article size limit" in dropped["metadata"]["errors"][0]["message"]
    assert step.stats["dropped_failed"].total == 1


def test_an_article_that_was_all_furniture_is_dropped_unless_asked_to_keep_it():
    furniture = "A headline\n\nAdvertisement\n\nSign up to our newsletter"
    step = ArticleCleaner()
    assert clean(step, Document(text=furniture, id="a")) == []
    assert step.stats["dropped_empty"].total == 1
    assert (step.stats["removed_prompts"].total, step.stats["removed_prompts"].n) == (2, 1)  # blocks, articles
    [kept] = clean(ArticleCleaner(drop_empty=False), Document(text=furniture, id="a"))
    assert kept.text == "" and [entry["plugin"] for entry in kept.metadata["removed"]] == ["title", "prompts", "prompts"]


def test_config_file_and_plugin_folder_as_on_the_command_line(tmp_path):
    config = tmp_path / "my.yaml"
    config.write_text("plugins:\n  captions:\n    enabled: false\n", encoding="utf-8")
    plugins = plugin_folder(tmp_path, "nobody", (
        "import cleaner\nfrom cleaner.model import Mark\n\n@cleaner.hookimpl\ndef cleaner_mark_blocks(article):\n"
        "    return [Mark(b, rule='nobody', reason='test') for b in article.kept_blocks() if 'Nobody' in b.text]\n"
    ))
    text = SEED.read_text(encoding="utf-8") + "\n\nNobody wants this line."
    [document] = clean(ArticleCleaner(config=str(config), plugin_dirs=[plugins]), Document(text=text, id="seed"))
    assert document.metadata["captions"] == []
    assert "Nobody" not in document.text
    assert document.metadata["removed"][-1]["plugin"] == "nobody"


def test_auto_mode_tells_pages_from_text():
    step = ArticleCleaner(mode="auto")
    page, text = clean(
        step,
        Document(text=PAGE.format(title="Ferry terminal opens late"), id="page"),
        Document(text="A headline\n\nA body paragraph, as scraped.", id="text"),
    )
    assert page.metadata["title"] == "Ferry terminal opens late" and page.text.startswith("The harbour authority")
    assert (text.metadata["title"], text.text) == ("A headline", "A body paragraph, as scraped.")


def test_a_url_in_the_metadata_names_the_site_and_other_metadata_stays():
    [document] = clean(
        ArticleCleaner(),
        Document(text="A headline\n\nA body.", id="a", metadata={"url": "https://www.news.example/a", "dump": "CC-1"}),
    )
    assert document.metadata["site"] == "news.example" and document.metadata["dump"] == "CC-1"
    assert "input" not in document.metadata


def test_the_language_in_the_metadata_chooses_a_short_documents_words():
    """As datatrove's LanguageFilter leaves it: a note too short to tell by its stopwords."""
    text = "The council met on Monday.\n\nLesen Sie auch\n\nThe vote was close."
    english, unstated = clean(
        ArticleCleaner(), Document(text=text, id="en", metadata={"language": "en"}), Document(text=text, id="none"),
    )
    assert "Lesen Sie auch" in english.text and english.metadata["language"] == "en"
    assert "Lesen Sie auch" not in unstated.text


def test_bad_options_and_a_bad_config_stop_the_pipeline_before_it_runs(tmp_path):
    with pytest.raises(ValueError, match="mode must be one of text, html, auto"):
        ArticleCleaner(mode="pdf")
    with pytest.raises(ValueError, match="on_error must be one of keep, drop"):
        ArticleCleaner(on_error="skip")
    with pytest.raises(ConfigError, match="plugins.promo.max_itemz: unknown key"):
        ArticleCleaner(config={"plugins": {"promo": {"max_itemz": 3}}})


@pytest.mark.parametrize("expand_metadata", [False, True])
def test_the_shallow_adapter_gives_what_the_writers_default_adapter_gives(tmp_path, expand_metadata):
    [document] = clean(ArticleCleaner(), Document(text=SEED.read_text(encoding="utf-8"), id="seed", metadata={"dump": "CC"}))
    document.media.append(Media(id="m", type=MediaType.IMAGE, url="https://news.example/a.jpg", media_bytes=b"\xff"))
    writer = JsonlWriter(str(tmp_path), expand_metadata=expand_metadata)
    assert shallow_adapter(writer, document) == writer.adapter(document)
    assert shallow_adapter(writer, document)["media"][0]["media_bytes"] is None


class MarksUntilStopped:
    """A runaway rule that lets the garbage collector run, as any allocation may."""

    @cleaner.hookimpl
    def cleaner_mark_blocks(self, article):
        gc.collect()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            time.sleep(0.001)
            yield Mark(article.blocks[0], "again", "never done")


# The collection may take the first stop and lose it (Python prints it as ignored); the timer
# stops the rule again (cleaner.budget.RETRY_SECONDS).
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_step_left_unfinished_takes_no_time_budget_from_another_cleaner():
    runner = Cleaner.from_config({"limits": {"time_budget_seconds": 0.2}}, plugins=[MarksUntilStopped()])
    step = ArticleCleaner()
    gc.disable()  # so that the step's generator is collected in the rule, not before
    try:
        unfinished = step.run(iter([Document(text="A headline\n\nBody.", id="a"), Document(text="B\n\nBody.", id="b")]))
        next(unfinished)
        cycle = [unfinished, None]
        cycle[1] = cycle  # only the garbage collector frees it
        del unfinished, cycle
        article = runner.clean_text("Title\n\nBody sentence.", id="stuck")
    finally:
        gc.enable()
    assert any("exceeded the time budget of 0.2 s" in problem.message for problem in article.problems), article.problems
