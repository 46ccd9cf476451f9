"""``cleaner report``: one self-contained HTML page from the records ``cleaner clean`` wrote.

It shows removed blocks per plugin and per site as bar charts, and every article as it came in,
removed blocks struck through with their plugin, rule and reason. Everything is inline (CSS, a
little JavaScript to filter by plugin, SVG charts), so the page works offline; every piece of
article text is escaped, because scraped text is untrusted. Long words (URLs, scraped runs of
text without spaces) wrap anywhere, so no article is wider than its box.

The original order is rebuilt from the record: each removed entry's ``block`` index says where it
stood, and the kept blocks are the lines of ``text`` in order, one per block.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html import escape
from typing import Any

_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.5em}
.charts{display:flex;flex-wrap:wrap;gap:2em}.chart text{font-size:12px;fill:#222}
.chart rect{fill:#c0392b}.chart.sites rect{fill:#2c6fbb}
details{border:1px solid #ddd;border-radius:4px;margin:.6em 0;padding:.3em .8em}
details,.error{overflow-wrap:anywhere;word-break:break-word}
summary{cursor:pointer;font-weight:600}.meta{color:#666;font-weight:400}
.block{margin:.15em 0;white-space:pre-wrap}.gap{height:.6em}
.removed del{color:#a33;text-decoration:line-through;text-decoration-thickness:2px}
.reason{display:inline-block;margin-left:.6em;font-size:.8em;color:#555;background:#f3e6e6;border-radius:3px;padding:0 .4em}
.error{color:#a00}.filters label{margin-right:1em}.hidden{display:none}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.1em .5em;text-align:left}
"""

_SCRIPT = """
document.querySelectorAll('.filters input').forEach(function (box) {
  box.addEventListener('change', function () {
    document.querySelectorAll('.removed[data-plugin="' + box.value + '"]').forEach(function (line) {
      line.classList.toggle('hidden', !box.checked);
    });
  });
});
document.body.setAttribute('data-ready', 'yes');
"""


@dataclass
class Records:
    records: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_records(lines: Iterable[str], name: str) -> Records:
    """Records from JSON lines (or one JSON array); a line that is not a record is a problem, not the end."""
    lines = list(lines)
    found = Records()
    if lines and lines[0].lstrip().startswith("["):
        try:
            items = json.loads("".join(lines))
        except ValueError as error:
            found.problems.append(f"{name}: not valid JSON: {error}")
            return found
        numbered = list(enumerate(items, start=1))
    else:
        numbered = []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                numbered.append((number, json.loads(line)))
            except ValueError as error:
                found.problems.append(f"{name}: line {number}: not valid JSON: {error}")
    for number, item in numbered:
        if isinstance(item, dict) and isinstance(item.get("removed", []), list):
            found.records.append(item)
        else:
            found.problems.append(f"{name}: record {number}: not a cleaner record (expected an object with 'removed')")
    return found


def original_order(record: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """The article as it came in: ("kept", text), ("removed", entry) and ("gap", None) between paragraphs."""
    removed = sorted(
        (entry for entry in record.get("removed") or [] if isinstance(entry, dict)),
        key=lambda entry: (entry.get("block") is None, entry.get("block") or 0, entry.get("line") or 0),
    )
    paragraphs = [paragraph.split("\n") for paragraph in (record.get("text") or "").split("\n\n") if paragraph.strip()]
    kept = [(line, index > 0 and position == 0) for index, lines in enumerate(paragraphs) for position, line in enumerate(lines)]
    kept_index = 0
    block = 0
    for entry in removed:
        position = entry.get("block")
        while position is not None and block < position and kept_index < len(kept):
            line, new_paragraph = kept[kept_index]
            if new_paragraph:
                yield "gap", None
            yield "kept", line
            kept_index += 1
            block += 1
        yield "removed", entry
        block += 1
    for line, new_paragraph in kept[kept_index:]:
        if new_paragraph:
            yield "gap", None
        yield "kept", line


def bar_chart(title: str, counts: list[tuple[str, int]], css_class: str) -> str:
    """A horizontal bar chart as inline SVG."""
    bar, gap, label_width, width = 18, 6, 220, 560
    top = max((count for _, count in counts), default=0) or 1
    height = 24 + len(counts) * (bar + gap)
    rows = []
    for number, (label, count) in enumerate(counts):
        y = 24 + number * (bar + gap)
        length = max(1, round((width - label_width - 60) * count / top))
        rows.append(
            f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end">{escape(label[:34])}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar}"><title>{escape(label)}: {count}</title></rect>'
            f'<text x="{label_width + length + 4}" y="{y + 13}">{count}</text>'
        )
    return (
        f'<svg class="chart {css_class}" role="img" aria-label="{escape(title)}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><text x="0" y="14" font-weight="bold">{escape(title)}</text>{"".join(rows)}</svg>'
    )


def render(records: Records, source_name: str, max_sites: int = 25) -> str:
    by_plugin: Counter[str] = Counter()
    by_site: Counter[str] = Counter()
    articles_by_site: Counter[str] = Counter()
    table: Counter[tuple[str, str]] = Counter()
    for record in records.records:
        site = (record.get("metadata") or {}).get("site") or "(no site)"
        articles_by_site[site] += 1
        for entry in record.get("removed") or []:
            plugin = str(entry.get("plugin"))
            by_plugin[plugin] += 1
            by_site[site] += 1
            table[site, plugin] += 1
    failed = sum(any(error.get("level") == "error" for error in record.get("errors") or []) for record in records.records)
    plugins = sorted(by_plugin)
    sites = [site for site, _ in articles_by_site.most_common(max_sites)]
    parts = [
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        f"<title>cleaner report: {escape(source_name)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>cleaner report: {escape(source_name)}</h1>",
        f"<p>{len(records.records)} articles, {failed} failed, {sum(by_plugin.values())} blocks removed.</p>",
    ]
    parts += [f'<p class="error">{escape(problem)}</p>' for problem in records.problems]
    parts.append('<div class="charts">')
    parts.append(bar_chart("Blocks removed per plugin", by_plugin.most_common(), "plugins"))
    parts.append(bar_chart("Blocks removed per site", [(site, by_site[site]) for site in sites], "sites"))
    parts.append("</div>")
    parts.append("<h2>Per site and plugin</h2><table><tr><th>site</th><th>articles</th>")
    parts += [f"<th>{escape(plugin)}</th>" for plugin in plugins]
    parts.append("</tr>")
    for site in sites:
        cells = "".join(f"<td>{table[site, plugin]}</td>" for plugin in plugins)
        parts.append(f"<tr><td>{escape(site)}</td><td>{articles_by_site[site]}</td>{cells}</tr>")
    parts.append("</table>")
    parts.append('<h2>Articles</h2><p class="filters">Show removed blocks of: ')
    parts += [f'<label><input type="checkbox" value="{escape(plugin)}" checked> {escape(plugin)}</label>' for plugin in plugins]
    parts.append("</p>")
    for record in records.records:
        parts.append(_article(record))
    parts.append(f"<script>{_SCRIPT}</script></body></html>")
    return "".join(parts)


def _article(record: dict[str, Any]) -> str:
    metadata = record.get("metadata") or {}
    removed = len(record.get("removed") or [])
    heading = (
        f"{escape(str(record.get('id')))} <span class=\"meta\">{escape(str(record.get('title') or ''))} · "
        f"{escape(str(metadata.get('site') or 'no site'))} · {removed} removed</span>"
    )
    lines = []
    for kind, value in original_order(record):
        if kind == "gap":
            lines.append('<div class="gap"></div>')
        elif kind == "kept":
            lines.append(f'<div class="block kept">{escape(value)}</div>')
        else:
            plugin = str(value.get("plugin"))
            reason = f"{plugin}/{value.get('rule')}: {value.get('reason')}"
            lines.append(
                f'<div class="block removed" data-plugin="{escape(plugin)}"><del>{escape(str(value.get("text")))}</del>'
                f'<span class="reason">{escape(reason)}</span></div>'
            )
    errors = "".join(
        f'<p class="error">{escape(str(error.get("level")))}: {escape(str(error.get("message")))}</p>'
        for error in record.get("errors") or []
        if isinstance(error, dict)
    )
    return f"<details open><summary>{heading}</summary>{errors}{''.join(lines)}</details>"


def write_report(records_path: str, output: str, errors) -> int:
    """Write the report page for a records file; return the exit status (1 if any record was bad)."""
    try:
        with open(records_path, encoding="utf-8") as stream:
            records = read_records(stream, records_path)
    except (OSError, UnicodeDecodeError) as error:
        print(f"cleaner: cannot read {records_path}: {getattr(error, 'strerror', None) or error}", file=errors)
        return 2
    page = render(records, records_path)
    try:
        with open(output, "w", encoding="utf-8") as stream:
            stream.write(page)
    except OSError as error:
        print(f"cleaner: cannot write {output}: {error.strerror or error}", file=errors)
        return 2
    for problem in records.problems:
        print(f"cleaner: error: {problem}", file=errors)
    print(f"cleaner: {len(records.records)} articles in {output}", file=errors)
    return 1 if records.problems else 0
