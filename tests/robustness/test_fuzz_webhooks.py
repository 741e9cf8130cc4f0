"""Fuzz the webhook intake: never a 5xx, never a forged delivery accepted or stored.

A modest number of generated requests runs in CI; ``benchmarks/fuzz_webhooks.py`` runs 10,000+.
The explicit cases below are the shapes fuzzing found or that GitHub documents.
"""

from __future__ import annotations

import json
import uuid

import pytest
from hypothesis import HealthCheck, given, settings

import webhook_gen as wg
from fuzz_cases import MAX_BODY, SECRET, Case, cases, send

from tests.payloads import replaced

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@settings(max_examples=300, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(case=cases())
def test_generated_requests_never_5xx_and_forgeries_never_stored(intake_client, intake_app,
                                                                 case: Case) -> None:
    verdict = send(intake_client, intake_app.state.store, case)
    assert verdict.problems(case) == []


def _signed(body: bytes, event: str = "pull_request", delivery: str | None = None) -> Case:
    return Case(body, wg.headers(SECRET, event, body, delivery), forged=False, kind="explicit")


PR = wg.pull_request_payload("octo/repo", 5, author="alice")


def _with(path: tuple, value) -> bytes:
    return replaced(PR, path, value)


@pytest.mark.parametrize("body", [
    pytest.param(b"[" * 100_000, id="deeply-nested-array"),
    pytest.param(b'{"a":' * 50_000 + b"1" + b"}" * 50_000, id="deeply-nested-object"),
    pytest.param(_with(("number",), 2**70), id="number-beyond-64-bit"),
    pytest.param(_with(("pull_request", "number"), 2**31), id="number-beyond-32-bit"),
    pytest.param(_with(("installation", "id"), 2**64), id="installation-id-beyond-64-bit"),
    pytest.param(_with(("action",), "\ud800"), id="lone-surrogate-action"),
    pytest.param(_with(("repository", "full_name"), "\ud800/x"), id="lone-surrogate-repo"),
    pytest.param(_with(("repository", "full_name"), "o/" + "r" * 5000), id="over-long-repo"),
    pytest.param(_with(("action",), "opened" * 40), id="over-long-action"),
    pytest.param(_with(("action",), "opened\x00"), id="nul-in-action"),
    pytest.param(_with(("number",), float("nan")), id="nan-number"),
    pytest.param(b"1e999", id="infinite-scalar"),
    pytest.param(json.dumps(PR).encode("utf-16"), id="utf-16-json"),
    pytest.param(b"", id="empty"),
])
def test_hostile_but_signed_bodies_never_5xx(intake_client, intake_app, body: bytes) -> None:
    verdict = send(intake_client, intake_app.state.store, _signed(body))
    assert verdict.status < 500


def test_body_over_the_cap_is_413_and_not_stored(intake_client, intake_app) -> None:
    body = b" " * MAX_BODY + json.dumps(PR).encode()
    verdict = send(intake_client, intake_app.state.store, _signed(body))
    assert (verdict.status, verdict.stored) == (413, 0)


@pytest.mark.parametrize("signature", [
    None, "", "sha256=", "sha256=" + "0" * 64, "sha1=abc", "garbage",
    wg.headers(SECRET + "!", "pull_request", b"{}")["X-Hub-Signature-256"],
])
def test_forged_signatures_are_401_and_nothing_is_stored(intake_client, intake_app,
                                                         signature) -> None:
    body = json.dumps(PR).encode()
    headers = wg.headers(None, "pull_request", body, str(uuid.uuid4()), signature=signature)
    verdict = send(intake_client, intake_app.state.store, Case(body, headers, True, "explicit"))
    assert (verdict.status, verdict.stored) == (401, 0)


def test_genuine_delivery_is_stored_once_even_when_redelivered(intake_client, intake_app) -> None:
    body = json.dumps(PR).encode()
    case = _signed(body, delivery=str(uuid.uuid4()))
    first = send(intake_client, intake_app.state.store, case)
    again = send(intake_client, intake_app.state.store, case)
    assert (first.status, first.stored) == (202, 1)
    assert (again.status, again.stored) == (202, 0)
