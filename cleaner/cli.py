"""The command line: ``cleaner clean``, ``plugins``, ``explain``, ``report``, ``learn``, ``check-rules``.

Command bodies other than ``clean`` live in their own modules; this one only parses and dispatches.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from functools import partial

from tqdm import tqdm

from . import __version__, check_rules, explain, learn, report
from .batch import Summary, clean_documents, read_new
from .config import ConfigError
from .engine import Cleaner, RunStats
from .output import OutputError, WriteFailed, is_folder, make_outcome, open_outputs
from .overlap import LeaveOut
from .plugins import describe_plugins
from .read import INPUT_FORMATS, STDIN, is_piped, standard_input
from .workers import WorkersDying
from .write import FORMATS

EXIT_OK, EXIT_ARTICLE_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_ABORTED = 3
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE, the status a shell reports for a tool its reader stopped early (`yes | head -1`):
the run did not finish, so neither 0 (all cleaned) nor 1 (an article failed) would be true."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cleaner", description="Strip the furniture off scraped news articles.")
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add_common(command: argparse.ArgumentParser) -> None:
        command.add_argument("--config", metavar="PATH", help="config file laid over the default config.yaml")
        command.add_argument(
            "--plugins-dir", metavar="DIR", action="append", default=[], help="folder of .py plugin files (repeatable)"
        )
        command.add_argument(
            "--rules", metavar="FILE", action="append", default=[],
            help="site rules only (sites: HOST: drop_lines...), safe to take from anyone (repeatable)",
        )

    def add_inputs(command: argparse.ArgumentParser, what: str) -> None:
        command.add_argument(
            "inputs", nargs="*", metavar="INPUT", help=f"{what}; - (or none, with a pipe) for standard input"
        )
        command.add_argument(
            "--input-format", choices=INPUT_FORMATS,
            help="what standard input holds (default: told from its first bytes)",
        )

    clean = commands.add_parser("clean", help="clean articles and print one record per article")
    add_inputs(clean, "files or folders of articles")
    clean.add_argument(
        "-o", "--output", metavar="OUTPUT",
        help="write here instead of standard output: a file, or a folder (ends with / or exists) "
        "that gets <id>.txt and <id>.json per article (- is standard output)",
    )
    clean.add_argument("--format", choices=FORMATS, default="jsonl", help="record format (default: jsonl)")
    clean.add_argument("--site", metavar="HOST", help="hostname of the articles, where their records do not say")
    clean.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary on standard error")
    clean.add_argument(
        "-w", "--workers", type=_positive, default=os.cpu_count() or 1, metavar="N",
        help="processes that clean (default: all cores)",
    )
    clean.add_argument(
        "--resume", action="store_true",
        help="keep what OUTPUT holds and clean only the articles whose ids are not in it yet",
    )
    clean.add_argument("--errors", metavar="FILE", help="also write the records of failed articles here (JSON lines)")
    clean.add_argument(
        "--wait-for-lock", action="store_true",
        help="if another run is writing OUTPUT, wait for it to end instead of stopping",
    )
    add_common(clean)

    plugins = commands.add_parser("plugins", help="list the plugins loaded, where from, and their hooks")
    add_common(plugins)

    explain_command = commands.add_parser("explain", help="show each block of an article, kept or removed, and why")
    add_inputs(explain_command, "article files (any kind a reader takes)")
    explain_command.add_argument("--site", metavar="HOST", help="hostname of the articles, where their records do not say")
    add_common(explain_command)

    report_command = commands.add_parser("report", help="an HTML page of what was removed, from `clean` records")
    report_command.add_argument("records", metavar="RECORDS", help="JSON lines (or JSON) written by `cleaner clean`; - reads standard input")
    report_command.add_argument("-o", "--output", metavar="HTML", required=True, help="the page to write")
    shown = report_command.add_mutually_exclusive_group()
    shown.add_argument(
        "--sample", type=_positive, default=report.DEFAULT_SAMPLE, metavar="N",
        help=f"show about N articles, chosen to cover every rule, error kind and big site (default: {report.DEFAULT_SAMPLE})",
    )
    shown.add_argument("--all", action="store_true", help="show every article, however many")

    learn_command = commands.add_parser("learn", help="find lines a site repeats across its articles; write site rules")
    learn_command.add_argument("inputs", nargs="+", metavar="CORPUS", help="files or folders of articles")
    learn_command.add_argument("-o", "--output", metavar="YAML", required=True, help="the learned rules to write")
    learn_command.add_argument("--min-share", type=float, default=0.5, help="share of a site's articles a line must be in (default 0.5)")
    learn_command.add_argument("--min-articles", type=int, default=5, help="fewest articles a line must be in (default 5)")
    learn_command.add_argument("--max-words", type=int, default=20, help="longer lines are body text (default 20)")
    learn_command.add_argument("--by-folder", action="store_true", help="an article's site is the name of its folder")
    learn_command.add_argument("--site", metavar="HOST", help="hostname of the articles, where their records do not say")
    add_common(learn_command)

    check = commands.add_parser("check-rules", help="run every site's example articles; report pass or fail")
    add_common(check)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command; a reader that stops early (``cleaner explain ... | head``) ends it quietly."""
    try:
        status = dispatch(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_standard_output()
        return EXIT_BROKEN_PIPE
    return status


def _discard_standard_output() -> None:
    """What standard output still buffers can go nowhere; pointing it at /dev/null lets Python's
    flush at exit succeed instead of printing a second broken-pipe error (as the Python docs on
    SIGPIPE advise)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def dispatch(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "report":
        return report.write_report(args.records, args.output, sys.stderr, sample=args.sample, show_all=args.all)
    try:
        cleaner = Cleaner.from_config(
            args.config, plugin_dirs=args.plugins_dir, site=getattr(args, "site", None), rules=args.rules
        )
    except ConfigError as error:
        print(f"cleaner: config error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "plugins":
        return list_plugins(cleaner)
    if args.command in ("clean", "explain"):
        args.inputs = inputs_with_standard_input(args.inputs, args.input_format)
        if args.inputs is None:
            return EXIT_USAGE
        args.sources = [standard_input(args.input_format) if name == STDIN else name for name in args.inputs]
    if args.command == "explain":
        return EXIT_ARTICLE_FAILED if explain.explain(cleaner, args.sources, sys.stdout) else EXIT_OK
    if args.command == "learn":
        return learn.run(cleaner, args, sys.stderr)
    if args.command == "check-rules":
        return EXIT_ARTICLE_FAILED if check_rules.check_rules(cleaner, sys.stdout) else EXIT_OK
    return clean(cleaner, args)


def inputs_with_standard_input(inputs: list[str], input_format: str | None) -> list[str] | None:
    """The inputs named; none named means standard input (``-``), if something is piped to it.
    None (after saying why) if the inputs make no sense. The readers read `args.sources`, where
    ``-`` is made a source of the format asked for."""
    if not inputs:
        if not is_piped():
            print("cleaner: no INPUT named, and nothing is piped to standard input", file=sys.stderr)
            return None
        return [STDIN]
    if input_format is not None and STDIN not in inputs:
        print("cleaner: --input-format says what standard input holds, but - is not among the inputs", file=sys.stderr)
        return None
    return inputs


def list_plugins(cleaner: Cleaner) -> int:
    for info in describe_plugins(cleaner.manager):
        state = "" if cleaner.enabled.get(info.name, True) else "  (disabled)"
        print(f"{info.name}{state}\n    from: {info.origin}\n    hooks: {', '.join(info.hooks)}")
    return EXIT_OK


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return int(value)


def clean(cleaner: Cleaner, args: argparse.Namespace) -> int:
    if args.output == "-":
        args.output = None  # as in trafilatura, curl and most tools: not a file named "-"
    folder = bool(args.output) and is_folder(args.output)
    if folder and args.format != "jsonl":
        print("cleaner: a folder output holds <id>.txt and <id>.json; --format does not apply", file=sys.stderr)
        return EXIT_USAGE
    if args.resume and (not args.output or (args.format != "jsonl" and not folder)):
        print("cleaner: --resume needs -o with a JSON-lines file or a folder", file=sys.stderr)
        return EXIT_USAGE
    try:
        outputs = open_outputs(
            cleaner, args.inputs, args.output, args.errors, format=args.format, folder=folder, resume=args.resume,
            wait=args.wait_for_lock, say=partial(print, file=sys.stderr),
        )
    except OutputError as error:
        print(f"cleaner: {error}", file=sys.stderr)
        return EXIT_USAGE
    output, errors = outputs.records, outputs.errors
    encode = partial(
        make_outcome, format="jsonl" if folder else args.format, with_record=errors is not None, with_text=folder
    )
    stats, summary = RunStats(), Summary()
    progress = _Progress(
        unit=" articles", disable=args.quiet or not sys.stderr.isatty(), file=sys.stderr, dynamic_ncols=True
    )
    leave_out = LeaveOut(outputs.written, warn=partial(progress.write, file=sys.stderr))
    documents = read_new(cleaner, args.sources, stats, output.done, summary, leave_out)
    started = time.monotonic()
    previous_handler = signal.signal(signal.SIGTERM, _interrupt)
    try:
        with cleaner.batch():
            for outcome in clean_documents(cleaner, documents, encode, workers=args.workers):
                output.write(outcome)
                if errors is not None and outcome.failed:
                    errors.write(outcome)
                summary.add(outcome)
                progress.update()
                for message in outcome.messages:
                    progress.write(message, file=sys.stderr)
        _close(output, errors)
    except KeyboardInterrupt:
        print(f"cleaner: interrupted after {summary.articles} articles; every record written is whole: "
              "run again with --resume to clean the rest", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (WorkersDying, WriteFailed) as error:
        print(f"cleaner: error: {error}; stopped after {summary.articles} articles; every record written "
              "is whole: run again with --resume once the cause is fixed", file=sys.stderr)
        return EXIT_ABORTED
    finally:
        signal.signal(signal.SIGTERM, previous_handler)
        progress.close()
        try:
            _close(output, errors)
        except WriteFailed as error:
            print(f"cleaner: error: {error}", file=sys.stderr)
    if not args.quiet:
        print(_summary(summary, stats, time.monotonic() - started), file=sys.stderr)
    return EXIT_ARTICLE_FAILED if summary.failed else EXIT_OK


def _close(output, errors) -> None:
    """Close both outputs, even if the first fails; closing again does nothing."""
    try:
        output.close()
    finally:
        if errors is not None:
            errors.close()


class _Progress(tqdm):
    """tqdm without its monitor thread: a second thread would make the worker processes start by
    spawning (rebuilding the cleaner in each) rather than forking, which is safe with one thread."""

    monitor_interval = 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _summary(summary: Summary, stats: RunStats, seconds: float) -> str:
    removed = ", ".join(f"{name} {count}" for name, count in sorted(summary.removed.items())) or "none"
    lines = [
        f"cleaner: {summary.articles} articles, {summary.failed} failed; blocks removed: {removed}; "
        f"{summary.articles / max(seconds, 1e-9):.0f} articles/s ({seconds:.1f} s)"
    ]
    if summary.skipped:
        lines.append(f"cleaner: {summary.skipped} articles already in the output were skipped (--resume)")
    if stats.unclaimed:
        lines.append(
            f"cleaner: {len(stats.unclaimed)} files in folders no reader takes were skipped, e.g. {stats.unclaimed[0]}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
