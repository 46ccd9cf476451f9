"""One run at a time per output: the lock, who holds it, waiting for it; and the configuration
each output was written with, which --resume compares with its own."""

import json
import multiprocessing
import os
import threading
import time

import pytest

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.lock import OutputBusy, OutputLock, configuration, differences, run_file
from conftest import lines_of, small_corpus


def test_a_second_lock_on_an_output_is_refused_naming_the_holder(tmp_path):
    output = str(tmp_path / "out.jsonl")
    held = OutputLock(output, folder=False)
    try:
        with pytest.raises(OutputBusy, match=rf"out.jsonl is being written by another run \(pid {os.getpid()}, started "):
            OutputLock(output, folder=False)
    finally:
        held.release()
    OutputLock(output, folder=False).release()


def test_every_name_of_an_output_shares_its_lock(tmp_path):
    (tmp_path / "link.jsonl").symlink_to("out.jsonl")
    assert run_file(tmp_path / "link.jsonl", folder=False) == run_file(tmp_path / "out.jsonl", folder=False)
    assert run_file(tmp_path / "out.jsonl", folder=False) == tmp_path / ".out.jsonl.cleaner-run"
    assert run_file(tmp_path / "out", folder=True) == tmp_path / "out" / ".cleaner-run"


def test_a_waiting_lock_is_taken_when_the_holder_lets_go(tmp_path):
    output = str(tmp_path / "out.jsonl")
    held = OutputLock(output, folder=False)
    held_since = json.loads(run_file(output, False).read_text())["started"]
    said = []
    threading.Timer(0.3, held.release).start()
    started = time.monotonic()
    waited = OutputLock(output, folder=False, wait=True, say=said.append)
    assert time.monotonic() - started >= 0.25
    assert said == [f"cleaner: {output} is being written by another run (pid {os.getpid()}, started {held_since}); "
                    "waiting for it to end (--wait-for-lock)"]
    waited.release()


def test_a_lock_removed_while_waiting_for_it_is_taken_again_on_the_new_file(tmp_path):
    """The holder of a run file it made and never used removes it on release; a run that was
    waiting on the old file must not think it holds the lock while a third takes the new one."""
    output = str(tmp_path / "out.jsonl")
    held = OutputLock(output, folder=False)
    threading.Timer(0.3, held.release, kwargs={"remove": True}).start()
    waited = OutputLock(output, folder=False, wait=True, say=lambda message: None)
    try:
        with pytest.raises(OutputBusy):
            OutputLock(output, folder=False)
    finally:
        waited.release()


def _start_and_sleep(started):
    started.set()
    time.sleep(30)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork here")
def test_a_forked_worker_does_not_keep_the_lock_of_its_run(tmp_path):
    """A worker outlives a killed run by up to a second: it must not hold the output locked."""
    output = str(tmp_path / "out.jsonl")
    held = OutputLock(output, folder=False)
    context = multiprocessing.get_context("fork")
    started = context.Event()
    worker = context.Process(target=_start_and_sleep, args=(started,))
    worker.start()
    try:
        assert started.wait(30)
        held.release()
        OutputLock(output, folder=False).release()
    finally:
        worker.kill()
        worker.join()


def test_a_refused_run_stops_at_once_and_leaves_the_output_alone(tmp_path, capsys):
    corpus = small_corpus(tmp_path, 3)
    output = tmp_path / "out.jsonl"
    output.write_text("what another run wrote\n")
    held = OutputLock(str(output), folder=False)
    try:
        assert main(["clean", str(corpus), "-o", str(output), "-q"]) == 2
        assert main(["clean", str(corpus), "-o", str(output), "-q", "--errors", str(tmp_path / "errors.jsonl")]) == 2
    finally:
        held.release()
    stderr = capsys.readouterr().err
    assert stderr.count(f"cleaner: {output} is being written by another run (pid {os.getpid()}") == 2
    assert "--wait-for-lock" in stderr
    assert output.read_text() == "what another run wrote\n"
    assert not (tmp_path / "errors.jsonl").exists() and not (tmp_path / ".errors.jsonl.cleaner-run").exists()


def test_an_errors_file_is_locked_too(tmp_path, capsys):
    corpus = small_corpus(tmp_path, 3)
    held = OutputLock(str(tmp_path / "errors.jsonl"), folder=False)
    try:
        assert main(["clean", str(corpus), "-o", str(tmp_path / "out.jsonl"), "--errors", str(tmp_path / "errors.jsonl")]) == 2
    finally:
        held.release()
    assert "errors.jsonl is being written by another run" in capsys.readouterr().err
    assert not (tmp_path / "out.jsonl").exists()


def test_a_run_lets_go_of_its_lock_when_it_ends(tmp_path):
    corpus = small_corpus(tmp_path, 3)
    for folder in ("out.jsonl", "out/"):
        for _ in range(2):
            assert main(["clean", str(corpus), "-o", f"{tmp_path}/{folder}", "-q"]) == 0
        OutputLock(f"{tmp_path}/{folder}", folder=folder.endswith("/")).release()


@pytest.mark.parametrize("format", ["jsonl", "json"])
def test_a_run_stopped_by_a_failed_write_lets_go_of_its_lock(tmp_path, capsys, monkeypatch, format):
    from cleaner import output as outputs

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outputs.os, "write", disk_full)
    monkeypatch.setattr(outputs.RecordWriter, "write_encoded", disk_full)
    corpus = small_corpus(tmp_path, 3)
    assert main(["clean", str(corpus), "-o", str(tmp_path / "out"), "--format", format, "-q"]) == 3
    assert "No space left on device" in capsys.readouterr().err
    OutputLock(str(tmp_path / "out"), folder=False).release()


def resume_warning(tmp_path, capsys, first, second, output="out.jsonl"):
    """Clean half a corpus with options `first`, resume over all of it with `second`: the warning."""
    corpus = small_corpus(tmp_path, 4)
    (corpus / "a003.txt").rename(tmp_path / "a003.txt")
    assert main(["clean", str(corpus), "-o", f"{tmp_path}/{output}", "-q", *first]) == 0
    (tmp_path / "a003.txt").rename(corpus / "a003.txt")
    capsys.readouterr()
    assert main(["clean", str(corpus), "-o", f"{tmp_path}/{output}", "-q", "--resume", *second]) == 0
    return capsys.readouterr().err


@pytest.mark.parametrize("output", ["out.jsonl", "out/"])
def test_resuming_with_other_site_rules_says_so(tmp_path, capsys, output):
    rules = tmp_path / "rules.yaml"
    rules.write_text("sites:\n  example.com:\n    drop_lines: ['subscribe now']\n")
    warning = resume_warning(tmp_path, capsys, [], ["--rules", str(rules)], output)
    assert warning == (
        f"cleaner: warning: {tmp_path}/{output} was written with another configuration than this run's "
        "(differing: the options or site rules): the articles already in it are not cleaned again, so it will "
        "hold articles cleaned two ways; run without --resume to clean them all alike\n"
    )


def test_resuming_with_another_plugin_says_which(tmp_path, capsys):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "mine.py").write_text("import cleaner\n\n@cleaner.hookimpl\ndef cleaner_mark_blocks(article):\n    return None\n")
    warning = resume_warning(tmp_path, capsys, [], ["--plugins-dir", str(plugins)])
    assert "(differing: the plugins loaded (then also none, now also mine))" in warning


def test_resuming_with_the_same_configuration_says_nothing(tmp_path, capsys):
    assert resume_warning(tmp_path, capsys, ["--site", "example.com"], ["--site", "example.com"]) == ""
    assert len(lines_of(tmp_path / "out.jsonl")) == 4


def test_resuming_an_output_with_no_note_of_its_configuration_says_so(tmp_path, capsys):
    corpus = small_corpus(tmp_path, 2)
    output = tmp_path / "out.jsonl"
    assert main(["clean", str(corpus / "a000.txt"), "-o", str(output), "-q"]) == 0
    run_file(output, folder=False).unlink()
    capsys.readouterr()
    assert main(["clean", str(corpus), "-o", str(output), "-q", "--resume"]) == 0
    assert "holds records but no note of the configuration they were cleaned with" in capsys.readouterr().err


def test_the_configurations_an_output_was_written_with_are_kept_until_it_is_written_afresh(tmp_path):
    one, other = {"options": "1", "plugins": {}}, {"options": "2", "plugins": {}}
    lock = OutputLock(str(tmp_path / "out.jsonl"), folder=False)
    assert lock.record(one, resume=False, holds_records=False) is None
    lock.release()
    lock = OutputLock(str(tmp_path / "out.jsonl"), folder=False)
    assert "another configuration" in lock.record(other, resume=True, holds_records=True)
    lock.release()
    lock = OutputLock(str(tmp_path / "out.jsonl"), folder=False)
    assert "another configuration" in lock.record(one, resume=True, holds_records=True), "it holds both now"
    assert lock.record(one, resume=False, holds_records=True) is None
    lock.release()
    assert json.loads(run_file(tmp_path / "out.jsonl", False).read_text())["configurations"] == [one]


def test_a_configuration_changes_with_the_rules_and_options_and_not_otherwise():
    base = configuration(Cleaner.from_config())
    assert configuration(Cleaner.from_config()) == base
    ruled = configuration(Cleaner.from_config({"sites": {"example.com": {"drop_lines": ["x"]}}}))
    assert differences(base, ruled) == ["the options or site rules"]
    assert differences(base, configuration(Cleaner.from_config(site="example.com"))) == ["the options or site rules"]
    edited = {**base, "plugins": {**base["plugins"], "promo": "0" * 16}}
    assert differences(base, edited) == ["the code of plugins promo"]
