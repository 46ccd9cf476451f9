"""Batch runs of `cleaner clean`: workers, streamed output, --resume after a kill, folders, --errors."""

import json
import os
import signal
import subprocess
import time

import pytest

from cleaner.cli import main
from conftest import ROOT, SEED, command, lines_of, small_corpus


def make_corpus(folder, count):
    """`count` different articles shaped like the seed, in sub-folders of 100."""
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    for number in range(count):
        body = paragraphs[2:-1]
        shift = number % len(body)
        text = "\n\n".join([f"Headline number {number} of the day", *body[shift:], *body[:shift], paragraphs[-1]])
        path = folder / f"part{number // 100:03d}" / f"article{number:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return sorted(f"part{n // 100:03d}/article{n:05d}" for n in range(count))


def start_run_until_part_written(corpus, output, size):
    """A two-worker run in its own process group, once `size` bytes of its output are written."""
    run = subprocess.Popen(
        command("clean", corpus, "-o", output, "--workers", "2"), cwd=ROOT, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and run.poll() is None:
        if output.exists() and output.stat().st_size > size:
            break
        time.sleep(0.01)
    assert run.poll() is None, "the run ended before it could be stopped; make the corpus larger"
    return run


def workers_exit(group, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    os.killpg(group, signal.SIGKILL)
    return False


def test_a_run_killed_part_way_and_resumed_has_every_article_exactly_once(tmp_path):
    corpus = tmp_path / "corpus"
    ids = make_corpus(corpus, 3000)
    output = tmp_path / "out.jsonl"
    run = start_run_until_part_written(corpus, output, 200_000)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    assert workers_exit(group=run.pid), "worker processes outlived the killed run"
    written_before = len(output.read_bytes().splitlines())
    assert 0 < written_before < len(ids)

    resumed = subprocess.run(
        command("clean", corpus, "-o", output, "--resume", "--workers", "2"), cwd=ROOT, capture_output=True, text=True
    )
    assert resumed.returncode == 0, resumed.stderr
    assert "already in the output were skipped" in resumed.stderr
    records = lines_of(output)
    assert sorted(record["id"] for record in records) == ids
    assert all(record["errors"] == [] and record["text"] for record in records)


def test_sigterm_stops_the_run_with_whole_records_and_status_130(tmp_path):
    corpus = tmp_path / "corpus"
    ids = make_corpus(corpus, 2000)
    output = tmp_path / "out.jsonl"
    run = start_run_until_part_written(corpus, output, 100_000)
    run.send_signal(signal.SIGTERM)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 130
    assert "--resume" in stderr
    assert workers_exit(group=run.pid)
    written = lines_of(output)
    assert 0 < len(written) < len(ids)
    assert main(["clean", str(corpus), "-o", str(output), "--resume", "-q"]) == 0
    assert sorted(record["id"] for record in lines_of(output)) == ids


def test_resume_cuts_off_a_partial_last_line_and_cleans_that_article_again(tmp_path):
    corpus = tmp_path / "corpus"
    ids = make_corpus(corpus, 5)
    output = tmp_path / "out.jsonl"
    assert main(["clean", str(corpus), "-o", str(output), "-q", "--workers", "1"]) == 0
    complete = output.read_text(encoding="utf-8").splitlines(keepends=True)
    output.write_text("".join(complete[:2]) + complete[2][:50], encoding="utf-8")
    assert main(["clean", str(corpus), "-o", str(output), "-q", "--resume"]) == 0
    assert sorted(record["id"] for record in lines_of(output)) == ids
    assert output.read_text(encoding="utf-8").splitlines(keepends=True)[:3] == complete[:3]


def test_resume_knows_records_written_with_or_without_spaces_after_the_colons(tmp_path):
    """Records are compact JSON lines now; a file written by the standard library's json (a
    space after each colon) resumes as well."""
    corpus = tmp_path / "corpus"
    ids = make_corpus(corpus, 4)
    output = tmp_path / "out.jsonl"
    assert main(["clean", str(corpus), "-o", str(output), "-q", "--workers", "1"]) == 0
    first, second, *_ = output.read_text(encoding="utf-8").splitlines(keepends=True)
    assert first.startswith('{"id":"')
    spaced = json.dumps(json.loads(second), ensure_ascii=False) + "\n"
    output.write_text(first + spaced, encoding="utf-8")
    assert main(["clean", str(corpus), "-o", str(output), "-q", "--resume"]) == 0
    records = lines_of(output)
    assert sorted(record["id"] for record in records) == ids and len(records) == len(ids)


def test_resume_refuses_a_file_that_is_not_cleaner_output(tmp_path, capsys):
    output = tmp_path / "out.jsonl"
    output.write_text("not json\n")
    assert main(["clean", str(SEED), "-o", str(output), "--resume"]) == 2
    assert "line 1 is not a cleaner record" in capsys.readouterr().err
    assert output.read_text() == "not json\n"


def test_resume_needs_a_resumable_output(capsys):
    assert main(["clean", str(SEED), "--resume"]) == 2
    assert "--resume needs -o" in capsys.readouterr().err


def test_workers_give_the_same_records_in_the_same_order_as_one_process(tmp_path):
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 150)
    (corpus / "part000" / "empty.txt").write_text("")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["clean", str(corpus), "-o", str(one), "-q", "--workers", "1"]) == 1
    assert main(["clean", str(corpus), "-o", str(two), "-q", "--workers", "2"]) == 1
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


def test_failed_articles_go_to_the_output_and_to_the_errors_file(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("Headline\n\nA body paragraph.")
    (tmp_path / "in" / "binary.txt").write_bytes(b"\x00\x01binary")
    output, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    assert main(["clean", str(tmp_path / "in"), "-o", str(output), "--errors", str(errors)]) == 1
    assert [record["id"] for record in lines_of(output)] == ["binary", "good"]
    [failed] = lines_of(errors)
    assert failed["id"] == "binary" and "binary file" in failed["errors"][0]["message"]
    summary = capsys.readouterr().err
    assert "2 articles, 1 failed" in summary and "articles/s" in summary


def test_folder_output_has_text_and_record_per_article_and_resumes(tmp_path):
    corpus = tmp_path / "corpus"
    ids = make_corpus(corpus, 3)
    folder = tmp_path / "out"
    assert main(["clean", str(corpus), "-o", f"{folder}/", "-q"]) == 0
    for id in ids:
        record = json.loads((folder / f"{id}.json").read_text(encoding="utf-8"))
        assert record["id"] == id
        assert (folder / f"{id}.txt").read_text(encoding="utf-8") == record["text"]
    (folder / f"{ids[1]}.json").unlink()
    (folder / "part000" / ".stale.json.cleaner-partial").write_text("{")
    before = (folder / f"{ids[0]}.json").stat().st_mtime_ns
    assert main(["clean", str(corpus), "-o", str(folder), "-q", "--resume"]) == 0
    assert (folder / f"{ids[1]}.json").exists()
    assert (folder / f"{ids[0]}.json").stat().st_mtime_ns == before
    assert not (folder / "part000" / ".stale.json.cleaner-partial").exists()


def test_a_folder_output_written_again_without_resume_gets_every_article_again(tmp_path, capsys):
    """Only --resume skips what a folder holds: a run after a change of rules must clean every article."""
    corpus = small_corpus(tmp_path, 2)
    folder = tmp_path / "out"
    assert main(["clean", str(corpus), "-o", f"{folder}/", "-q"]) == 0
    rules = tmp_path / "rules.yaml"
    rules.write_text("sites:\n  example.com:\n    drop_lines: ['body sentence \\d+\\.']\n")
    assert main(["clean", str(corpus), "-o", f"{folder}/", "--site", "example.com", "--rules", str(rules)]) == 0
    assert json.loads((folder / "a001.json").read_text())["text"] == ""
    assert "2 articles, 0 failed" in capsys.readouterr().err


def test_folder_output_takes_no_format(tmp_path):
    assert main(["clean", str(SEED), "-o", f"{tmp_path}/", "--format", "text"]) == 2


def test_articles_sharing_an_id_are_both_kept_under_different_ids(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text(f"Headline {folder}\n\nBody of {folder}.")
    output = tmp_path / "out.jsonl"
    assert main(["clean", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(output), "-q"]) == 0
    records = lines_of(output)
    assert [record["id"] for record in records] == ["same", "same#2"]
    assert "already used in this run" in records[1]["errors"][0]["message"]
    assert main(["clean", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(output), "-q", "--resume"]) == 0
    assert len(lines_of(output)) == 2


@pytest.mark.parametrize("workers", ["0", "many"])
def test_workers_must_be_a_positive_number(workers):
    with pytest.raises(SystemExit) as exit:
        main(["clean", str(SEED), "--workers", workers])
    assert exit.value.code == 2


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_full_disk_stops_the_run_with_a_clear_error_and_status_3(tmp_path, capsys, workers):
    corpus = small_corpus(tmp_path, 150)
    assert main(["clean", str(corpus), "-o", "/dev/full", "-q", "--workers", workers]) == 3
    error = capsys.readouterr().err
    assert error.startswith("cleaner: error: cannot write /dev/full: No space left on device; stopped after ")
    assert "Traceback" not in error and error.count("\n") == 1


def test_a_folder_output_that_cannot_be_written_stops_the_run(tmp_path, capsys, monkeypatch):
    corpus = small_corpus(tmp_path, 5)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    assert main(["clean", str(corpus), "-o", str(tmp_path / "out") + "/", "-q"]) == 3
    error = capsys.readouterr().err
    assert error.startswith(f"cleaner: error: cannot write {tmp_path / 'out' / 'a000.txt'}: No space left on device")


def test_records_cleaned_before_a_failed_write_are_not_written_again_on_close(tmp_path, monkeypatch):
    from cleaner.batch import Outcome
    from cleaner.output import JsonLinesFile, WriteFailed

    output = JsonLinesFile(tmp_path / "out.jsonl")
    calls = []

    def disk_full(fd, data):
        calls.append(len(data))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", disk_full)
    outcome = Outcome(id="a", failed=False, removed={}, messages=[], line=b'{"id":"a"}\n')
    output.write(outcome)
    with pytest.raises(WriteFailed, match="No space left on device"):
        output.flush()
    output.write(outcome)
    output.close()
    output.close()
    assert len(calls) == 1
