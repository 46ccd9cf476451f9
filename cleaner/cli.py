"""The command line: ``cleaner clean`` and ``cleaner plugins``."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from contextlib import nullcontext

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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        cleaner = Cleaner.from_config(args.config, plugin_dirs=args.plugins_dir, site=getattr(args, "site", None))
    except ConfigError as error:
        print(f"cleaner: config error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "plugins":
        return list_plugins(cleaner)
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
