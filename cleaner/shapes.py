"""Shape tests on blocks, shared by the built-in rules and handy for site plugins.

Furniture is recognised by its shape and place as much as by its words: a caption is short,
stands alone and ends without a full stop; a related-headline list is a run of such lines.
"""

from __future__ import annotations

from functools import lru_cache

from .model import Article, Block

_CLOSING_QUOTES = "\"'”’»」』"
_SENTENCE_ENDS = ".!?。！？"


@lru_cache(maxsize=4096)
def word_count(text: str) -> int:
    """Cached: every rule plugin asks it of the same lines of the same article."""
    return len(text.split())


def ends_sentence(text: str) -> bool:
    """True if the text ends like a sentence: a full stop, ! or ?, perhaps inside a closing quote."""
    stripped = text.rstrip()
    while stripped and stripped[-1] in _CLOSING_QUOTES + ")":
        stripped = stripped[:-1]
    return bool(stripped) and stripped[-1] in _SENTENCE_ENDS


def ends_with_full_stop(text: str) -> bool:
    """A full stop (not ! or ?, which headlines use), perhaps inside a closing quote."""
    stripped = text.rstrip()
    while stripped and stripped[-1] in _CLOSING_QUOTES + ")":
        stripped = stripped[:-1]
    return stripped.endswith(".") and not stripped.endswith("...")


def alone_in_paragraph(article: Article, block: Block) -> bool:
    """True if no other block shares the block's paragraph: a line standing between blank lines."""
    blocks = article.blocks
    index = block.index
    if index > 0 and blocks[index - 1].paragraph == block.paragraph:
        return False
    return not (index + 1 < len(blocks) and blocks[index + 1].paragraph == block.paragraph)


def next_kept(article: Article, block: Block) -> Block | None:
    for candidate in article.blocks[block.index + 1 :]:
        if candidate.removal is None:
            return candidate
    return None
