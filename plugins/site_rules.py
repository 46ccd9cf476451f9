"""Site rules written in config.yaml: lines, blocks and footers to drop on one site.

Its options for a site are that site's ``drop_lines``, ``drop_blocks`` and ``drop_after`` (see
`cleaner.sites`); outside any site section they are empty and the plugin does nothing. Every
pattern matches the whole line, spaces at its ends ignored, without regard to case.
"""

from __future__ import annotations

import cleaner
from cleaner.model import Mark
from cleaner.shapes import alone_in_paragraph, ends_with_full_stop
from cleaner.sites import SiteRules


@cleaner.hookimpl
def cleaner_add_options():
    return SiteRules


@cleaner.hookimpl(tryfirst=True)
def cleaner_mark_blocks(article, options):
    if not (options.drop_lines or options.drop_blocks or options.drop_after):
        return None
    marks: list[Mark] = []
    taken: set[int] = set()
    site = article.site
    for block in article.candidates(options.drop_after, options.drop_lines, *(rule.start for rule in options.drop_blocks)):
        if block.index in taken:
            continue
        text = block.text.strip()
        if options.drop_after.fullmatch(text):
            pattern = options.drop_after.which(text)
            marks.append(Mark(block, "drop_after", f"footer of {site} starts here: {pattern!r}"))
            marks.extend(
                Mark(later, "drop_after", f"after the footer line {text!r} of {site}")
                for later in article.blocks[block.index + 1 :]
                if later.removal is None and later.index not in taken
            )
            break
        if options.drop_lines.fullmatch(text):
            marks.append(Mark(block, "drop_lines", f"{site} furniture line: {options.drop_lines.which(text)!r}"))
            continue
        rule = next((rule for rule in options.drop_blocks if rule.start.fullmatch(text)), None)
        if rule is not None:
            start = rule.start.patterns[0]
            marks.append(Mark(block, "drop_blocks", f"{site} block starts here: {start!r}"))
            for item in _items_under(article, block, rule):
                taken.add(item.index)
                marks.append(Mark(item, "drop_blocks", f"item of the {site} block under {text!r}"))
    return marks


def _items_under(article, start, rule):
    """The run of kept blocks after `start` that match the rule's items (or look like headlines),
    within the start's paragraph if it shares one."""
    within_paragraph = not alone_in_paragraph(article, start)
    items = []
    for candidate in article.blocks[start.index + 1 :]:
        if len(items) >= rule.max_items or (within_paragraph and candidate.paragraph != start.paragraph):
            break
        if candidate.removal is not None:
            continue
        text = candidate.text.strip()
        if rule.items is not None:
            belongs = bool(rule.items.fullmatch(text))
        else:
            belongs = candidate.words <= rule.max_item_words and not ends_with_full_stop(text)
        if not belongs:
            break
        items.append(candidate)
    return items
