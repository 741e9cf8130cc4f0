"""A check suite's re-run ("Re-run all checks") is stored as one delivery per PR it re-scores.

One commit can be the head of several open PRs (one branch opened against two base branches);
GitHub lists them all in ``check_suite.pull_requests``, and the handler re-scores each PR listed.
A delivery waits for, and on PostgreSQL locks, the one PR it is stored under (``number``:
``bot.store.claimable``), so a suite stored under its first PR re-scored the others beside their
own deliveries. Now each of this repository's PRs such a suite lists gets a delivery of its own,
stored under it, whose payload lists that PR alone. The first keeps the delivery id GitHub sent;
each other adds "/pr-<n>" to it, so a redelivery is a duplicate of every copy already stored and
stores any the first attempt did not.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from bot.app.payload import based_in
from bot.store import DeliveryStore

ID_CHARS = 100  # the delivery id column's width
MAX_NUMBER = 2**31 - 1  # the number column's


def per_pr(event: str, payload: dict[str, Any], delivery_id: str) -> list[tuple[str, int, str]]:
    """(delivery id, PR number, payload text) for each PR a suite re-run listing several of this
    repository's PRs re-scores; [] for any other delivery (stored as it came)."""
    pulls = _ours(payload) if event == "check_suite" else []
    if len(pulls) < 2:
        return []
    return [(_copy_id(delivery_id, pull["number"], first=i == 0), pull["number"], _listing(payload, pull))
            for i, pull in enumerate(pulls)]


def enqueue_each(store: DeliveryStore, parts: list[tuple[str, int, str]], event: str, action: str | None,
                 keys: dict[str, Any]) -> bool:
    """Store every copy (each insert is idempotent by its id); whether any was new."""
    new = [store.enqueue(copy_id, event, text, action=action, **(keys | {"number": number}))
           for copy_id, number, text in parts]
    return any(new)


def _ours(payload: dict[str, Any]) -> list[dict]:
    """This repository's PRs the suite lists, each once; [] when one has no PR number we store."""
    suite, repo = payload.get("check_suite"), payload.get("repository")
    pulls = suite.get("pull_requests") if isinstance(suite, dict) else None
    here = repo.get("id") if isinstance(repo, dict) and isinstance(repo.get("id"), int) else None
    if not isinstance(pulls, list):
        return []
    ours = [pull for pull in pulls if isinstance(pull, dict) and based_in(pull, here)]
    if not all(_storable(pull.get("number")) for pull in ours):
        return []
    once: dict[int, dict] = {}
    for pull in ours:
        once.setdefault(pull["number"], pull)
    return list(once.values())


def _storable(number: Any) -> bool:
    return isinstance(number, int) and not isinstance(number, bool) and 0 < number <= MAX_NUMBER


def _listing(payload: dict[str, Any], pull: dict) -> str:
    return json.dumps(payload | {"check_suite": payload["check_suite"] | {"pull_requests": [pull]}})


def _copy_id(delivery_id: str, number: int, first: bool) -> str:
    if first:
        return delivery_id
    copy_id = f"{delivery_id}/pr-{number}"
    if len(copy_id) <= ID_CHARS:
        return copy_id
    return f"{hashlib.sha256(delivery_id.encode()).hexdigest()[:64]}/pr-{number}"
