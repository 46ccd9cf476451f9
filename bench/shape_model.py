#!/usr/bin/env python3
"""Can the shape of a block tell the furniture the rules leave? A scored model, fitted and checked.

Issue 12 asked for evidence beyond words: the shallow features boilerpipe and jusText showed to
carry over between sites. This fits a logistic regression on the blocks cleaner keeps (default
configuration, both modes, both development corpora), on the even halves only, and reports what
it would remove on each half at several thresholds: a scored plugin earns a place only if, on the
odd half it was not fitted on, what it removes is mostly furniture.

A kept block is labelled as the ledger judges a removed one (`ledger.py`): on scrapinghub,
furniture unless most of its words stand in the truth; on trafilatura-eval, furniture if it holds
(or is held in) a "without" snippet, article text if a "with" one, and left out otherwise.

Features, per kept block: its length (log of words, five or fewer), the share of its words that
are stopwords of the article's language (jusText's lists), that share weighted by length, whether
it ends a sentence or with a colon, a leading "Label:", separators (| • » /), links and handles,
digits, capitalised words, "©", its place (share of the kept words before it, first, last, words
after it), whether the blocks beside it were removed or are short, and its kind (heading, item,
caption, quote, cell, lead).

Usage (from the repository root; numpy comes with the test extras)::

    python bench/shape_model.py
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402
from corpora import collapse, shingles, tokens  # noqa: E402
from ledger import MODES, clean_articles  # noqa: E402

THRESHOLDS = (0.5, 0.7, 0.8, 0.9)
_WORD = re.compile(r"\w+")
_LABEL = re.compile(r"^\W*\w[\w .'-]{0,25}[:：]\s")
_SEPARATOR = re.compile(r"[|•»›]|\s/\s")
_LINK = re.compile(r"https?://|www\.|@\w|\.(com|de|org|net)\b")
_COPYRIGHT = re.compile(r"©|\(c\)|copyright", re.IGNORECASE)
KINDS = ("heading", "item", "caption", "quote", "cell", "lead")


def stoplists():
    """Each language's jusText stoplist, by the codes `cleaner.languages` tells."""
    from justext import get_stoplist

    from cleaner.languages import _STOPLISTS

    return {code: frozenset(word.lower() for word in get_stoplist(name)) for code, name in _STOPLISTS.items()}


def features(article, kept: list, position: int, stops: frozenset[str]) -> list[float]:
    block = kept[position]
    text = block.text.strip()
    words = _WORD.findall(text.lower())
    count = len(words)
    stop_share = sum(word in stops for word in words) / count if count else 0.0
    blocks = article.blocks
    before = blocks[block.index - 1] if block.index > 0 else None
    after = blocks[block.index + 1] if block.index + 1 < len(blocks) else None
    total = sum(other.words for other in kept) or 1
    split = text.split()
    return [
        1.0,
        math.log1p(count),
        float(count <= 5),
        stop_share,
        stop_share * min(count, 20) / 20,
        float(text[-1:] in ".!?\"”’»)"),
        float(text[-1:] in ":："),
        float(bool(_LABEL.match(text))),
        float(bool(_SEPARATOR.search(text))),
        float(bool(_LINK.search(text))),
        sum(char.isdigit() for char in text) / max(1, len(text)),
        sum(word[:1].isupper() for word in split) / max(1, len(split)),
        float(bool(_COPYRIGHT.search(text))),
        sum(other.words for other in kept[:position]) / total,
        float(position == 0),
        float(position == len(kept) - 1),
        math.log1p(sum(other.words for other in kept[position + 1 :])),
        float(before is not None and before.removal is not None),
        float(after is not None and after.removal is not None),
        float(position > 0 and kept[position - 1].words <= 5),
        float(position + 1 < len(kept) and kept[position + 1].words <= 5),
        *(float(block.kind == kind) for kind in KINDS),
    ]


def label(corpus_name: str, page, text: str) -> bool | None:
    """True for furniture, False for article text, None where the labels do not tell."""
    if corpus_name == "scrapinghub":
        words = tokens(text)
        if not words:
            return None
        if len(words) >= 4:
            found, truth = shingles(text), shingles(page.truth)
            inside = sum(min(count, truth[shingle]) for shingle, count in found.items())
            return inside < 0.5 * sum(found.values())
        return f" {' '.join(words)} " not in f" {' '.join(tokens(page.truth))} "
    seen = collapse(text)
    if len(seen) < 3:
        return None

    def holds(snippets):
        return any((snippet := collapse(s)) and (snippet in seen or seen in snippet) for s in snippets)

    furniture, article = holds(page.without_snippets), holds(page.with_snippets)
    return furniture if furniture != article else None


def rows(stops: dict[str, frozenset[str]]):
    """(corpus, mode, half, page id, block index, label, features) for every kept block."""
    from cleaner.languages import LanguageGuesser

    guesser = LanguageGuesser(list(stops))
    for name in corpora.CORPORA:
        corpus = corpora.load(name)
        for mode in MODES:
            for page, article in clean_articles(corpus, corpus.pages, mode):
                kept = [block for block in article.blocks if block.removal is None and block.text.strip()]
                counts = guesser.count(kept)
                language = max(counts, key=counts.get) if counts else "en"
                for position, block in enumerate(kept):
                    yield (name, mode, page.half, page.id, block.index,
                           label(name, page, block.text), features(article, kept, position, stops[language]))


def fit(x, y, steps: int = 6000, rate: float = 0.5, l2: float = 1e-3, furniture_weight: float = 5.0):
    """Logistic regression by gradient descent, furniture weighted up (it is a few percent of blocks)."""
    import numpy as np

    weights = np.zeros(x.shape[1])
    sample = np.where(y == 1, furniture_weight, 1.0)
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ weights))
        weights -= rate * (x.T @ ((p - y) * sample) / len(y) + l2 * weights)
    return weights


def main() -> int:
    import numpy as np

    data = [row for row in rows(stoplists()) if row[5] is not None]
    x = np.array([row[6] for row in data])
    y = np.array([float(row[5]) for row in data])
    half = np.array([row[2] for row in data])
    weights = fit(x[half == "even"], y[half == "even"])
    p = 1 / (1 + np.exp(-x @ weights))
    print(f"labelled kept blocks: {len(data)} ({int(y.sum())} furniture); fitted on the even halves\n")
    print(f"{'half':5} {'threshold':>9} {'removed':>8} {'furniture':>10} {'article':>8} {'furniture left':>15}")
    for name in ("even", "odd"):
        on = half == name
        for threshold in THRESHOLDS:
            taken = on & (p > threshold)
            furniture = int(y[taken].sum())
            print(f"{name:5} {threshold:9.2f} {int(taken.sum()):8} {furniture:10} {int(taken.sum()) - furniture:8} "
                  f"{int(y[on].sum()) - furniture:15}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
