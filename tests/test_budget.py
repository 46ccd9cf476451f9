"""The time budget stops a runaway plugin even when its first stop is lost."""

import signal
import time

import pytest

import cleaner
from cleaner import Cleaner
from cleaner.budget import RETRY_SECONDS, OverBudget


class LosesTheFirstStop:
    """Runs for 5 s unless stopped, and loses the first stop, as Python loses an exception raised
    in a finalizer or a weak reference's callback that the garbage collector runs."""

    @cleaner.hookimpl
    def cleaner_mark_blocks(self, article):
        deadline = time.monotonic() + 5
        try:
            while time.monotonic() < deadline:
                time.sleep(0.001)
        except OverBudget:
            pass  # lost
        while time.monotonic() < deadline:
            time.sleep(0.001)


@pytest.mark.parametrize("in_a_batch", [False, True], ids=["alone", "in-a-batch"])
def test_a_stop_that_is_lost_is_made_again(in_a_batch):
    runner = Cleaner.from_config({"limits": {"time_budget_seconds": 0.2}}, plugins=[LosesTheFirstStop()])
    started = time.monotonic()
    if in_a_batch:
        with runner.batch():
            stuck = runner.clean_text("Title\n\nBody.", id="stuck")
    else:
        stuck = runner.clean_text("Title\n\nBody.", id="stuck")
    assert time.monotonic() - started < 0.2 + 40 * RETRY_SECONDS  # not the plugin's 5 s
    assert "exceeded the time budget of 0.2 s" in stuck.problems[0].message
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
