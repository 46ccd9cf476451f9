"""An output that is an input is refused before anything is touched; one inside an input folder is
left out of the walk, with one warning."""

import json
import os
import subprocess
from pathlib import Path

import pytest

from cleaner.cli import main
from cleaner.overlap import LeaveOut, OutputIsInput, Target, refuse_overlaps
from cleaner.read import iter_sources
from conftest import ROOT, command, lines_of


def records_file(path, count=3, padding=""):
    path.write_text(
        "".join(
            json.dumps({"id": f"r{number}", "text": f"Headline {number}\n\nBody {number}.{padding}"}) + "\n"
            for number in range(count)
        ),
        encoding="utf-8",
    )
    return path.read_bytes()


def refused(capsys, *arguments):
    status = main(["clean", *map(str, arguments), "-q"])
    return status, capsys.readouterr().err


def test_an_output_that_is_the_input_is_refused_and_the_input_kept(tmp_path, capsys):
    data = records_file(tmp_path / "b.jsonl")
    status, stderr = refused(capsys, tmp_path / "b.jsonl", "-o", tmp_path / "b.jsonl")
    assert status == 2
    assert f"the output {tmp_path / 'b.jsonl'} is the input {tmp_path / 'b.jsonl'} (the same file)" in stderr
    assert (tmp_path / "b.jsonl").read_bytes() == data
    assert sorted(os.listdir(tmp_path)) == ["b.jsonl"], "nothing is created beside it"


@pytest.mark.parametrize("link", ["symlink", "hard link"])
def test_another_name_of_the_input_is_the_input(tmp_path, capsys, link):
    data = records_file(tmp_path / "c.jsonl")
    other = tmp_path / "other.jsonl"
    if link == "symlink":
        other.symlink_to("c.jsonl")
    else:
        os.link(tmp_path / "c.jsonl", other)
    status, stderr = refused(capsys, tmp_path / "c.jsonl", "-o", other)
    assert status == 2 and f"the output {other} is the input {tmp_path / 'c.jsonl'}" in stderr
    assert (tmp_path / "c.jsonl").read_bytes() == data


def test_an_errors_file_that_is_an_input_or_the_output_is_refused(tmp_path, capsys):
    data = records_file(tmp_path / "in.jsonl")
    status, stderr = refused(capsys, tmp_path / "in.jsonl", "-o", tmp_path / "out.jsonl", "--errors", tmp_path / "in.jsonl")
    assert status == 2 and "the errors file" in stderr and (tmp_path / "in.jsonl").read_bytes() == data
    status, stderr = refused(capsys, tmp_path / "in.jsonl", "-o", tmp_path / "out.jsonl", "--errors", tmp_path / "out.jsonl")
    assert status == 2 and "are the same file" in stderr
    assert sorted(os.listdir(tmp_path)) == ["in.jsonl"]


def test_an_output_folder_that_is_or_holds_an_input_is_refused(tmp_path, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Headline\n\nBody.", encoding="utf-8")
    status, stderr = refused(capsys, folder, "-o", f"{folder}/")
    assert status == 2 and f"the output folder {folder}/ is the input folder {folder}" in stderr
    status, stderr = refused(capsys, folder / "a.txt", "-o", f"{folder}/")
    assert status == 2 and f"holds the input {folder / 'a.txt'}" in stderr
    assert sorted(os.listdir(folder)) == ["a.txt"] and (folder / "a.txt").read_text() == "Headline\n\nBody."


def test_standard_input_read_from_the_output_file_is_refused(tmp_path):
    data = records_file(tmp_path / "d.jsonl")
    with open(tmp_path / "d.jsonl", "rb") as given:
        run = subprocess.run(command("clean", "-", "-o", tmp_path / "d.jsonl"), stdin=given, capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2 and "is standard input (-), the same file" in run.stderr
    assert (tmp_path / "d.jsonl").read_bytes() == data


def test_standard_output_that_is_an_input_file_is_refused(tmp_path):
    data = records_file(tmp_path / "e.jsonl")
    with open(tmp_path / "e.jsonl", "ab") as appended:
        run = subprocess.run(command("clean", tmp_path / "e.jsonl"), stdout=appended, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    assert run.returncode == 2 and f"standard output is the input {tmp_path / 'e.jsonl'}" in run.stderr
    assert (tmp_path / "e.jsonl").read_bytes() == data


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="pipes are traced through /proc")
def test_a_pipe_from_a_process_reading_the_output_is_refused_through_the_pipeline(tmp_path):
    """`cat d.jsonl | grep . | cleaner clean - -o d.jsonl`: cat, two pipes up, holds the output
    open. The file is far larger than the pipes and grep's buffer hold, so cat is still reading it
    when cleaner starts."""
    data = records_file(tmp_path / "d.jsonl", count=2000, padding=" And more." * 200)
    assert len(data) > 2 << 20
    cat = subprocess.Popen(["cat", tmp_path / "d.jsonl"], stdout=subprocess.PIPE)
    grep = subprocess.Popen(["grep", "."], stdin=cat.stdout, stdout=subprocess.PIPE)
    cat.stdout.close()
    run = subprocess.run(command("clean", "-", "-o", tmp_path / "d.jsonl"), stdin=grep.stdout, capture_output=True, text=True, cwd=ROOT)
    grep.stdout.close()
    cat.wait(), grep.wait()
    assert run.returncode == 2, run.stderr
    assert f"is being read into standard input (-) by cat (pid {cat.pid})" in run.stderr
    assert (tmp_path / "d.jsonl").read_bytes() == data


def test_a_pipe_from_elsewhere_is_not_refused(tmp_path):
    records_file(tmp_path / "in.jsonl")
    output = tmp_path / "out.jsonl"
    output.write_text("")
    with open(tmp_path / "in.jsonl", "rb") as given:
        cat = subprocess.Popen(["cat"], stdin=given, stdout=subprocess.PIPE)
        run = subprocess.run(command("clean", "-", "-o", output, "-q"), stdin=cat.stdout, capture_output=True, text=True, cwd=ROOT)
        cat.stdout.close()
        cat.wait()
    assert run.returncode == 0, run.stderr
    assert [record["id"] for record in lines_of(output)] == ["r0", "r1", "r2"]


def test_targets_that_do_not_exist_yet_cannot_be_inputs(tmp_path):
    records_file(tmp_path / "in.jsonl")
    refuse_overlaps([str(tmp_path / "in.jsonl"), str(tmp_path)], [Target(str(tmp_path / "new.jsonl"), tmp_path / "new.jsonl")])
    with pytest.raises(OutputIsInput, match="are the same file"):
        refuse_overlaps([], [Target("a.jsonl", tmp_path / "a.jsonl"), Target("./a.jsonl", tmp_path / "." / "a.jsonl")])


def run_twice(tmp_path, capsys, output):
    """`cleaner clean rel/ -o OUTPUT` twice: the records of each run, and the second run's warnings."""
    rel = tmp_path / "rel"
    rel.mkdir()
    for name in ("a", "b"):
        (rel / f"{name}.txt").write_text(f"Headline {name}\n\nBody of {name}.", encoding="utf-8")
    runs = []
    for _ in range(2):
        assert main(["clean", str(rel), "-o", f"{rel}/{output}", "-q"]) == 0
        written = rel / output
        records = [lines_of(path)[0] for path in sorted(written.glob("*.json"))] if output.endswith("/") else lines_of(written)
        runs.append((records, capsys.readouterr().err))
    return runs


def test_an_output_folder_inside_the_input_folder_is_left_out_with_one_warning(tmp_path, capsys):
    (first, first_warning), (second, second_warning) = run_twice(tmp_path, capsys, "out/")
    assert [record["id"] for record in first] == ["a", "b"]
    assert second == first, "the second run reads what the first read, not the first one's output"
    for warning in (first_warning, second_warning):
        assert warning == (
            f"cleaner: warning: {tmp_path / 'rel' / 'out'} is this run's output ({tmp_path / 'rel' / 'out'}/): "
            "left out of the input, so that no run reads its own output\n"
        )


def test_an_output_file_inside_the_input_folder_is_left_out(tmp_path, capsys):
    (first, _), (second, warning) = run_twice(tmp_path, capsys, "out.jsonl")
    assert [record["id"] for record in second] == ["a", "b"] and second == first
    assert warning.count("\n") == 1 and "out.jsonl is this run's output" in warning


def test_the_walk_leaves_out_every_name_of_an_output_and_warns_once(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("a")
    output = tmp_path / "out.jsonl"
    output.write_text("")
    os.link(output, folder / "hard.jsonl")
    (folder / "sub" / "soft.jsonl").symlink_to(output)
    (folder / "sub" / "b.txt").write_text("b")
    warnings = []
    leave_out = LeaveOut([("out.jsonl", os.stat(output))], warnings.append)
    names = [source.name for source in iter_sources([str(folder)], leave_out)]
    assert names == [str(folder / "a.txt"), str(folder / "sub" / "b.txt")]
    assert len(warnings) == 1 and "hard.jsonl is this run's output (out.jsonl)" in warnings[0]
    assert [source.name for source in iter_sources([str(folder)])] == [
        str(folder / "a.txt"), str(folder / "hard.jsonl"), str(folder / "sub" / "b.txt"), str(folder / "sub" / "soft.jsonl")
    ]


def test_a_device_or_terminal_is_a_stream_that_writing_does_not_destroy():
    """`cleaner clean - -o /dev/stdout` on a terminal reads and writes one device: no overlap."""
    refuse_overlaps([os.devnull], [Target(os.devnull, Path(os.devnull)), Target("again", Path(os.devnull), role="errors file")])


def test_output_to_a_device_is_neither_refused_nor_locked(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Headline\n\nBody.", encoding="utf-8")
    assert main(["clean", str(tmp_path / "a.txt"), "-o", os.devnull, "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert not any(name.endswith(".cleaner-run") for name in os.listdir(os.path.dirname(os.devnull)))
