"""Fuzz the webhook intake with N generated requests and count what came back.

    python benchmarks/fuzz_webhooks.py --requests 10000 [--database-url URL]

Same generators and contract as tests/robustness/test_fuzz_webhooks.py (never a 5xx, never a
forged request accepted or stored), run long: prints status-code counts per body kind, the
number of 5xx answers and of accepted forgeries, and a few example problems. Exit status 1
when any problem was seen.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "robustness")]
warnings.filterwarnings("ignore", category=DeprecationWarning)

from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402

from bot.app.server import create_app  # noqa: E402
from bot.settings import Settings  # noqa: E402
from fuzz_cases import MAX_BODY, SECRET, cases, send  # noqa: E402


def run(requests: int, database_url: str) -> dict:
    app = create_app(Settings(webhook_secret=SECRET, database_url=database_url, workers=0,
                              max_body_bytes=MAX_BODY), start_workers=False)
    store = app.state.store
    stats = {"statuses": collections.Counter(), "by_kind": collections.defaultdict(
        collections.Counter), "forged": 0, "problems": [], "sent": 0}
    with TestClient(app, raise_server_exceptions=False) as client:
        @settings(max_examples=requests, deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(case=cases())
        def one(case) -> None:
            verdict = send(client, store, case)
            stats["sent"] += 1
            stats["statuses"][verdict.status] += 1
            stats["by_kind"][case.kind][verdict.status] += 1
            stats["forged"] += case.forged
            stats["problems"] += [(p, case) for p in verdict.problems(case)]
        one()
    return stats


def report(stats: dict, seconds: float) -> None:
    problems = stats["problems"]
    fivexx = sum(n for status, n in stats["statuses"].items() if status >= 500)
    accepted_forgeries = sum(1 for p, _ in problems if p.startswith("forged"))
    print(f"requests sent: {stats['sent']} in {seconds:.1f}s "
          f"({stats['forged']} with a forged signature)")
    print("status codes: " + ", ".join(f"{s}: {n}" for s, n in sorted(stats["statuses"].items())))
    for kind, counter in sorted(stats["by_kind"].items()):
        print(f"  {kind:>9}: " + ", ".join(f"{s}: {n}" for s, n in sorted(counter.items())))
    print(f"5xx answers: {fivexx}")
    print(f"forged requests accepted or stored: {accepted_forgeries}")
    for problem, case in problems[:5]:
        print(f"  e.g. {problem}: {case!r}"[:400])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--database-url", default=None,
                        help="default: SQLite in a temporary directory")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/fuzz.db"
        started = time.monotonic()
        stats = run(args.requests, url)
        report(stats, time.monotonic() - started)
    return 1 if stats["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
