"""``bot.fanout.together``: independent reads run at the same time, results in call order."""

import threading
import time

import pytest

from bot.fanout import together


def test_results_come_back_in_call_order():
    assert together(lambda: 1, lambda: "two", lambda: [3]) == [1, "two", [3]]


def test_calls_really_overlap():
    # Each call waits for the other at the barrier: run one after another, they would time out.
    barrier = threading.Barrier(2, timeout=5)
    assert together(barrier.wait, barrier.wait) is not None


def test_an_error_is_raised_only_after_every_call_has_finished():
    finished = threading.Event()

    def slow():
        time.sleep(0.1)
        finished.set()
        return "slow"

    def broken():
        raise RuntimeError("GitHub said no")

    with pytest.raises(RuntimeError, match="GitHub said no"):
        together(broken, slow)
    assert finished.is_set()


def test_nested_use_runs_inline_instead_of_waiting_for_a_free_thread():
    def inner():
        here = threading.current_thread().name
        return here, together(lambda: threading.current_thread().name, lambda: threading.current_thread().name)

    for here, names in together(inner, inner):
        assert here.startswith("sieve-fanout") and names == [here, here]
