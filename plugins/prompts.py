"""Prompts of the page around the article: advertising labels, newsletter and subscription pushes,
social and app prompts, a shop's buttons, cookie and embedded-content notices, comment calls,
letters-to-the-editor footers and interface labels ("Show image", "3 min read", "Page 2 of 5").

Each kind is its own vocabulary, matched from the start of a short block, and its own rule, so
that the rule ledger and `cleaner explain` say which kind a line was, and a kind can be switched
off by emptying its list.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, PrivateAttr, field_validator

import cleaner
from cleaner.model import Mark
from cleaner.patterns import Vocabulary

KINDS = {
    "advertising": "advertising label or disclosure",
    "newsletter": "newsletter or e-mail alert sign-up",
    "subscription": "subscription, paywall or log-in prompt",
    "social": "social media or sharing prompt",
    "apps": "prompt to get the site's app",
    "commerce": "shop's buttons and labels: add to cart, price with VAT, in stock",
    "consent": "cookie, privacy or embedded-content notice",
    "comments": "comment count or call to comment",
    "feedback": "call for readers' letters, tips or feedback",
    "interface": "label of the page's interface",
    "prompts": "prompt of the page around the article",
}
"""Each vocabulary, and the reason its marks give."""


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    advertising: Vocabulary = Vocabulary()
    newsletter: Vocabulary = Vocabulary()
    subscription: Vocabulary = Vocabulary()
    social: Vocabulary = Vocabulary()
    apps: Vocabulary = Vocabulary()
    commerce: Vocabulary = Vocabulary()
    consent: Vocabulary = Vocabulary()
    comments: Vocabulary = Vocabulary()
    feedback: Vocabulary = Vocabulary()
    interface: Vocabulary = Vocabulary()
    prompts: Vocabulary = Vocabulary()
    """Any other prompt: patterns of your own, matched from the start of a line."""
    reported_speech: Vocabulary = Vocabulary()
    """A clause that says who said it, at the end of a line (", the mayor said.", ", sagte der
    Bürgermeister.") or followed by more of the sentence (", dizem os investigadores, e …"),
    searched in a line a kind matched: "Sign up at your GP, the health board urged." is a call the
    article reports, not one the page makes."""
    max_words: int = 25
    """Prompts are short; a longer line that starts like one is body text."""
    max_words_of: dict[str, int] = {"advertising": 60, "subscription": 60}
    """Kinds whose prompts run longer, and how long: an affiliate disclosure or a paywall's pitch
    is often a paragraph of its own ("If you enjoyed this article, we have a proposition for you:
    join …"), where a call to share or comment is a line."""

    @field_validator("max_words_of")
    @classmethod
    def _known_kinds(cls, value: dict[str, int]) -> dict[str, int]:
        unknown = sorted(set(value) - set(KINDS))
        if unknown:
            raise ValueError(f"not a kind of prompt: {', '.join(unknown)} (kinds: {', '.join(KINDS)})")
        return value

    _kinds: list[tuple[str, Vocabulary]] = PrivateAttr(default_factory=list)
    _any_kind: Vocabulary | None = PrivateAttr(default=None)

    def model_post_init(self, context) -> None:
        self._kinds = [(kind, vocabulary) for kind in KINDS if (vocabulary := self.__dict__[kind])]
        # One vocabulary of every kind's patterns, to find the few blocks that may be a prompt at
        # all (one question to the screen instead of ten); each kind is then matched on those.
        self._any_kind = Vocabulary._derived([pattern for _, vocabulary in self._kinds for pattern in vocabulary.patterns])

    def kinds(self) -> tuple[list[tuple[str, Vocabulary]], Vocabulary]:
        """(kind, vocabulary) for every kind that has patterns, and all their patterns as one."""
        private = self.__pydantic_private__
        return private["_kinds"], private["_any_kind"]

    def longest(self, kind: str | None = None) -> int:
        """How many words a prompt of this kind (of any kind, for None) may have."""
        if kind is None:
            return max(self.max_words, *self.max_words_of.values()) if self.max_words_of else self.max_words
        return self.max_words_of.get(kind, self.max_words)


@cleaner.hookimpl
def cleaner_add_options():
    return Options


@cleaner.hookimpl
def cleaner_mark_blocks(article, options):
    kinds, any_kind = options.kinds()
    if not kinds:
        return None
    marks = []
    longest = options.longest()
    for block in article.candidates(any_kind):
        if block.words > longest:
            continue
        text = block.text.strip()
        for kind, vocabulary in kinds:
            if block.words <= options.longest(kind) and vocabulary.match(text):
                if not options.reported_speech.search(text):
                    marks.append(Mark(block, kind, KINDS[kind]))
                break
    return marks
