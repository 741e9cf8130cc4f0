"""X-Hub-Signature-256: GitHub's documented test vector and the ways a signature can be wrong."""

from __future__ import annotations

from bot.app.signature import sign, verify

GITHUB_SECRET = "It's a Secret to Everybody"
GITHUB_BODY = b"Hello, World!"
GITHUB_SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"


def test_github_test_vector():
    assert sign(GITHUB_SECRET, GITHUB_BODY) == GITHUB_SIGNATURE
    assert sign(GITHUB_SECRET.encode(), GITHUB_BODY) == GITHUB_SIGNATURE
    assert verify(GITHUB_SECRET, GITHUB_BODY, GITHUB_SIGNATURE)


def test_wrong_body_secret_or_format_is_refused():
    assert not verify(GITHUB_SECRET, b"Hello, World?", GITHUB_SIGNATURE)
    assert not verify("another secret", GITHUB_BODY, GITHUB_SIGNATURE)
    assert not verify(GITHUB_SECRET, GITHUB_BODY, GITHUB_SIGNATURE.removeprefix("sha256="))
    assert not verify(GITHUB_SECRET, GITHUB_BODY, "sha1=" + GITHUB_SIGNATURE[7:])
    assert not verify(GITHUB_SECRET, GITHUB_BODY, GITHUB_SIGNATURE.upper())
    assert not verify(GITHUB_SECRET, GITHUB_BODY, None)
    assert not verify(GITHUB_SECRET, GITHUB_BODY, "")
    assert not verify(GITHUB_SECRET, GITHUB_BODY, "sha256=ünicode")
