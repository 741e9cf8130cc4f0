"""The whole retry cycle on each database: backoff, failed after max attempts, manual retry."""

from __future__ import annotations

from datetime import timedelta

from bot.app.worker import RetryPolicy, Worker
from bot.ports import GitHubError
from bot.store import SqlStateStore

# a 500 is GitHub's trouble, retried up to max_rate_limited_attempts: both 3 here
POLICY = RetryPolicy(max_attempts=3, max_rate_limited_attempts=3, backoff_base=30, backoff_cap=120, lease_seconds=60)


def test_backoff_then_failed_then_manual_retry(store, engine, clock):
    store.enqueue("d1", "pull_request", '{"action": "opened"}', action="opened",
                  installation_id=1, repo="octo/repo", number=3)
    errors = [GitHubError("Server Error", status=500, retryable=True)] * POLICY.max_attempts

    def handler(event, payload, ctx):
        if errors:
            raise errors.pop()

    worker = Worker(store, handler, lambda _i: None, SqlStateStore(engine), policy=POLICY,
                    worker_id="w")
    delays = []
    for _ in range(POLICY.max_attempts - 1):
        assert worker.process_one().status == "retry"
        pending = store.get("d1")
        delays.append(pending.next_attempt_at - clock.now)
        assert worker.process_one() is None  # backing off
        clock.advance(delays[-1].total_seconds())
    assert timedelta(seconds=15) <= delays[0] <= timedelta(seconds=30)
    assert timedelta(seconds=30) <= delays[1] <= timedelta(seconds=60)

    assert worker.process_one().status == "failed"
    failed = store.get("d1")
    assert (failed.status, failed.attempts) == ("failed", 3) and "HTTP 500" in failed.last_error
    assert store.list(status="failed")[0].delivery_id == "d1"

    assert store.retry_all_failed() == 1
    assert worker.process_one().status == "done"
    assert store.get("d1").attempts == 1
