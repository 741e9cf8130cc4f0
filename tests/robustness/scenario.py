"""A seeded set of pull requests, the deliveries GitHub would send for them, and the outcome.

``seed`` puts N PRs of three kinds (low-effort, careful human, disclosed AI use) into a fake
GitHub. ``deliveries`` builds the signed webhook stream for them. ``reference`` processes each
PR once, in-process, on a clean fake: the labels, the sticky comment and the number of writes
a run under crashes, faults and redeliveries must end up with — nothing lost, nothing doubled.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections import Counter
from dataclasses import dataclass

import webhook_gen as wg

REPO = "octo-org/widgets"
AUTHOR = "alice"

_KINDS = [
    {"title": "Update README.md",
     "body": "This PR enhances the documentation to improve clarity and readability. "
             "These changes make the project more robust and maintainable. 🚀",
     "files": [{"filename": "README.md", "additions": 4, "deletions": 2,
                "patch": "@@ -1,4 +1,6 @@\n-# Widgets\n+# 🚀 Widgets\n+\n+## ✨ Features\n"
                         " text\n-old\n+This project is robust and scalable.\n+Enjoy!"}],
     "commits": ["Update README.md"]},
    {"title": "Fix off-by-one in pagination of /widgets",
     # a code fix with its test, described in stock phrases: an effort signal fires, so it is
     # flagged at medium 1 whatever the model (v10 scores the careful wording of this fix 0)
     "body": "This PR enhances the pagination logic to improve robustness. "
             "These changes make the widgets API more reliable and maintainable.\n\nFixes #12.",
     "files": [{"filename": "widgets/pages.py", "additions": 1, "deletions": 1,
                "patch": "@@ -10,3 +10,3 @@\n def last(total, per):\n-    return total // per\n"
                         "+    return (total + per - 1) // per\n"},
               {"filename": "tests/test_pages.py", "additions": 3, "deletions": 0,
                "patch": "@@ -0,0 +1,3 @@\n+def test_last_page():\n+    assert last(20, 10) == 2\n"
                         "+    assert last(21, 10) == 3\n"}],
     "commits": ["Fix last page when total is a multiple of per_page"]},
    {"title": "Add retry to the HTTP client",
     "body": "I used Copilot to draft the backoff loop and reviewed every line; the tests "
             "cover the 429 and 503 paths. AI-assisted: yes (disclosed per CONTRIBUTING).",
     "files": [{"filename": "widgets/http.py", "additions": 6, "deletions": 1,
                "patch": "@@ -1,2 +1,7 @@\n-def get(url):\n+def get(url, tries=3):\n"
                         "+    for n in range(tries):\n+        r = _get(url)\n"
                         "+        if r.status not in (429, 503):\n+            return r\n"
                         "+        sleep(2 ** n)\n"}],
     "commits": ["Retry GET on 429/503 with backoff"]},
]


def head_sha(number: int) -> str:
    return hashlib.sha1(f"{REPO}#{number}".encode()).hexdigest()


# Thresholds so low that every PR is flagged: each run must exercise labels AND the sticky
# comment on every PR, whatever the shipped model's calibration is.
# every PR flagged and commented on (model_only: a flag without an effort signal gets a comment
# too), so lost and doubled labels and comments both show
CONFIG = "thresholds:\n  medium: 1\n  high: 2\ncomment:\n  model_only: true\n"  # every PR flagged (1 is the lowest medium allowed)


def kind_of(number: int) -> int:
    return number % len(_KINDS)


def seed(fake, numbers: list[int]) -> None:
    fake.set_file(REPO, ".github/sieve.yml", CONFIG)
    for number in numbers:
        kind = _KINDS[number % len(_KINDS)]
        fake.add_pull(REPO, number, {"title": kind["title"], "body": kind["body"],
                                     "user": AUTHOR, "author_association": "CONTRIBUTOR",
                                     "head_sha": head_sha(number)},
                      files=kind["files"], commits=kind["commits"])


@dataclass(frozen=True)
class Delivery:
    delivery_id: str
    event: str
    body: bytes
    number: int

    def headers(self, secret: str) -> dict[str, str]:
        return wg.headers(secret, self.event, self.body, self.delivery_id)


def _payload(number: int, action: str) -> dict:
    kind = _KINDS[number % len(_KINDS)]
    payload = wg.pull_request_payload(REPO, number, action=action, head_sha=head_sha(number),
                                      title=kind["title"], body=kind["body"], author=AUTHOR,
                                      association="CONTRIBUTOR")
    if action == "edited":
        payload["changes"] = {"body": {"from": "an older description"}}
    if action == "synchronize":
        payload.update(before="0" * 40, after=head_sha(number))
    return payload


def deliveries(numbers: list[int], actions=("opened", "synchronize", "edited", "reopened")
               ) -> list[Delivery]:
    """One distinct delivery per (PR, action), PR by PR in the order GitHub would send them."""
    return [Delivery(str(uuid.uuid4()), "pull_request", wg.encode(_payload(n, action)), n)
            for n in numbers for action in actions]


@dataclass(frozen=True)
class Outcome:
    labels: tuple[str, ...]
    bot_comments: tuple[str, ...]
    check_runs: int
    writes: tuple[tuple[str, int], ...]  # (kind of write, successful calls), sorted

    def summary(self) -> tuple:
        """What must match between two PRs of the same kind (bodies name the PR, so only counts)."""
        return self.labels, len(self.bot_comments), self.check_runs, self.writes


_WRITES = {
    "comment_created": ("POST", r"/issues/{n}/comments$"),
    "labels_added": ("POST", r"/issues/{n}/labels$"),
    "label_removed": ("DELETE", r"/issues/{n}/labels/"),
}


def outcome(fake, number: int) -> Outcome:
    """What the fake holds for PR ``number`` and how many successful writes made it."""
    writes: Counter = Counter()
    for name, (method, pattern) in _WRITES.items():
        regex = re.compile(f"^/repos/{REPO}" + pattern.format(n=number))
        writes[name] = sum(1 for r in fake.requests
                           if r.method == method and regex.search(r.path) and 200 <= r.status < 300)
    bot = [c["body"] for c in fake.comments(REPO, number) if c["login"] == fake.bot_login]
    return Outcome(tuple(sorted(fake.issue_labels(REPO, number))), tuple(bot),
                   len(fake.check_runs(REPO, head_sha(number))), tuple(sorted(writes.items())))


def reference(actions=("opened",)) -> dict[int, Outcome]:
    """kind -> the outcome of one PR of that kind processed once per action, in-process, on a
    clean fake with no faults."""
    from bot.app.context import HandlerContext
    from bot.app.dispatch import handle
    from bot.fakegithub import FakeGitHub
    from bot.github import make_github_factory
    from bot.store import SqlStateStore, init_db

    numbers = list(range(len(_KINDS)))
    with FakeGitHub(rate_limit=10**9) as fake:
        seed(fake, numbers)
        factory = make_github_factory(app_id=fake.app_id, private_key=fake.app_private_key,
                                      base_url=fake.base_url, on_request=lambda *a: None)
        state = SqlStateStore(init_db("sqlite://"))
        for delivery in deliveries(numbers, actions):
            ctx = HandlerContext(github=factory(fake.installation_id), state=state,
                                 delivery_id=delivery.delivery_id,
                                 installation_id=fake.installation_id)
            handle(delivery.event, _json(delivery.body), ctx)
        return {kind_of(n): outcome(fake, n) for n in numbers}


def _json(body: bytes) -> dict:
    import json
    return json.loads(body)
