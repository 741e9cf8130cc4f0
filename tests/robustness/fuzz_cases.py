"""Hypothesis strategies for hostile webhook requests, and the verdict on each answer.

A case is a raw body plus GitHub's headers. Bodies range from real payloads with random
mutations (wrong types, huge numbers, lone surrogates, over-long strings) to truncated or
byte-flipped JSON, other encodings, deeply nested arrays and bodies over the size cap.
Signatures are correct, or forged in one of several ways. The contract checked by
``verdict``: never a 5xx, and a forged request is never accepted nor stored.
Used by ``test_fuzz_webhooks.py`` (a modest run) and ``benchmarks/fuzz_webhooks.py`` (10,000+).
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import uuid
from dataclasses import dataclass

from hypothesis import strategies as st

import webhook_gen as wg

SECRET = "fuzz-webhook-secret"
MAX_BODY = 256 * 1024  # the app under test is built with this cap so 413s stay cheap

EVENTS = ["pull_request", "issue_comment", "installation", "installation_repositories", "ping",
          "check_run", "push", "star", "Pull_Request", "pull_request ", "", "x" * 101,
          "ünïcødé", "../../etc/passwd"]
SIGNATURE_MODES = ["correct", "correct", "correct", "missing", "wrong_secret", "random_hex",
                   "sha1_prefix", "uppercase", "other_body", "empty", "truncated"]
HUGE_INTS = [2**31, 2**63, 2**64, 2**70, -(2**63) - 1, 10**30]


@dataclass(frozen=True)
class Case:
    body: bytes
    headers: dict[str, str | bytes]  # bytes: raw UTF-8 header values
    forged: bool
    kind: str  # which body generator made it (for the script's report)

    def __repr__(self) -> str:  # failures print a readable case, not a 300 KB body
        body = self.body if len(self.body) <= 200 else self.body[:200] + b"..."
        return (f"Case(kind={self.kind!r}, forged={self.forged}, {len(self.body)} bytes "
                f"{body!r}, headers={self.headers!r})")


def _bases() -> list[tuple[str, dict]]:
    issue = {"action": "created", "issue": {"number": 3, "pull_request": {"url": "x"}},
             "comment": {"id": 1, "body": "/sieve explain", "user": {"login": "bob"}},
             "repository": {"full_name": "octo/repo"}, "installation": {"id": 1}}
    return [("pull_request", wg.pull_request_payload("octo/repo", 1, author="alice")),
            ("issue_comment", issue),
            ("installation", {"action": "created", "installation": {"id": 1}}),
            ("ping", wg.ping_payload())]


JSON_LEAVES = (st.none() | st.booleans() | st.integers() | st.sampled_from(HUGE_INTS)
               | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=40)
               | st.sampled_from(["\ud800", "\x00", "a" * 5000, "opened", "octo/repo"]))
JSON_VALUES = st.recursive(JSON_LEAVES, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                           max_leaves=12)


@st.composite
def mutated_payload(draw) -> tuple[str, dict]:
    event, payload = copy.deepcopy(draw(st.sampled_from(_bases())))
    for _ in range(draw(st.integers(0, 4))):
        node = payload
        while True:
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            if not keys:
                break
            key = draw(st.sampled_from(keys))
            child = node[key]
            if isinstance(child, (dict, list)) and child and draw(st.booleans()):
                node = child
                continue
            if isinstance(node, dict) and draw(st.integers(0, 5)) == 0:
                del node[key]
            else:
                node[key] = draw(JSON_VALUES)
            break
    return event, payload


def _dumps(payload: object) -> bytes:
    """ASCII JSON: lone surrogates and NULs travel as \\uXXXX escapes, NaN as ``NaN``."""
    return json.dumps(payload).encode("ascii")


@st.composite
def bodies(draw) -> tuple[str, str, bytes]:
    """(kind, event, body)."""
    event, payload = draw(mutated_payload())
    encoded = _dumps(payload)
    kind = draw(st.sampled_from(["json", "json", "json", "truncated", "flipped", "binary",
                                 "nested", "huge", "utf16", "scalar", "empty"]))
    if kind == "truncated":
        return kind, event, encoded[:draw(st.integers(0, max(0, len(encoded) - 1)))]
    if kind == "flipped":
        data = bytearray(encoded)
        for _ in range(draw(st.integers(1, 8))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return kind, event, bytes(data)
    if kind == "binary":
        return kind, event, draw(st.binary(max_size=2048))
    if kind == "nested":
        depth = draw(st.sampled_from([100, 1000, 5000, 20000, 100000]))
        opener, closer = draw(st.sampled_from([(b"[", b"]"), (b'{"a":', b"}")]))
        tail = closer * depth if draw(st.booleans()) else b""
        return kind, event, opener * depth + b"1" + tail
    if kind == "huge":
        return kind, event, b" " * (MAX_BODY - 16) + encoded + b" " * draw(st.integers(0, 4096))
    if kind == "utf16":
        return kind, event, json.dumps(payload).encode("utf-16")
    if kind == "scalar":
        return kind, event, draw(st.sampled_from([b"null", b"1", b'"s"', b"[]", b"true", b"1e999"]))
    if kind == "empty":
        return kind, event, b""
    return kind, event, encoded


def _signature(mode: str, body: bytes) -> str | None:
    correct = wg.headers(SECRET, "x", body)["X-Hub-Signature-256"]
    return {
        "correct": correct,
        "missing": None,
        "wrong_secret": wg.headers(SECRET + "x", "x", body)["X-Hub-Signature-256"],
        "random_hex": "sha256=" + uuid.uuid4().hex * 2,
        "sha1_prefix": "sha1=" + hmac.new(SECRET.encode(), body, hashlib.sha1).hexdigest(),
        "uppercase": "sha256=" + correct.removeprefix("sha256=").upper(),
        "other_body": wg.headers(SECRET, "x", body + b" ")["X-Hub-Signature-256"],
        "empty": "",
        "truncated": correct[:-1],
    }[mode]


@st.composite
def cases(draw) -> Case:
    kind, event, body = draw(bodies())
    if draw(st.integers(0, 3)) == 0:
        event = draw(st.sampled_from(EVENTS))
    mode = draw(st.sampled_from(SIGNATURE_MODES))
    signature = _signature(mode, body)
    forged = mode != "correct" and signature != _signature("correct", body)
    delivery = draw(st.sampled_from(["uuid", "uuid", "uuid", "missing", "long", "odd"]))
    delivery_id = {"uuid": str(uuid.uuid4()), "missing": "", "long": "d" * 150,
                   "odd": "../" + uuid.uuid4().hex + " ;"}[delivery]
    headers = wg.headers(SECRET, event or "ping", body, delivery_id or "x")
    headers["X-GitHub-Event"] = event
    headers["X-GitHub-Delivery"] = delivery_id
    headers.pop("X-Hub-Signature-256", None)
    if signature is not None:
        headers["X-Hub-Signature-256"] = signature
    headers = {k: v for k, v in headers.items() if v != "" or draw(st.booleans())}
    return Case(body, {k: v.encode("utf-8") for k, v in headers.items()}, forged, kind)


@dataclass(frozen=True)
class Verdict:
    status: int
    stored: int  # rows the request added to the delivery store

    def problems(self, case: Case) -> list[str]:
        found = []
        if self.status >= 500:
            found.append(f"{self.status} for a {case.kind} body")
        if case.forged and (200 <= self.status < 300 or self.stored):
            found.append(f"forged {case.kind} request accepted ({self.status}, {self.stored} stored)")
        if self.stored > 1:
            found.append(f"one request stored {self.stored} rows")
        return found


def total_rows(store) -> int:
    return sum(store.counts().values())


def send(client, store, case: Case) -> Verdict:
    before = total_rows(store)
    response = client.post("/api/github/webhooks", content=case.body, headers=case.headers)
    return Verdict(response.status_code, total_rows(store) - before)
