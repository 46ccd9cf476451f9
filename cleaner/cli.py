"""The command line: ``cleaner clean``, ``plugins``, ``explain``, ``report``, ``learn``, ``check-rules``.

Command bodies other than ``clean`` live in their own modules; this one only parses and dispatches.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from contextlib import nullcontext

from . import check_rules, explain, learn, report
from .config import ConfigError
from .engine import Cleaner, RunStats
from .plugins import describe_plugins
from .write import FORMATS, RecordWriter

EXIT_OK, EXIT_ARTICLE_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cleaner", description="Strip the furniture off scraped news articles.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add_common(command: argparse.ArgumentParser) -> None:
        command.add_argument("--config", metavar="PATH", help="config file laid over the default config.yaml")
        command.add_argument(
            "--plugins-dir", metavar="DIR", action="append", default=[], help="folder of .py plugin files (repeatable)"
        )

    clean = commands.add_parser("clean", help="clean articles and print one record per article")
    clean.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders of articles")
    clean.add_argument("-o", "--output", metavar="OUTPUT", help="write here instead of standard output")
    clean.add_argument("--format", choices=FORMATS, default="jsonl", help="record format (default: jsonl)")
    clean.add_argument("--site", metavar="HOST", help="hostname of the articles, where their records do not say")
    clean.add_argument("-q", "--quiet", action="store_true", help="no summary on standard error")
    add_common(clean)

    plugins = commands.add_parser("plugins", help="list the plugins loaded, where from, and their hooks")
    add_common(plugins)

    explain_command = commands.add_parser("explain", help="show each block of an article, kept or removed, and why")
    explain_command.add_argument("inputs", nargs="+", metavar="INPUT", help="article files (any kind a reader takes)")
    explain_command.add_argument("--site", metavar="HOST", help="hostname of the articles, where their records do not say")
    add_common(explain_command)

    report_command = commands.add_parser("report", help="an HTML page of what was removed, from `clean` records")
    report_command.add_argument("records", metavar="RECORDS", help="JSON lines written by `cleaner clean`")
    report_command.add_argument("-o", "--output", metavar="HTML", required=True, help="the page to write")

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
    args = build_parser().parse_args(argv)
    if args.command == "report":
        return report.write_report(args.records, args.output, sys.stderr)
    try:
        cleaner = Cleaner.from_config(args.config, plugin_dirs=args.plugins_dir, site=getattr(args, "site", None))
    except ConfigError as error:
        print(f"cleaner: config error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "plugins":
        return list_plugins(cleaner)
    if args.command == "explain":
        return EXIT_ARTICLE_FAILED if explain.explain(cleaner, args.inputs, sys.stdout) else EXIT_OK
    if args.command == "learn":
        return learn.run(cleaner, args, sys.stderr)
    if args.command == "check-rules":
        return EXIT_ARTICLE_FAILED if check_rules.check_rules(cleaner, sys.stdout) else EXIT_OK
    return clean(cleaner, args)


def list_plugins(cleaner: Cleaner) -> int:
    for info in describe_plugins(cleaner.manager):
        state = "" if cleaner.enabled.get(info.name, True) else "  (disabled)"
        print(f"{info.name}{state}\n    from: {info.origin}\n    hooks: {', '.join(info.hooks)}")
    return EXIT_OK


def clean(cleaner: Cleaner, args: argparse.Namespace) -> int:
    stats = RunStats()
    articles = failed = 0
    removed_by_plugin: Counter[str] = Counter()
    try:
        target = open(args.output, "w", encoding="utf-8") if args.output else nullcontext(sys.stdout)
    except OSError as error:
        print(f"cleaner: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    with target as stream:
        writer = RecordWriter(stream, args.format)
        for article in cleaner.clean_paths(args.inputs, stats):
            writer.write(article)
            articles += 1
            failed += article.failed
            removed_by_plugin.update(block.removal.plugin for block in article.removed_blocks())
            for problem in article.problems:
                level = "error" if problem.fatal else "warning"
                plugin = f" (plugin {problem.plugin})" if problem.plugin else ""
                where = "" if problem.message.startswith(article.source) else f"{article.source}: "
                print(f"cleaner: {level}: {where}{problem.message}{plugin}", file=sys.stderr)
        writer.close()
    if not args.quiet:
        removed = ", ".join(f"{name} {count}" for name, count in sorted(removed_by_plugin.items())) or "none"
        print(f"cleaner: {articles} articles, {failed} failed; blocks removed: {removed}", file=sys.stderr)
        if stats.unclaimed:
            print(f"cleaner: {len(stats.unclaimed)} files in folders no reader takes were skipped, "
                  f"e.g. {stats.unclaimed[0]}", file=sys.stderr)
    return EXIT_ARTICLE_FAILED if failed else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
