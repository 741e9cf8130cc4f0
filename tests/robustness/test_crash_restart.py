"""Nothing lost, nothing doubled: SIGKILL a real ``sieve serve`` mid-stream and restart it.

1,000 signed webhook POSTs (distinct deliveries for N PRs plus redeliveries of the same
``X-GitHub-Delivery``) go to a real server process backed by SQLite, calling the fake GitHub
on loopback. The server is SIGKILLed while deliveries are being acknowledged and processed,
then restarted; deliveries whose POST did not get a 2xx are sent again, as GitHub's
"redeliver" would. Afterwards every delivery is done, and each PR has exactly what one clean
run gives it: the same labels, ONE sticky comment, one check run, the same number of writes.
"""

from __future__ import annotations

import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

import scenario
from procs import ServeProcess, alive

SECRET = "crash-test-secret"
PRS = 40
POSTS = 1000
ACTIONS = ("opened", "synchronize", "edited", "reopened")


def _env(fake, db_url: str) -> dict[str, str]:
    return {"SIEVE_WEBHOOK_SECRET": SECRET, "SIEVE_DATABASE_URL": db_url,
            "SIEVE_APP_ID": str(fake.app_id), "SIEVE_PRIVATE_KEY": fake.app_private_key,
            "SIEVE_GITHUB_API_URL": fake.base_url, "SIEVE_WORKERS": "2",
            "SIEVE_POLL_INTERVAL": "0.05", "SIEVE_LEASE_SECONDS": "3",
            "SIEVE_BACKOFF_BASE": "0.1", "SIEVE_BACKOFF_CAP": "1", "SIEVE_LOG_LEVEL": "WARNING"}


def _stream(deliveries: list[scenario.Delivery]) -> list[scenario.Delivery]:
    """Every distinct delivery once, plus redeliveries (same id) placed after their original."""
    rng = random.Random(7)
    stream = list(deliveries)
    for _ in range(POSTS - len(stream)):
        at = rng.randint(1, len(stream))
        stream.insert(at, rng.choice(stream[:at]))
    return stream


class Sender:
    """Posts deliveries from a few threads; remembers which ones got a 2xx acknowledgement."""

    def __init__(self, url: str) -> None:
        self.url = url + "/api/github/webhooks"
        self.client = httpx.Client(timeout=10)  # thread-safe; one SSL setup, pooled sockets
        self.acked: set[str] = set()
        self.statuses: dict[int, int] = {}
        self.lock = threading.Lock()

    def post(self, delivery: scenario.Delivery) -> None:
        try:
            status = self.client.post(self.url, content=delivery.body,
                                      headers=delivery.headers(SECRET)).status_code
        except httpx.HTTPError:
            status = 0  # connection refused or reset: the server is down
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if 200 <= status < 300:
                self.acked.add(delivery.delivery_id)

    def send_all(self, stream: list[scenario.Delivery], threads: int = 6) -> None:
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(self.post, stream))


def _wait_all_done(store, expected: int, timeout: float) -> dict[str, int]:
    deadline = time.monotonic() + timeout
    while True:
        counts = store.counts()
        finished = counts.get("done", 0) + counts.get("ignored", 0) + counts.get("failed", 0)
        if finished >= expected and not counts.get("pending") and not counts.get("processing"):
            return counts
        if time.monotonic() > deadline:
            raise AssertionError(f"deliveries not finished after {timeout}s: {counts}")
        time.sleep(0.2)


def test_sigkill_mid_run_loses_and_doubles_nothing(shipped_model, fake_github, tmp_path) -> None:
    from bot.store import DeliveryStore, init_db

    started = time.monotonic()

    numbers = list(range(1, PRS + 1))
    scenario.seed(fake_github, numbers)
    distinct = scenario.deliveries(numbers, ACTIONS)
    stream = _stream(distinct)
    db_url = f"sqlite:///{tmp_path}/crash.db"
    server = ServeProcess(_env(fake_github, db_url), tmp_path / "serve.log").start()
    sender = Sender(server.url)
    try:
        orphans: list[int] = []

        def kill_when_busy() -> None:  # once ~40 % are acknowledged, with work in flight
            while len(sender.acked) < 0.4 * len(distinct):
                time.sleep(0.01)
            orphans.extend(server.children())  # its worker process must not outlive it
            server.kill()
        killer = threading.Thread(target=kill_when_busy, daemon=True)
        killer.start()
        sender.send_all(stream)
        killer.join(30)
        assert server.proc.returncode == -9, "the server was not SIGKILLed mid-run"
        refused_while_down = sender.statuses.get(0, 0)
        assert orphans, "the server had no worker process"
        deadline = time.monotonic() + 30
        while any(map(alive, orphans)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(map(alive, orphans)), "the killed server's worker process kept running"
        store = DeliveryStore(init_db(db_url))
        at_kill = store.counts()
        server.start()  # same database, same port
        missing = [d for d in distinct if d.delivery_id not in sender.acked]
        sender.send_all(missing)  # GitHub's "redeliver" for the ones that got no 2xx
        counts = _wait_all_done(store, len(distinct), timeout=90)
    finally:
        server.stop()
    print(f"sent {len(stream)} + {len(missing)} POSTs, {sender.statuses}; "
          f"at kill {at_kill}; all done {time.monotonic() - started:.1f}s after start")

    assert refused_while_down > 0, "no POST hit the dead server: the kill came too late"
    assert at_kill.get("pending", 0) + at_kill.get("processing", 0) > 0, at_kill
    assert sender.acked == {d.delivery_id for d in distinct}
    assert counts == {"done": len(distinct)}, counts
    stored = {d.delivery_id for d in store.list(limit=10 * len(distinct))}
    assert stored == {d.delivery_id for d in distinct}

    expected = scenario.reference(ACTIONS)
    assert all(len(e.bot_comments) == 1 and e.labels for e in expected.values()), expected
    for number in numbers:
        got, want = scenario.outcome(fake_github, number), expected[scenario.kind_of(number)]
        assert len(got.bot_comments) == 1, f"PR #{number}: {len(got.bot_comments)} sticky comments"
        assert got.check_runs == 1, f"PR #{number}"
        assert got.summary() == want.summary(), f"PR #{number}"
