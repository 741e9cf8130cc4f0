"""A check suite's re-run ("Re-run all checks"), or a Re-run of a check run made before runs named
their PR, is stored as one delivery per PR it re-scores.

One commit can be the head of several open PRs (one branch opened against two base branches);
GitHub lists them all in ``check_suite.pull_requests``, and the handler re-scores each PR listed.
A delivery waits for, and on PostgreSQL locks, the one PR it is stored under (``number``:
``bot.store.claimable``), so a suite stored under its first PR re-scored the others beside their
own deliveries. Now each of this repository's PRs such a suite lists gets a delivery of its own,
stored under it, whose payload lists that PR alone. The first keeps the delivery id GitHub sent;
each other adds "/pr-<n>" to it, so a redelivery is a duplicate of every copy already stored and
stores any the first attempt did not.

A check run made before runs named their PR (``external_id`` "": ``bot.app.checkid``) was one run for
every PR at its commit, and lists them all; its Re-run re-scores each, so it is split the same way.
A button press on such a run is not: it is one person's decision about one PR, the first listed
(``intake._first_pull``), and is stored under it as it came.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from bot.app import checkid
from bot.app.payload import based_in
from bot.store import DeliveryStore

ID_CHARS = 100  # the delivery id column's width
MAX_NUMBER = 2**31 - 1  # the number column's


def per_pr(event: str, payload: dict[str, Any], delivery_id: str) -> list[tuple[str, int, str]]:
    """(delivery id, PR number, payload text) for each PR a re-run listing several of this
    repository's PRs re-scores (a suite's, or an unnamed run's); [] for any other delivery (stored as it came)."""
    pulls = _ours(payload, event) if _rescores_each(event, payload) else []
    if len(pulls) < 2:
        return []
    return [(_copy_id(delivery_id, pull["number"], first=i == 0), pull["number"], _listing(payload, event, pull))
            for i, pull in enumerate(pulls)]


def _rescores_each(event: str, payload: dict[str, Any]) -> bool:
    """A suite's re-run, or a Re-run of a check run that names no PR of its own."""
    if event == "check_suite":
        return True
    run = payload.get("check_run")
    return (event == "check_run" and payload.get("action") == "rerequested" and isinstance(run, dict)
            and checkid.number_of(run.get("external_id")) is None)


def enqueue_each(store: DeliveryStore, parts: list[tuple[str, int, str]], event: str, action: str | None,
                 keys: dict[str, Any]) -> bool:
    """Store every copy (each insert is idempotent by its id); whether any was new."""
    new = [store.enqueue(copy_id, event, text, action=action, **(keys | {"number": number}))
           for copy_id, number, text in parts]
    return any(new)


def _ours(payload: dict[str, Any], key: str) -> list[dict]:
    """This repository's PRs the suite or run (``key``) lists, each once; [] when one has no PR
    number we store."""
    suite, repo = payload.get(key), payload.get("repository")
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


def _listing(payload: dict[str, Any], key: str, pull: dict) -> str:
    return json.dumps(payload | {key: payload[key] | {"pull_requests": [pull]}})


def _copy_id(delivery_id: str, number: int, first: bool) -> str:
    if first:
        return delivery_id
    copy_id = f"{delivery_id}/pr-{number}"
    if len(copy_id) <= ID_CHARS:
        return copy_id
    return f"{hashlib.sha256(delivery_id.encode()).hexdigest()[:64]}/pr-{number}"
