"""The two development corpora in ``../shared/bench``, their metrics, and the halves they are split in.

* ``scrapinghub``: 121 news pages with the whole article body as truth; scored by token
  4-shingles, mean per-page precision and recall, F1 of the means (its README).
* ``trafilatura-eval``: 505 pages of trafilatura's own evaluation corpus with "with" and "without"
  snippets; a "with" snippet found in the output is a true positive, a "without" snippet found a
  false positive, counted over all pages (its README).

Each corpus is split in two halves by position in id order: ``even`` is the half rules are tuned
on, ``odd`` the half they are checked on. Both halves are printed, so a rule that fits one half
and not the other shows.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_BENCH = ROOT.parent / "shared" / "bench"
HALVES = ("all", "even", "odd")

_TOKEN = re.compile(r"\w+")
NGRAM = 4


@dataclass(frozen=True)
class Page:
    id: str
    url: str | None
    data: bytes
    """The page as saved (gunzipped)."""
    half: str
    truth: str | None = None
    """scrapinghub: the article body."""
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()
    fields: dict = field(default_factory=dict, compare=False)
    """trafilatura-eval: the annotated title, author and date, where the page carries them."""


@dataclass
class Corpus:
    name: str
    pages: list[Page]

    def score(self, outputs: dict[str, str | None], half: str = "all") -> dict:
        """Precision, recall and F1 of `outputs` (page id -> text) over the pages of `half`."""
        pages = [page for page in self.pages if half == "all" or page.half == half]
        return self.score_terms([self.page_terms(page, outputs.get(page.id)) for page in pages])

    def page_terms(self, page: Page, output: str | None) -> tuple[float, ...]:
        """What one page adds to a score: on scrapinghub its precision and recall (the metric
        averages them over the pages), on trafilatura-eval its "with" snippets found and missed and
        its "without" snippets found (the metric adds them up). Any set of pages is scored from its
        pages' terms (`score_terms`), as `bench/halves.py` scores random halves."""
        if self.name == "scrapinghub":
            return page_precision_recall(*page_match(output, page.truth or ""))
        text = collapse(output)
        found_with = sum(collapse(snippet) in text for snippet in page.with_snippets)
        found_without = sum(collapse(snippet) in text for snippet in page.without_snippets)
        return found_with, len(page.with_snippets) - found_with, found_without

    def score_terms(self, terms: list[tuple[float, ...]]) -> dict:
        if self.name == "scrapinghub":
            return _shingle_score(terms)
        return _snippet_score(terms)


def load(name: str, bench_dir: Path = SHARED_BENCH) -> Corpus:
    folder = bench_dir / name
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such benchmark folder (the corpora are in ../shared/bench)")
    loader = {"scrapinghub": _load_scrapinghub, "trafilatura-eval": _load_trafilatura_eval}[name]
    return Corpus(name, loader(folder))


CORPORA = ("scrapinghub", "trafilatura-eval")


def _halves(ids: list[str]) -> dict[str, str]:
    return {page_id: ("even" if position % 2 == 0 else "odd") for position, page_id in enumerate(sorted(ids))}


def _load_scrapinghub(folder: Path) -> list[Page]:
    urls = {}
    for line in (folder / "urls.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip():
            page_id, _, url = line.partition("\t")
            urls[page_id.strip()] = url.strip()
    paths = sorted((folder / "pages").glob("*.html"))
    halves = _halves([path.stem for path in paths])
    return [
        Page(
            id=path.stem,
            url=urls.get(path.stem) or None,
            data=path.read_bytes(),
            half=halves[path.stem],
            truth=(folder / "truth" / f"{path.stem}.txt").read_text(encoding="utf-8"),
        )
        for path in paths
    ]


def _load_trafilatura_eval(folder: Path) -> list[Page]:
    records = [json.loads(line) for line in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    halves = _halves([record["id"] for record in records])
    pages = []
    for record in sorted(records, key=lambda record: record["id"]):
        url = record.get("url") or None
        pages.append(
            Page(
                id=record["id"],
                # "hard::name" pages have a name, not an address.
                url=None if url is None or url.startswith("hard::") else url,
                data=gzip.decompress((folder / "pages" / f"{record['id']}.html.gz").read_bytes()),
                half=halves[record["id"]],
                with_snippets=tuple(record.get("with", ())),
                without_snippets=tuple(record.get("without", ())),
                fields={key: record[key] for key in ("title", "author", "date") if key in record},
            )
        )
    return pages


# -- trafilatura-eval: snippets ------------------------------------------------------------------


def collapse(text: str | None) -> str:
    """Whitespace collapsed to single spaces, as the corpus's metric compares."""
    return " ".join((text or "").split())


def _snippet_score(terms: list[tuple[float, ...]]) -> dict:
    found_with = sum(term[0] for term in terms)
    missed_with = sum(term[1] for term in terms)
    found_without = sum(term[2] for term in terms)
    precision = found_with / (found_with + found_without) if found_with + found_without else 0.0
    recall = found_with / (found_with + missed_with) if found_with + missed_with else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": _f1(precision, recall),
        "pages": len(terms),
        "furniture_left": found_without,
        "article_missed": missed_with,
    }


# -- scrapinghub: shingles -----------------------------------------------------------------------


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = NGRAM) -> Counter:
    """Multiset of n-token shingles; a text shorter than n tokens is one shorter shingle."""
    words = tokens(text)
    if not words:
        return Counter()
    if len(words) < n:
        return Counter([tuple(words)])
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def page_match(predicted: str | None, truth: str) -> tuple[float, float, float]:
    """(TP, FP, FN) of one page, normalised to sum to 1 (all 0 if both are empty)."""
    found, true = shingles(predicted), shingles(truth)
    tp = sum((found & true).values())
    fp = sum((found - true).values())
    fn = sum((true - found).values())
    total = tp + fp + fn
    return (0.0, 0.0, 0.0) if total == 0 else (tp / total, fp / total, fn / total)


def page_precision_recall(tp: float, fp: float, fn: float) -> tuple[float, float]:
    """Per-page precision and recall with the benchmark's edge cases."""
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = 0.0 if tp == 0 and fp == 0 else tp / (tp + fp)
    recall = 0.0 if tp == 0 and fn == 0 else tp / (tp + fn)
    return precision, recall


def _shingle_score(terms: list[tuple[float, ...]]) -> dict:
    precision = statistics.mean(term[0] for term in terms)
    recall = statistics.mean(term[1] for term in terms)
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall), "pages": len(terms)}


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
