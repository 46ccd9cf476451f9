"""Renders the kept blocks: one blank line between paragraphs, no trailing spaces."""

from __future__ import annotations

import cleaner


@cleaner.hookimpl
def cleaner_render_text(article):
    parts: list[str] = []
    paragraph = None
    for block in article.blocks:
        if block.removal is not None:
            continue
        text = block.text
        if "\n" in text or text.startswith("\r"):
            text = text.strip("\r\n")
            text = "\n".join(line.rstrip() for line in text.split("\n")) if "\n" in text else text.rstrip()
        else:
            text = text.rstrip()
        if paragraph is not None:
            parts.append("\n" if block.paragraph == paragraph else "\n\n")
        parts.append(text)
        paragraph = block.paragraph
    return "".join(parts)
