"""One PR for the test-claim cases: a description over a single changed file that is not a test."""

from __future__ import annotations

from bot.signals.claims import claims_tests_without_tests
from bot.snapshot import FileChange, PRSnapshot


def claim_hit(body: str, path: str = "pkg/pool/pool.go"):
    files = (FileChange(path=path, additions=4, deletions=1),)
    return claims_tests_without_tests(PRSnapshot(title="Fix pool", body=body, files=files))


def claim_fires(body: str, path: str = "pkg/pool/pool.go") -> bool:
    """Whether the description is read as claiming tests that no changed file is."""
    hit = claim_hit(body, path)
    return hit.value == 1.0 and "not a test" in hit.evidence
