"""Load benchmark: a real ``sieve serve`` process fed signed webhooks at a target rate.

    python benchmarks/bench_load.py [--deliveries 1000] [--rate 200] [--github-latency 0.05]
                                    [--workers 8] [--e2e-deliveries 40] [--e2e-rate 2]
                                    [--split | --threads] [--database-url URL] [--warmup 200]

The fake GitHub runs on loopback in this process and answers every call after
``--github-latency`` seconds; the POSTs come from a separate process. Payloads are GitHub's
real ``pull_request.opened`` example (``shared/github/webhooks``, read in place; a bundled
minimal shape otherwise), one PR each.

Layouts: by default ``sieve serve`` runs its workers in a child process; ``--threads`` runs
them as threads of the server; ``--split`` starts an intake-only server plus a separate
``sieve serve --workers-only`` process, as the Helm chart does.

Phase 1 (end to end, idle server): ``--e2e-deliveries`` at ``--e2e-rate``/s; reports the time
from sending the webhook to the moment both the labels and the sticky comment exist on the fake.
Phase 2 (burst): ``--warmup`` deliveries at ``--rate`` (not counted), drained; then
``--deliveries`` POSTs at ``--rate``/s, open loop. Reports the webhook acknowledgement latency
(p50/p99/max), then the processing throughput while the queue drains.
Also reports peak resident memory (VmHWM) of the server and its worker process. Targets: ack
p99 <= 20 ms at 200/s; webhook -> labels + comment <= 0.5 s at 50 ms GitHub latency.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "robustness")]

import httpx  # noqa: E402

import scenario  # noqa: E402
from procs import ServeProcess  # noqa: E402

SECRET = "bench-webhook-secret"
_WRITE = re.compile(r"^/repos/[^/]+/[^/]+/issues/(\d+)/(comments|labels)$")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


class WriteClock:
    """Wraps the fake's dispatch to note when each PR's labels and comment were written."""

    def __init__(self, fake) -> None:
        self.lock = threading.Lock()
        self.done: dict[int, dict[str, float]] = {}
        self.fake = fake
        original = fake.dispatch

        def dispatch(method, target, headers, raw):
            outcome = original(method, target, headers, raw)
            found = _WRITE.match(target.split("?", 1)[0])
            if method == "POST" and found and outcome is not None and 200 <= outcome[0] < 300:
                with self.lock:
                    self.done.setdefault(int(found[1]), {})[found[2]] = time.monotonic()
            return outcome
        fake.dispatch = dispatch

    def finished(self, number: int) -> float | None:
        with self.lock:
            marks = self.done.get(number, {})
            return max(marks.values()) if len(marks) == 2 else None


def send_at_rate(url: str, items: list[scenario.Delivery], rate: float,
                 threads: int = 32) -> dict[str, tuple[float, float, int]]:
    """Open-loop POSTs (item i at start + i/rate); delivery id -> (sent, ack latency, status)."""
    client = httpx.Client(timeout=30, limits=httpx.Limits(max_connections=threads))
    results: dict[str, tuple[float, float, int]] = {}
    start = time.monotonic() + 0.2

    def post(index: int) -> None:
        item = items[index]
        delay = start + index / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        sent = time.monotonic()
        status = client.post(url, content=item.body, headers=item.headers(SECRET)).status_code
        results[item.delivery_id] = (sent, time.monotonic() - sent, status)

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(post, range(len(items))))
    client.close()
    return results


def finished_count(store) -> int:
    counts = store.counts()
    return sum(counts.get(s, 0) for s in ("done", "failed", "ignored"))


def wait_drained(store, total: int, timeout: float) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if finished_count(store) >= total:
            return time.monotonic()
        time.sleep(0.1)
    raise TimeoutError(f"queue not drained after {timeout}s: {store.counts()}")


def send_from_own_process(url: str, items: list[scenario.Delivery], rate: float):
    """``send_at_rate`` in a separate process: the sender's threads then do not share an
    interpreter lock with the fake GitHub serving the workers, which would inflate the
    measured ack latency. ``time.monotonic`` is system-wide on Linux, so times compare."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(send_at_rate, url, items, rate).result()


def burst(server, store, items, rate: float, drain: bool = True,
          show_slow_ms: float | None = None) -> None:
    url = server.url + "/api/github/webhooks"
    already = finished_count(store)
    started = time.monotonic()
    results = send_from_own_process(url, items, rate)
    sent_span = max(s for s, _, _ in results.values()) - min(s for s, _, _ in results.values())
    acks = [latency * 1000 for _, latency, _ in results.values()]
    statuses = sorted({status for _, _, status in results.values()})
    print(f"burst: {len(items)} deliveries sent in {sent_span:.2f}s "
          f"({len(items) / max(sent_span, 1e-9):.0f}/s achieved, target {rate:.0f}/s), "
          f"statuses {statuses}")
    print(f"  ack latency ms: p50 {percentile(acks, 50):.1f}  p99 {percentile(acks, 99):.1f}  "
          f"max {max(acks):.1f}")
    if show_slow_ms is not None:  # when the slow answers came (s after the first POST): ms
        t0 = min(s for s, _, _ in results.values())
        print("  slow: " + " ".join(f"{s - t0:.2f}s:{ms * 1000:.0f}" for s, ms, _ in
                                    sorted(results.values()) if ms * 1000 > show_slow_ms))
    if not drain:
        return
    drained = wait_drained(store, already + len(items), timeout=1800)
    print(f"  processed {len(items)} in {drained - started:.1f}s after the first POST: "
          f"{len(items) / (drained - started):.1f} deliveries/s; {store.counts()}")


def _wait_written(clock: WriteClock, item, deadline: float) -> float:
    while (finished := clock.finished(item.number)) is None:
        if time.monotonic() > deadline:
            raise TimeoutError(f"PR #{item.number}: labels/comment never written")
        time.sleep(0.005)
    return finished


def end_to_end(server, clock: WriteClock, items, rate: float) -> None:
    """The first item only warms the server up (model load, token); it is not counted."""
    url = server.url + "/api/github/webhooks"
    send_at_rate(url, items[:1], rate, threads=1)
    _wait_written(clock, items[0], time.monotonic() + 60)
    items = items[1:]
    calls_before = len(clock.fake.requests)
    results = send_at_rate(url, items, rate, threads=4)
    deadline = time.monotonic() + 120
    latencies = []
    for item in items:
        latencies.append(_wait_written(clock, item, deadline) - results[item.delivery_id][0])
    print(f"end to end (webhook -> labels + comment), {len(items)} at {rate}/s: "
          f"p50 {percentile(latencies, 50) * 1000:.0f} ms  p99 {percentile(latencies, 99) * 1000:.0f} ms"
          f"  max {max(latencies) * 1000:.0f} ms; "
          f"{(len(clock.fake.requests) - calls_before) / len(items):.1f} GitHub calls per delivery")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deliveries", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--github-latency", type=float, default=0.05)
    parser.add_argument("--workers", type=int, default=8,
                        help="worker threads in the server (0: intake only, nothing drains)")
    parser.add_argument("--database-url", default=None,
                        help="e.g. postgresql+psycopg://postgres@127.0.0.1:5432/bench "
                             "(an empty database); default: SQLite in a temporary directory")
    parser.add_argument("--skip-e2e", action="store_true", help="only the burst phase")
    parser.add_argument("--split", action="store_true",
                        help="intake process with no workers + a `sieve serve --workers-only` "
                             "process with --workers threads (sharing the database)")
    parser.add_argument("--threads", action="store_true",
                        help="worker threads inside the server process (SIEVE_WORKER_PROCESS=false) "
                             "instead of its default worker child process")
    parser.add_argument("--warmup", type=int, default=200,
                        help="deliveries sent at --rate and drained before the measured burst "
                             "(connection pools, threads and caches built; not counted)")
    parser.add_argument("--show-slow-ms", type=float, default=None,
                        help="also list the acks slower than this, with when they were sent")
    parser.add_argument("--e2e-deliveries", type=int, default=40)
    parser.add_argument("--e2e-rate", type=float, default=2.0)
    args = parser.parse_args()

    from bot.fakegithub import FakeGitHub
    from bot.store import DeliveryStore, init_db

    e2e_numbers = list(range(1, args.e2e_deliveries + 2))  # +1 warm-up
    warm_numbers = list(range(5_001, 5_001 + args.warmup))
    burst_numbers = list(range(10_001, 10_001 + args.deliveries))
    with tempfile.TemporaryDirectory() as tmp, \
            FakeGitHub(delay=args.github_latency, rate_limit=10**9) as fake:
        scenario.seed(fake, e2e_numbers + warm_numbers + burst_numbers)
        clock = WriteClock(fake)
        db_url = args.database_url or f"sqlite:///{tmp}/bench.db"
        env = {"SIEVE_WEBHOOK_SECRET": SECRET, "SIEVE_DATABASE_URL": db_url,
               "SIEVE_APP_ID": str(fake.app_id), "SIEVE_PRIVATE_KEY": fake.app_private_key,
               "SIEVE_GITHUB_API_URL": fake.base_url, "SIEVE_WORKERS": str(args.workers),
               "SIEVE_POLL_INTERVAL": "0.2", "SIEVE_LOG_LEVEL": "WARNING",
               "SIEVE_WORKER_PROCESS": "false" if args.threads else "true"}
        workers = None
        if args.split:
            workers = ServeProcess(env, Path(tmp) / "workers.log", workers_only=True).start()
            env = {**env, "SIEVE_WORKERS": "0"}
        server = ServeProcess(env, Path(tmp) / "serve.log").start()
        try:
            layout = (f"intake pid {server.proc.pid} + workers-only pid {workers.proc.pid}"
                      if workers else f"sieve serve pid {server.proc.pid} "
                      f"(workers {'as threads' if args.threads else 'in its child process'})")
            print(f"{layout}, {args.workers} worker threads, {db_url.split(':')[0]}; "
                  f"fake GitHub latency {args.github_latency * 1000:.0f} ms")
            if not args.skip_e2e:
                end_to_end(server, clock, scenario.deliveries(e2e_numbers, ("opened",)),
                           args.e2e_rate)
            store = DeliveryStore(init_db(db_url))
            drains = args.workers > 0 or args.split
            if args.warmup:
                print("warm-up (not counted): ", end="")
                burst(server, store, scenario.deliveries(warm_numbers, ("opened",)), args.rate,
                      drain=drains)
            burst(server, store, scenario.deliveries(burst_numbers, ("opened",)), args.rate,
                  drain=drains, show_slow_ms=args.show_slow_ms)
            child = server.children_peak_rss_kib()
            print(f"server peak RSS: {server.peak_rss_kib() / 1024:.0f} MiB"
                  + (f"; its worker process {child / 1024:.0f} MiB" if child else "")
                  + (f"; workers-only process {workers.peak_rss_kib() / 1024:.0f} MiB"
                     if workers else ""))
        except Exception:
            print("server log tail:\n" + server.log_tail()
                  + ("\nworkers log tail:\n" + workers.log_tail() if workers else ""))
            raise
        finally:
            server.stop()
            if workers is not None:
                workers.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
