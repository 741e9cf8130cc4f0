"""SieveRetry's waits, without a network: backoff growth, caps, and planned rate-limit waits."""

from __future__ import annotations

from urllib3.util.retry import RequestHistory

from bot.github.retry import SieveRetry


def _after(retry: SieveRetry, failures: int) -> SieveRetry:
    history = tuple(RequestHistory("GET", "/x", None, 502, None) for _ in range(failures))
    return retry.new(history=history)


def test_backoff_doubles_and_is_capped_without_jitter():
    retry = SieveRetry(backoff_factor=0.5, backoff_max=1.5, backoff_jitter=0.0)
    assert [_after(retry, n).get_backoff_time() for n in range(5)] == [0.0, 0.5, 1.0, 1.5, 1.5]


def test_jitter_stays_within_its_bound():
    retry = SieveRetry(backoff_factor=0.1, backoff_jitter=0.2, backoff_max=10)
    waits = [_after(retry, 1).get_backoff_time() for _ in range(50)]
    assert all(0.1 <= w <= 0.3 for w in waits) and len(set(waits)) > 1


def test_sleep_uses_the_planned_wait_but_never_more_than_max_wait():
    slept: list[float] = []
    retry = _after(SieveRetry(max_wait=5, backoff_jitter=0.0, sleep=slept.append), 1)
    retry.planned_wait = 3.0
    retry.sleep()
    retry.planned_wait = 50.0
    retry.sleep()
    assert slept == [3.0, 5]


def test_settings_survive_new():
    hook = [].append
    retry = SieveRetry(max_wait=7, on_request=hook, on_retry=hook).new(total=1)
    assert (retry.max_wait, retry.on_request, retry.on_retry, retry.raise_on_status) == (7, hook, hook, False)


def test_a_client_that_never_waits_for_rate_limits_still_backs_off_between_5xx_retries():
    slept: list[float] = []
    retry = _after(SieveRetry(max_wait=0, backoff_factor=0.5, backoff_jitter=0.0, sleep=slept.append), 2)
    retry.sleep()
    assert slept == [1.0]
