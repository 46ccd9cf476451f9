"""Worker processes: how they start, and how a run outlives one that cannot take a chunk, dies or hangs."""

import multiprocessing
import os
import subprocess
import threading

import pytest

from cleaner import workers
from cleaner.cli import _Progress, main
from conftest import ROOT, command, lines_of, plugin_folder, small_corpus


def two_worker_run(tmp_path, plugin, articles, budget=None):
    """`cleaner clean` with two workers over `articles` small articles and one plugin file
    (``plugin`` is its name and source), with `budget` seconds per article if given: the run and
    the records it wrote. The test fails if the run does not end within two minutes."""
    output = tmp_path / "out.jsonl"
    arguments = ["clean", small_corpus(tmp_path, articles), "--plugins-dir", plugin_folder(tmp_path, *plugin),
                 "-o", output, "-q", "--workers", "2"]
    if budget is not None:
        config = tmp_path / "budget.yaml"
        config.write_text(f"limits:\n  time_budget_seconds: {budget}\n", encoding="utf-8")
        arguments += ["--config", config]
    try:
        run = subprocess.run(command(*arguments), cwd=ROOT, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("the run did not end")
    return run, lines_of(output) if output.exists() else []


def test_the_progress_bar_starts_no_thread_so_the_workers_can_fork():
    """A run's workers fork with the cleaner already built where the process has one thread
    (no lock can be held across the fork), and spawn and build it again otherwise; the progress
    bar must not add a thread."""
    before = threading.active_count()
    with open(os.devnull, "w") as sink:
        bar = _Progress(file=sink)
        try:
            assert threading.active_count() == before
        finally:
            bar.close()


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork here")
def test_workers_fork_only_from_a_process_of_one_thread(monkeypatch):
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert workers._start_method() == "fork"
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert workers._start_method() == "spawn"


STORY_READER = """
import cleaner
from cleaner.read import read_one_article


def decode_story(data):
    return data.decode("utf-8").replace("~", ""), None


@cleaner.hookimpl
def cleaner_read_source(source, limits):
    if not source.has_suffix([".story"]):
        return None
    return read_one_article(source, "text/plain", decode_story, limits.max_article_bytes)
"""


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_a_reader_from_a_plugin_folder_reads_in_the_workers(tmp_path, monkeypatch, start_method):
    """A reader that leaves the reading to the workers, with a decoder of its own defined in a
    plugin file: the document travels unread and the worker finds the decoder, whether it was
    forked with the plugins loaded or started afresh and loaded them again."""
    if start_method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {start_method} here")
    monkeypatch.setattr(workers, "_start_method", lambda: start_method)
    plugins = plugin_folder(tmp_path, "stories", STORY_READER)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(80):
        (corpus / f"{number:03d}.story").write_text(f"Headline {number}\n\nA body ~sentence~ number {number}.", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    status = main(["clean", str(corpus), "--plugins-dir", str(plugins), "-o", str(output), "-q", "--workers", "2"])
    assert status == 0
    records = lines_of(output)
    assert [record["id"] for record in records] == [f"{number:03d}" for number in range(80)]
    assert records[7]["text"] == "A body sentence number 7." and records[7]["errors"] == []


LOOPS_ON_ONE = """
import cleaner


@cleaner.hookimpl
def cleaner_mark_blocks(article):
    while article.id.endswith("077"):
        pass
"""


def test_a_runaway_plugin_is_stopped_in_a_forked_worker(tmp_path):
    """A worker forked while its parent holds the time budget for the batch inherits that state
    but not the parent's timer: it must set its own, or a looping plugin hangs the run."""
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork here")
    run, records = two_worker_run(tmp_path, ("loops", LOOPS_ON_ONE), 150, budget=0.5)
    assert run.returncode == 1, run.stderr
    records = {record["id"]: record for record in records}
    assert len(records) == 150
    assert "exceeded the time budget" in records["a077"]["errors"][0]["message"]


UNPICKLABLE_READER = """
import cleaner


@cleaner.hookimpl
def cleaner_read_source(source):
    if not source.has_suffix([".feed"]):
        return None
    return _documents(source)


def _documents(source):
    for number in range(150):
        document = cleaner.Document(id=f"story{number:03d}", source=f"{source.name}:{number + 1}")
        document.loader = lambda document, number=number: setattr(
            document, "content", f"Headline {number}\\n\\nA body sentence about story {number}."
        )
        yield document
"""


def test_documents_that_cannot_be_sent_to_workers_are_cleaned_in_the_main_process(tmp_path, capsys):
    """A reader's loader that does not pickle (a lambda) must not crash a multi-worker run."""
    plugins = plugin_folder(tmp_path, "feed", UNPICKLABLE_READER)
    (tmp_path / "news.feed").write_text("", encoding="utf-8")
    outputs = {}
    for workers in ("1", "2"):
        outputs[workers] = tmp_path / f"out{workers}.jsonl"
        status = main(["clean", str(tmp_path / "news.feed"), "--plugins-dir", str(plugins), "-o", str(outputs[workers]),
                       "-q", "--workers", workers])
        assert status == 0
    records = lines_of(outputs["2"])
    assert [record["id"] for record in records] == [f"story{number:03d}" for number in range(150)]
    assert records[42]["text"] == "A body sentence about story 42." and records[42]["errors"] == []
    assert records == lines_of(outputs["1"])
    warnings = capsys.readouterr().err.splitlines()
    assert len(warnings) == 1 and "could not be sent to a worker process" in warnings[0]


CRASHES_ON_ONE = """
import os
import signal

import cleaner


@cleaner.hookimpl
def cleaner_mark_blocks(article):
    if article.id == "a{poison}":
        os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.parametrize("poison", ["077", "140"])
def test_an_article_whose_worker_dies_fails_alone_and_the_run_goes_on(tmp_path, poison):
    """A worker killed mid-article (a crash in a compiled library, the out-of-memory killer)
    breaks the pool; the run starts a new one and fails only the article that killed it."""
    run, records = two_worker_run(tmp_path, ("crash", CRASHES_ON_ONE.replace("{poison}", poison)), 300)
    assert run.returncode == 1, run.stderr
    assert [record["id"] for record in records] == [f"a{number:03d}" for number in range(300)]
    failed = [record for record in records if record["errors"]]
    assert [record["id"] for record in failed] == [f"a{poison}"]
    assert "the worker process cleaning this article died" in failed[0]["errors"][0]["message"]
    assert records[5]["text"] == "Body sentence 5."


ALWAYS_CRASHES = """
import os
import signal

import cleaner


@cleaner.hookimpl
def cleaner_mark_blocks(article):
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_run_whose_workers_die_on_anything_stops_with_status_3(tmp_path):
    run, records = two_worker_run(tmp_path, ("crash", ALWAYS_CRASHES), 200)
    assert run.returncode == 3 and records == []
    assert "died on a two-line test article: the workers fail, not the articles" in run.stderr
    assert "run again with --resume" in run.stderr


HANGS_IN_COMPILED_CODE_ON_ONE = """
import hashlib

import cleaner


@cleaner.hookimpl
def cleaner_mark_blocks(article):
    if article.id == "a077":
        hashlib.pbkdf2_hmac("sha256", b"key", b"salt", 2**31 - 1)
"""


def test_a_worker_stuck_in_compiled_code_is_killed_and_only_its_article_fails(tmp_path):
    """A long call into C (here a key derivation of two billion rounds) does not come back to Python,
    where the SIGALRM budget would stop it: the run kills the worker once it has been on one
    article far past the budget, and goes on."""
    run, records = two_worker_run(tmp_path, ("hangs", HANGS_IN_COMPILED_CODE_ON_ONE), 150, budget=0.2)
    assert run.returncode == 1, run.stderr
    assert [record["id"] for record in records] == [f"a{number:03d}" for number in range(150)]
    failed = [record for record in records if record["errors"]]
    assert [record["id"] for record in failed] == ["a077"]
    message = failed[0]["errors"][0]["message"]
    assert "still being cleaned after 1.8 s" in message and "its worker process was killed" in message


def test_no_budget_means_no_article_is_too_long():
    from cleaner import Cleaner

    assert workers.stuck_after(Cleaner.from_config({"limits": {"time_budget_seconds": 0}})) is None
    assert workers.stuck_after(Cleaner.from_config({"limits": {"time_budget_seconds": 30}})) == 121
