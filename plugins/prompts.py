"""Social, newsletter, advertising and cookie prompts: "Sign up to our newsletter", "Advertisement"."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

import cleaner
from cleaner.model import Mark
from cleaner.patterns import Vocabulary


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    prompts: Vocabulary = Vocabulary()
    """Patterns matched from the start of a line."""
    max_words: int = 25
    """Prompts are short; a longer line that starts like one is body text."""


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl
def cleaner_mark_blocks(article, options):
    marks = []
    for block in article.candidates(options.prompts):
        if block.words <= options.max_words and options.prompts.match(block.text.strip()):
            marks.append(Mark(block, "prompt", "social, newsletter, advertising or cookie prompt"))
    return marks
