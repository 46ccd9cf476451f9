"""The quality gate: cleaner's F1 on the two development corpora in ../shared/bench, in HTML and in
text mode, on all pages and on each half, may not fall more than 0.002 below bench/baseline.json.

So no change (a rule, a vocabulary, speed work) can lose quality unnoticed. A change that raises a
score raises the baseline with it: ``python bench/quality.py --update-baseline``.
"""

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import corpora  # noqa: E402
import quality  # noqa: E402

pytestmark = pytest.mark.skipif(
    not all((corpora.SHARED_BENCH / name).is_dir() for name in corpora.CORPORA),
    reason=f"the development corpora are not in {corpora.SHARED_BENCH}",
)


def test_no_score_falls_below_the_baseline():
    baseline = quality.load_baseline()
    scores = quality.gate_scores()
    assert set(scores) == set(baseline), "the baseline names other scores than the bench measures"
    assert quality.gate_failures(scores, baseline) == []


def test_the_gate_fails_a_score_that_falls():
    baseline = quality.load_baseline()
    fallen = {key: value - 0.003 if key.endswith("html all") else value for key, value in baseline.items()}
    failures = quality.gate_failures(fallen, baseline)
    assert len(failures) == len(corpora.CORPORA) and all("below the baseline" in failure for failure in failures)
    assert quality.gate_failures({key: value - 0.0019 for key, value in baseline.items()}, baseline) == []
