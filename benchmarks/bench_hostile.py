"""Milliseconds to score hostile pull requests: texts crafted to make regexes backtrack.

A PR's title, description and commit messages are untrusted. Each input below once took
seconds to minutes in ``score()`` (the seventeenth session's review, in brackets); after the
rewrites they should take about as long as an ordinary PR. Prints one line per input::

    python benchmarks/bench_hostile.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import time

from bot.app.commands import parse
from bot.scoring import score
from bot.snapshot import Commit, FileChange, PRSnapshot

FILES = (FileChange("src/a.py", additions=3, deletions=1, patch="@@ -1,1 +1,3 @@\n-x\n+y\n+z\n+w"),)
TEMPLATE = "## Description\n\nx\n"


def pr(body: str, **fields) -> PRSnapshot:
    return PRSnapshot(title=fields.pop("title", "t"), body=body, files=FILES, **fields)


INPUTS = {  # name -> (snapshot, seconds it took before the fix)
    "ordinary PR": (pr("Fixes the parser.\n\nI ran `go test ./...`."), None),
    "template heading of 2,000 spaces": (pr("# a" + " " * 2000 + "b", pr_template=TEMPLATE), 12.6),
    "failing-check span and 5,000 spaces": (pr("fail `" + "test " * 500 + "`" + " " * 5000 + "x"), 14.2),
    "50 commits of 'generated with' x 4,000": (pr("x", commits=(Commit("generated with " * 4000),) * 50), 230.0),
    "50 commits of 4,000 blank lines": (pr("fix", commits=(Commit("x" + "\n" * 3998 + "x"),) * 50), 13.6),
    "6,000 blank lines": (pr("x" + "\n" * 5998 + "x"), 0.90),
    "a heading of 8,000 spaces": (pr("#" + " " * 7998 + "x"), 1.64),
    "888 test commands on one line": (pr("`pytest` " * 888), 1.25),
    "8,000 spaces before a checkbox": (pr(" " * 7990 + "x\n[ ]"), 0.62),
    "4,000 unclosed comment lines": (pr("<!--\n" * 3999 + "-->x"), 0.87),
    "'add' and 8,000 spaces": (pr("add" + " " * 7996 + "x"), 0.46),
    "'tested' and 8,000 blank lines": (pr("tested\n" + "\n" * 7990 + "x"), 0.32),
    "a lone surrogate in the title": (pr("x", title="fix \ud800 bug"), None),
}


def timed(snapshot: PRSnapshot, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        score(snapshot)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()
    score(INPUTS["ordinary PR"][0])  # load the model first
    for name, (snapshot, before) in INPUTS.items():
        was = f"(was {before:g} s)" if before else ""
        print(f"{name:42} {timed(snapshot, args.repeat) * 1000:9.1f} ms  {was}")
    for name, (comment, before) in COMMENTS.items():
        started = time.perf_counter()
        parse(comment)
        print(f"{name:42} {(time.perf_counter() - started) * 1000:9.1f} ms  (was {before})")


# PR comments (every comment on a PR is parsed for /sieve commands, before any permission check;
# the twenty-third session's security review)
COMMENTS = {
    "comment: list markers, no fence (91 chars)": ("-    " * 18 + "x", "about 15 hours, estimated: 4x per marker"),
    "comment: list markers, no fence (5,000)": ("-    " * 1000 + "x", "never ended"),
}


if __name__ == "__main__":
    main()
