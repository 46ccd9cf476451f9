"""``cleaner report``: one self-contained HTML page from the records ``cleaner clean`` wrote.

The records are read as a stream and counted in full (`cleaner.report_summary`): articles, failed
ones, blocks and words removed per plugin, rule and site, a histogram of the share of each
article's words removed, errors by kind. A run of up to `DEFAULT_SAMPLE` articles (or ``--all``)
then shows every article as it came in, in its order; a larger one shows a sample, chosen in the
same pass (`cleaner.report_sample`) and read again by position, and the page says how many were
left out and how the others were chosen. Each rule's row opens its removals in the articles shown.

Each article is shown as it came in, removed blocks struck through with their plugin, rule and
reason. Everything is inline (CSS, a little JavaScript to filter by plugin, SVG charts), so the
page works offline; every piece of article text is escaped, because scraped text is untrusted.
Long words (URLs, scraped runs of text without spaces) wrap anywhere, so no article is wider than
its box. The page is written as it is made, to a temporary file renamed when it is whole.

The original order is rebuilt from the record: each removed entry's ``block`` index says where it
stood, and the kept blocks are the lines of ``text`` in order, one per block.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from html import escape
from typing import IO, Any

from .report_input import RecordSource, entries, text_of
from .report_sample import Choice
from .report_summary import (
    MAX_ERROR_KINDS, MAX_RULES, MAX_SITES, NO_SITE, OTHER, OTHER_SITES, SHARE_BINS, Summary, Tally,
)

DEFAULT_SAMPLE = 200
"""Articles a page shows unless told otherwise: a page of 200 seed-sized articles is about 2 MB."""
MAX_ARTICLE_CHARACTERS = 50_000
"""Text shown of one article; the rest is counted, not shown, so that no article can make the page huge."""
EXAMPLES_SHOWN = 20
"""Removals listed under each rule's row."""
SITES_SHOWN = 50
EXAMPLE_CHARACTERS = 300

_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.5em}
.charts{display:flex;flex-wrap:wrap;gap:2em}.chart text{font-size:12px;fill:#222}
.chart rect{fill:#c0392b}.chart.sites rect{fill:#2c6fbb}.chart.shares rect{fill:#7a5ea8}
details{border:1px solid #ddd;border-radius:4px;margin:.6em 0;padding:.3em .8em}
details,.error,td{overflow-wrap:anywhere;word-break:break-word}
summary{cursor:pointer;font-weight:600}.meta{color:#666;font-weight:400}
.why{display:inline-block;margin-left:.6em;font-size:.8em;font-weight:400;color:#345;background:#e6edf3;border-radius:3px;padding:0 .4em}
.block{margin:.15em 0;white-space:pre-wrap}.gap{height:.6em}
.removed del{color:#a33;text-decoration:line-through;text-decoration-thickness:2px}
.reason{display:inline-block;margin-left:.6em;font-size:.8em;color:#555;background:#f3e6e6;border-radius:3px;padding:0 .4em}
.error{color:#a00}.filters label{margin-right:1em}.hidden{display:none}.cut{color:#666;font-style:italic}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.1em .5em;text-align:left;vertical-align:top}
td.n,th.n{text-align:right}tr.examples td{border-top:0}tr.examples details{border:0;margin:0;padding:0}
tr.examples summary{font-weight:400;color:#2c6fbb}tr.examples li{margin:.2em 0}
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


def write_report(records_path: str, output: str, errors: IO[str], sample: int = DEFAULT_SAMPLE,
                 show_all: bool = False) -> int:
    """Write the report page for a records file (``-``: standard input); return the exit status
    (1 if any line was not a record, 2 if the records cannot be read or the page written)."""
    if records_path != "-" and os.path.exists(output) and os.path.samefile(records_path, output):
        print(f"cleaner: the page would overwrite the records it is made from: {output}", file=errors)
        return 2
    try:
        source = RecordSource(records_path)
    except OSError as error:
        print(f"cleaner: cannot read {records_path}: {error.strerror or error}", file=errors)
        return 2
    with source:
        summary = Summary(sample)
        try:
            for position, record in source.records(summary.problems):
                summary.add(position, record)
            choice = Choice(everything=True) if show_all else summary.choose()
            _write_page(output, page(summary, choice, source))
        except _WriteFailed as failed:
            print(f"cleaner: cannot write {output}: {failed}", file=errors)
            return 2
        except OSError as error:
            print(f"cleaner: cannot read {source.name}: {error.strerror or error}", file=errors)
            return 2
    for problem in summary.problems.messages:
        print(f"cleaner: error: {problem}", file=errors)
    if summary.problems.not_kept:
        print(f"cleaner: error: and {summary.problems.not_kept} more lines that are not records", file=errors)
    shown = summary.articles if choice.everything else len(choice.picks)
    print(f"cleaner: {summary.articles} articles in {output} ({shown} shown)", file=errors)
    return 1 if summary.problems.count else 0


class _WriteFailed(Exception):
    pass


def _write_page(output: str, parts: Iterator[str]) -> None:
    """Write the page under a temporary name, renamed when whole (a lone surrogate, which a record
    may hold, cannot be UTF-8: it is written as "?")."""
    partial = output + ".part"
    try:
        with open(partial, "w", encoding="utf-8", errors="replace") as stream:
            stream.writelines(parts)
        os.replace(partial, output)
    except OSError as error:
        try:
            os.unlink(partial)
        except OSError:
            pass
        raise _WriteFailed(error.strerror or error) from None


def page(summary: Summary, choice: Choice, source: RecordSource) -> Iterator[str]:
    """The page, part by part: the counts over every record, then the articles chosen (all of
    them, read again one at a time, if `choice.everything`)."""
    name = source.name
    yield "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
    yield f"<title>cleaner report: {escape(name)}</title><style>{_STYLE}</style></head><body>"
    yield f"<h1>cleaner report: {escape(name)}</h1>"
    yield _totals(summary)
    yield from (f'<p class="error">{escape(problem)}</p>' for problem in summary.problems.messages)
    if summary.problems.not_kept:
        yield f'<p class="error">… and {summary.problems.not_kept:,} more lines that are not records.</p>'
    if choice.everything:
        shown: dict[int, dict[str, Any]] = {}
        examples = source.read_at(candidate.position for candidate in summary.pools.examples())
    else:
        shown = examples = source.read_at(candidate.position for candidate in choice.picks)
    yield _how_chosen(summary, choice)
    yield '<div class="charts">'
    yield bar_chart("Blocks removed per plugin", _by_blocks(summary.plugins), "plugins")
    yield bar_chart("Blocks removed per site", [(site, tally.blocks) for site, tally in summary.biggest_sites()[:25]], "sites")
    yield bar_chart("Articles by the share of their words removed", list(zip(SHARE_BINS, summary.shares)), "shares")
    yield "</div>"
    if summary.no_words:
        yield f"<p>{summary.no_words:,} articles had no words at all (and are not in the histogram).</p>"
    yield from _rules_table(summary, examples)
    yield from _error_kinds(summary, examples)
    yield from _sites_table(summary)
    plugins = sorted(summary.plugins)
    yield '<h2 id="articles">Articles</h2><p class="filters">Show removed blocks of: '
    yield "".join(f'<label><input type="checkbox" value="{escape(p)}" checked> {escape(p)}</label>' for p in plugins)
    yield "</p>"
    if choice.everything:
        for position, record in source.reread():
            yield article(position, record, "")
    else:
        first = [candidate for candidate in choice.picks if candidate.position in choice.first]
        rest = sorted((candidate for candidate in choice.picks if candidate.position not in choice.first),
                      key=lambda candidate: candidate.position)
        if first:
            yield (f"<h3>To see first ({len(first)}): failed articles, those that lost the largest share of their "
                   "words, and those where a rule removed the longest blocks</h3>")
            for candidate in first:
                yield article(candidate.position, shown[candidate.position], choice.reasons[candidate.position])
        yield f"<h3>The others ({len(rest)}), in the order of the input</h3>"
        for candidate in rest:
            yield article(candidate.position, shown[candidate.position], choice.reasons[candidate.position])
    yield f"<script>{_SCRIPT}</script></body></html>"


def _totals(summary: Summary) -> str:
    share = f" ({summary.removed_words / summary.words:.1%} of all their words)" if summary.words else ""
    return (
        f'<p class="totals" data-articles="{summary.articles}" data-failed="{summary.failed}" '
        f'data-blocks="{summary.blocks}" data-words-removed="{summary.removed_words}">'
        f"{summary.articles:,} articles, {summary.failed:,} failed, {summary.blocks:,} blocks removed, "
        f"{summary.removed_words:,} words removed{share}.</p>"
    )


def _how_chosen(summary: Summary, choice: Choice) -> str:
    if choice.everything:
        return f'<p class="shown" data-shown="{summary.articles}" data-left-out="0">All {summary.articles:,} articles are shown below.</p>'
    shown = len(choice.picks)
    steps = "".join(f"<li>{escape(label)}: {added:,}</li>" for label, added in choice.steps if added)
    return (
        f'<p class="shown" data-shown="{shown}" data-left-out="{summary.articles - shown}">'
        f'<a href="#articles">{shown:,} articles are shown below</a>; {summary.articles - shown:,} are left out. '
        "The counts, charts and tables are over all the articles. The articles shown were chosen in this order, "
        "each once (the choice depends only on the records, through a hash of each id, so the same records give "
        f"the same page; <code>--sample N</code> shows N, <code>--all</code> every one):</p><ol>{steps}</ol>"
    )


def _by_blocks(tallies: dict[str, Tally]) -> list[tuple[str, int]]:
    return sorted(((name, tally.blocks) for name, tally in tallies.items()), key=lambda item: (-item[1], item[0]))


def _rules_table(summary: Summary, records: dict[int, dict[str, Any]]) -> Iterator[str]:
    """A row per rule, with the removals it made in the articles shown under it, to open."""
    examples: dict[tuple[str, str], list[str]] = {}
    for position, record in records.items():
        for entry in entries(record, "removed"):
            rule = summary.rule_key(text_of(entry.get("plugin")), text_of(entry.get("rule")))
            found = examples.setdefault(rule, [])
            if len(found) < EXAMPLES_SHOWN:
                found.append(
                    f'<li><a href="#a{position}">{escape(text_of(record.get("id")))}</a>: '
                    f"<del>{escape(_cut(text_of(entry.get('text')), EXAMPLE_CHARACTERS))}</del> "
                    f'<span class="reason">{escape(_cut(text_of(entry.get("reason")), EXAMPLE_CHARACTERS))}</span></li>'
                )
    yield "<h2>Per rule</h2><table class=\"rules\"><tr><th>plugin</th><th>rule</th><th class=\"n\">blocks</th>"
    yield '<th class="n">words</th><th class="n">articles</th><th class="n">longest block (words)</th></tr>'
    order = sorted(summary.rules.items(), key=lambda item: (item[0][0] == OTHER, item[0][0], -item[1].blocks, item[0][1]))
    for (plugin, rule), tally in order:
        yield (
            f'<tr class="rule" data-plugin="{escape(plugin)}" data-rule="{escape(rule)}" data-blocks="{tally.blocks}">'
            f"<td>{escape(plugin)}</td><td>{escape(rule)}</td><td class=\"n\">{tally.blocks:,}</td>"
            f'<td class="n">{tally.words:,}</td><td class="n">{tally.articles:,}</td><td class="n">{tally.longest:,}</td></tr>'
        )
        found = examples.get((plugin, rule), [])
        label = f"{len(found)} of its removals in the articles shown" if found else "no removal in the articles shown"
        yield (
            f'<tr class="examples"><td colspan="6"><details><summary>{label}</summary>'
            f'<ul>{"".join(found)}</ul></details></td></tr>'
        )
    yield "</table>"
    if (OTHER, OTHER) in summary.rules:
        yield f"<p>Past the first {MAX_RULES:,} rules, the removals of new rules are counted together as {OTHER}.</p>"


def _error_kinds(summary: Summary, records: dict[int, dict[str, Any]]) -> Iterator[str]:
    """A row per kind of error or warning, with links to the articles shown that have it."""
    if not summary.error_kinds:
        return
    shown: dict[tuple[str, str, str, str], list[str]] = {}
    for position, record in records.items():
        for error in entries(record, "errors"):
            links = shown.setdefault(summary.error_kind(error, record), [])
            if len(links) < 3:
                links.append(f'<a href="#a{position}">{escape(text_of(record.get("id")))}</a>')
    yield "<h2>Errors and warnings by kind</h2><table class=\"errors\"><tr><th>level</th><th>stage</th><th>plugin</th>"
    yield '<th>kind</th><th class="n">count</th><th>first seen</th><th>articles shown</th></tr>'
    for key, kind in sorted(summary.error_kinds.items(), key=lambda item: (item[1].level != "error", -item[1].count)):
        yield (
            f"<tr><td>{escape(kind.level)}</td><td>{escape(kind.stage)}</td><td>{escape(kind.plugin)}</td>"
            f'<td>{escape(kind.pattern)}</td><td class="n">{kind.count:,}</td><td>{escape(kind.example)}</td>'
            f"<td>{', '.join(shown.get(key, []))}</td></tr>"
        )
    yield "</table>"
    if any(key[1:] == (OTHER, OTHER, OTHER) for key in summary.error_kinds):
        yield f"<p>Past the first {MAX_ERROR_KINDS:,} kinds, the errors of new kinds are counted together as {OTHER}.</p>"


def _sites_table(summary: Summary) -> Iterator[str]:
    sites = summary.biggest_sites()
    plugins = sorted(summary.plugins)
    yield "<h2>Per site</h2>"
    if OTHER_SITES in summary.sites:
        yield f"<p>Past the first {MAX_SITES:,} sites, the articles of new sites are counted together as {OTHER_SITES}.</p>"
    if len(sites) > SITES_SHOWN:
        yield f"<p>{len(sites):,} sites; the {SITES_SHOWN} with most articles:</p>"
    yield '<table class="sites"><tr><th>site</th><th class="n">articles</th><th class="n">failed</th>'
    yield '<th class="n">words removed</th>'
    yield "".join(f'<th class="n">{escape(plugin)}</th>' for plugin in plugins)
    yield "</tr>"
    for site, tally in sites[:SITES_SHOWN]:
        share = f" ({tally.removed_words / tally.words:.0%})" if tally.words else ""
        cells = "".join(f'<td class="n">{tally.plugins[plugin]:,}</td>' for plugin in plugins)
        label = escape(site) if site not in (NO_SITE, OTHER_SITES) else f"<i>{escape(site)}</i>"
        yield (f"<tr><td>{label}</td><td class=\"n\">{tally.articles:,}</td><td class=\"n\">{tally.failed:,}</td>"
               f'<td class="n">{tally.removed_words:,}{share}</td>{cells}</tr>')
    yield "</table>"


def article(position: int, record: dict[str, Any], why: str) -> str:
    """One article as it came in, its removed blocks struck through; at most `MAX_ARTICLE_CHARACTERS` of its text."""
    metadata = record.get("metadata") if isinstance(record.get("metadata"), dict) else {}
    removed = len(entries(record, "removed"))
    heading = (
        f"{escape(text_of(record.get('id')))} <span class=\"meta\">{escape(text_of(record.get('title')))} · "
        f"{escape(text_of(metadata.get('site')) or 'no site')} · {removed} removed</span>"
    )
    if why:
        heading += f'<span class="why">{escape(why)}</span>'
    lines = []
    budget = MAX_ARTICLE_CHARACTERS
    left_out = 0
    for kind, value in original_order(record):
        if budget <= 0:
            left_out += kind != "gap"
            continue
        if kind == "gap":
            lines.append('<div class="gap"></div>')
        elif kind == "kept":
            lines.append(f'<div class="block kept">{escape(_cut(value, budget))}</div>')
            budget -= len(value)
        else:
            plugin = text_of(value.get("plugin"))
            text = text_of(value.get("text"))
            reason = f"{plugin}/{text_of(value.get('rule'))}: {text_of(value.get('reason'))}"
            lines.append(
                f'<div class="block removed" data-plugin="{escape(plugin)}" data-rule="{escape(text_of(value.get("rule")))}">'
                f'<del>{escape(_cut(text, budget))}</del><span class="reason">{escape(reason)}</span></div>'
            )
            budget -= len(text)
    if left_out:
        lines.append(f'<p class="cut">… {left_out} more blocks, not shown (the record has them).</p>')
    errors = "".join(
        f'<p class="error">{escape(text_of(error.get("level")))}: {escape(text_of(error.get("message")))}</p>'
        for error in entries(record, "errors")
    )
    return (f'<details class="article" id="a{position}" data-id="{escape(text_of(record.get("id")))}" open>'
            f"<summary>{heading}</summary>{errors}{''.join(lines)}</details>")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text) - limit:,} more characters)"


def original_order(record: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """The article as it came in: ("kept", text), ("removed", entry) and ("gap", None) between paragraphs."""
    removed = sorted(
        entries(record, "removed"),
        key=lambda entry: (_index(entry, "block") is None, _index(entry, "block") or 0, _index(entry, "line") or 0),
    )
    text = record.get("text")
    paragraphs = [paragraph.split("\n") for paragraph in (text if isinstance(text, str) else "").split("\n\n") if paragraph.strip()]
    kept = [(line, index > 0 and position == 0) for index, lines in enumerate(paragraphs) for position, line in enumerate(lines)]
    kept_index = 0
    block = 0
    for entry in removed:
        position = _index(entry, "block")
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


def _index(entry: dict[str, Any], key: str) -> int | None:
    value = entry.get(key)
    return value if isinstance(value, int) else None


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
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar}"><title>{escape(label)}: {count:,}</title></rect>'
            f'<text x="{label_width + length + 4}" y="{y + 13}">{count:,}</text>'
        )
    return (
        f'<svg class="chart {css_class}" role="img" aria-label="{escape(title)}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><text x="0" y="14" font-weight="bold">{escape(title)}</text>{"".join(rows)}</svg>'
    )


