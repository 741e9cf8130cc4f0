"""Reading a webhook request: its headers, raw body, JSON payload, the keys it is stored and
ordered by (installation, repository, PR number), its replay digest and its event's time.

Everything here reads; nothing stores, answers or calls GitHub (``bot.app.server`` does the
answering). A request no GitHub delivery could be is refused with ``Rejected`` (a 4xx), before
anything is stored.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from fastapi import HTTPException, Request

from bot.app import checkid
from bot.app.payload import based_in
from bot.store import SqlStateStore

_MAX_HEADER_CHARS = 100  # delivery ids are GUIDs, event names short words
_MAX_INT32, _MAX_INT64 = 2**31 - 1, 2**63 - 1  # the number and installation_id columns


class Rejected(HTTPException):
    """A webhook request refused before anything is stored; ``reason`` labels the metric."""

    def __init__(self, status: int, detail: str, reason: str) -> None:
        super().__init__(status, detail)
        self.reason = reason


# Bodies that always name one event: a comment (its id and time) or a pull request (its
# `updated_at`). The same bytes under a second delivery id can only be a replay, whatever event
# header they now carry (the header is unsigned, so the body's keys decide). Other bodies can
# repeat byte for byte legitimately: a check run's "Clear" pressed again after "Undo" put the run
# back as it was, or after the first press's delivery failed; a repository removed and added
# back. Their replays are left to the handlers (a re-run only scores again).
EVENT_BOUND_KEYS = ("comment", "pull_request")


def body_digest(payload: dict[str, Any], body: bytes) -> str | None:
    """The SHA-256 the intake refuses replays by; None for a body without ``EVENT_BOUND_KEYS``."""
    return hashlib.sha256(body).hexdigest() if any(k in payload for k in EVENT_BOUND_KEYS) else None


# Where an event-bound body carries its event's time: a comment's ``created_at`` (and
# ``updated_at``, the same or later) is stamped when the comment is written, which is the event.
# A pull request body's ``updated_at`` is not read: the octokit examples show ``synchronize`` and
# ``reopened`` bodies whose ``updated_at`` is the PR's creation time, so it may be older than the
# event, and refusing a real push on a PR untouched for days would lose it. Nothing needs it: a
# replayed PR body only makes the handler read the PR afresh, and a replayed label change is
# checked against the label's current state and timeline (``handlers.labels.overtaken``); a
# replayed comment is what could act again (a maintainer's ``/sieve ok`` after they cancelled it),
# and so could a replayed review whose body holds a command (stamped when it was submitted).
# A comment on a line of the diff (``pull_request_review_comment``) is a ``comment`` too.
EVENT_TIMES = (("comment", "updated_at"), ("comment", "created_at"), ("review", "submitted_at"))
_MAX_TIME_CHARS = 40


def event_time(payload: dict[str, Any]) -> datetime | None:
    """The newest of the ``EVENT_TIMES`` a body carries, as naive UTC; None when it carries none,
    or one that is not an ISO 8601 time with a zone ("2019-05-15T15:20:33Z"): the body's age is
    then unknown and it is handled as before, never refused as stale, so an odd but genuine
    payload is not lost (a replay of it is still refused while its digest is kept)."""
    times = []
    for key, field in EVENT_TIMES:
        value = _obj(payload.get(key)).get(field)
        if value is None:
            continue
        when = _utc_time(value)
        if when is None:
            return None
        times.append(when)
    return max(times, default=None)


def _utc_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or len(value) > _MAX_TIME_CHARS:
        return None
    try:
        when = datetime.fromisoformat(value)
        return None if when.tzinfo is None else when.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):  # not ISO 8601; or e.g. year 1 with a positive offset
        return None



async def read_body(request: Request, limit: int) -> bytes:
    """The raw body, refusing (413) anything over ``limit`` bytes without reading it all."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.strip().isdigit():
            raise Rejected(400, "invalid Content-Length", "headers")
        if int(declared) > limit:
            raise Rejected(413, f"payload larger than {limit} bytes", "too_large")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Rejected(413, f"payload larger than {limit} bytes", "too_large")
        chunks.append(chunk)
    return b"".join(chunks)


def required_headers(request: Request) -> tuple[str, str]:
    event = request.headers.get("x-github-event", "").strip()
    delivery_id = request.headers.get("x-github-delivery", "").strip()
    if not event or not delivery_id:
        raise Rejected(400, "X-GitHub-Event and X-GitHub-Delivery headers are required",
                       "headers")
    if len(event) > _MAX_HEADER_CHARS or len(delivery_id) > _MAX_HEADER_CHARS:
        raise Rejected(400, "X-GitHub-Event or X-GitHub-Delivery is too long", "headers")
    return event, delivery_id


def parse_payload(body: bytes) -> dict[str, Any]:
    """The JSON object in ``body``; 400 for anything else."""
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise Rejected(400, "body is not valid JSON", "payload") from None
    except RecursionError:  # e.g. 5,000 nested brackets: valid JSON, but no GitHub payload
        raise Rejected(400, "body is nested too deeply", "payload") from None
    if not isinstance(payload, dict):
        raise Rejected(400, "body is not a JSON object", "payload")
    return payload


def delivery_keys(payload: dict[str, Any]) -> dict[str, Any]:
    """installation_id, repo and PR/issue number of a payload (None where absent); 400 for a
    value no GitHub payload has (wrong type, out of range, over-long, NUL, lone surrogate)."""
    item = (_obj(payload.get("pull_request")) or _obj(payload.get("issue")) or _named_pull(payload)
            or _first_pull(_checks(payload), _obj(payload.get("repository")).get("id")))
    repo = _obj(payload.get("repository")).get("full_name")
    if repo is not None and clean_text(repo, 300) is None:
        raise Rejected(400, "payload repository.full_name is not a repository name", "payload")
    return {"installation_id": _whole(_obj(payload.get("installation")).get("id"),
                                      "installation.id", _MAX_INT64),
            "repo": repo,
            "number": _whole(item.get("number", payload.get("number")), "number", _MAX_INT32)}


def with_fork_pr(state: SqlStateStore, event: str, payload: dict[str, Any], keys: dict[str, Any]) -> dict[str, Any]:
    """A fork PR's check run (or suite) lists no PR (GitHub fills ``pull_requests`` only for same-repository
    branches); the PR PR Sieve scored at that commit is its PR, so its re-run or button press is
    stored under that number and waits for the PR's other deliveries like any of them."""
    sha = _checks(payload).get("head_sha")
    if keys["number"] is not None or event not in CHECKS or not keys["repo"] or not isinstance(sha, str):
        return keys
    return keys | {"number": state.pr_for_head(keys["repo"], sha)}


CHECKS = ("check_run", "check_suite")  # the events whose object names a commit and its PRs


def _checks(payload: dict[str, Any]) -> dict:
    """A check run's or check suite's object (both list the commit's PRs the same way)."""
    return next((_obj(payload[key]) for key in CHECKS if isinstance(payload.get(key), dict)), {})


def _obj(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _named_pull(payload: dict[str, Any]) -> dict:
    """The PR a check run's ``external_id`` names (``bot.app.checkid``), as its handler reads it:
    of PRs sharing a head commit, each has its own run and GitHub lists them all on each, so a
    press or Re-run of #8's run is stored under #8 and waits for #8's other deliveries."""
    number = checkid.number_of(_obj(payload.get("check_run")).get("external_id"))
    return {"number": number} if number is not None and number <= _MAX_INT32 else {}


def _first_pull(check_run: dict, repo_id: Any) -> dict:
    """A check run's first pull request of this repository, so a re-run waits for that PR's other
    deliveries (a PR of another repository, numbered there, is not one; with none, a fork PR's
    number is looked up: ``with_fork_pr``)."""
    pulls = check_run.get("pull_requests")
    here = repo_id if isinstance(repo_id, int) else None
    ours = [pull for pull in pulls if based_in(pull, here)] if isinstance(pulls, list) else []
    return _obj(ours[0]) if ours else {}


def _whole(value: Any, name: str, maximum: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= maximum:
        raise Rejected(400, f"payload {name} is not a valid id", "payload")
    return value


def clean_text(value: Any, max_chars: int) -> str | None:
    """``value`` if it is a short, storable string (no NUL, no lone surrogate), else None."""
    if not isinstance(value, str) or not value or len(value) > max_chars or "\x00" in value:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return value


def payload_text(body: bytes, payload: dict) -> str:
    """The body itself when it is plain UTF-8 (GitHub's), else ``payload`` re-encoded: UTF-16/32
    (which decode as "UTF-8" full of NULs) or a byte-order mark would not parse again as text."""
    if json.detect_encoding(body) == "utf-8":
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:  # e.g. surrogates, which json.loads lets through
            pass
    return json.dumps(payload)
