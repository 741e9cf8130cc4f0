"""Structured logs carry the delivery id and never leak secrets."""

from __future__ import annotations

import io
import os
import json
import logging
import threading

import pytest

from bot.obs.logging import (
    REDACTED,
    clear_secrets,
    configure_logging,
    delivery_context,
    redact,
    register_secret,
)

PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END RSA PRIVATE KEY-----"


@pytest.fixture
def stream():
    buffer = io.StringIO()
    configure_logging("DEBUG", json=True, stream=buffer)
    yield buffer
    clear_secrets()
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_sieve", False)]:
        root.removeHandler(handler)


def _lines(buffer: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


def test_each_line_is_json_with_the_delivery_id(stream) -> None:
    log = logging.getLogger("sieve.test")
    with delivery_context("d-123", event="pull_request"):
        log.info("handled %s", "thing", extra={"repo": "o/r"})
    log.info("outside")
    inside, outside = _lines(stream)
    assert inside["delivery_id"] == "d-123"
    assert inside["event"] == "pull_request"
    assert inside["repo"] == "o/r"
    assert inside["msg"] == "handled thing"
    assert outside["delivery_id"] is None
    assert inside["pid"] == outside["pid"] == os.getpid()


def test_delivery_context_does_not_leak_across_threads(stream) -> None:
    log = logging.getLogger("sieve.test")

    def other() -> None:
        log.info("from thread")

    with delivery_context("d-main"):
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert _lines(stream)[0]["delivery_id"] is None


# the second holds " and \\, which the JSON line escapes: its exact text no longer appeared there (review)
@pytest.mark.parametrize("secret", ["s3cr3t-webhook-Xv7", 'wh\\sec"ret-Zq9'])
def test_registered_secret_is_redacted_in_messages_args_extras_and_tracebacks(stream, secret) -> None:
    register_secret(secret)
    log = logging.getLogger("sieve.test")
    log.info("secret is %s", secret, extra={"detail": f"x{secret}y"})
    try:
        raise ValueError(f"bad {secret}")
    except ValueError:
        log.exception("failed")
    output = stream.getvalue()
    assert secret[-3:] not in output
    assert output.count(REDACTED) >= 3


def test_private_key_lines_are_redacted_even_one_by_one(stream) -> None:
    register_secret(PEM)
    logging.getLogger("sieve.test").warning("key line MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo seen")
    assert "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo" not in stream.getvalue()


@pytest.mark.parametrize("text, leaked", [
    (PEM, "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo"),
    ("Authorization: token ghs_16C7e42F292c6912E7710c838347Ae178B4a", "16C7e42F292c69"),
    ("Authorization: Bearer abcdefghijklmnop", "abcdefghijklmnop"),
    ("jwt eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjF9.c2lnbmF0dXJl here", "c2lnbmF0dXJl"),
    ("postgresql+psycopg://sieve:hunter22@db:5432/sieve", "hunter22"),
    ("webhook_secret='abc123xyz'", "abc123xyz"),
    ('{"private_key": "pk-value-1"}', "pk-value-1"),
    ("github_pat_11ABCDEFG0123456789_abcdefghijkl", "0123456789_abcdef"),
])
def test_secret_shapes_are_redacted_without_registration(text: str, leaked: str) -> None:
    assert leaked not in redact(text)


def test_ordinary_text_is_left_alone() -> None:
    text = "PR o/r#12 scored 83 (high): 4 signals; labels added"
    assert redact(text) == text
