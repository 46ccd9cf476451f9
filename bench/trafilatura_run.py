#!/usr/bin/env python3
"""trafilatura alone as a whole run, the reference for the README's table of HTML mode's speed.

Reads JSON lines with ``html`` and ``url`` (as ``cleaner clean`` reads them) and writes one JSON
line per record: ``{"id", "text"}`` from ``trafilatura.extract``, or with ``--bare`` the text and
metadata of ``bare_extraction``. Same options as the bench's comparison: comments left out, tables
kept. Time it as a whole process (``/usr/bin/time -v``) against ``cleaner clean --workers 1`` on
the same file::

    python bench/trafilatura_run.py pages.jsonl --fast > /dev/null
    python bench/trafilatura_run.py pages.jsonl --bare --with-metadata > /dev/null
"""

from __future__ import annotations

import argparse
import json
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="JSON lines with html and url")
    parser.add_argument("--fast", action="store_true", help="trafilatura's fast=True: no fallback extractors")
    parser.add_argument("--bare", action="store_true", help="bare_extraction instead of extract")
    parser.add_argument("--with-metadata", action="store_true", help="with --bare: extract the page's metadata too")
    args = parser.parse_args(argv)
    from trafilatura import bare_extraction, extract

    common = {"fast": args.fast, "include_comments": False, "include_tables": True}
    out = sys.stdout
    with open(args.input, encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            record = json.loads(line)
            html, url = record["html"], record.get("url")
            key = record.get("id", number)
            if args.bare:
                result = bare_extraction(html, url=url, with_metadata=args.with_metadata, **common)
                fields = {} if result is None else {
                    name: value for name in ("text", "title", "author", "date") if (value := getattr(result, name, None))
                }
                out.write(json.dumps({"id": key, **fields}, ensure_ascii=False) + "\n")
            else:
                out.write(json.dumps({"id": key, "text": extract(html, url=url, **common)}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
