"""Fixtures for the App tests: in-memory GitHub and state, a controllable scorer, real payloads."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timezone

import pytest

from bot.app import review
from bot.app.context import HandlerContext
from bot.paths import shared_dir
from bot.result import Result, SignalHit

from .fakes import FakeGitHub, MemoryState

FIXED_NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def result_for(band: str, score: int | None = None, signals: tuple[SignalHit, ...] | None = None) -> Result:
    default = {"low": 10, "medium": 55, "high": 85}[band]
    hits = signals if signals is not None else (
        SignalHit("claims_tests_without_tests", 1.0, "the description says 'added unit tests'"),
    )
    return Result(score=score if score is not None else default, band=band, probability=default / 100,
                  confidence=0.8, signals=hits if band != "low" else (), model_version="test-model-1")


class Scorer:
    """Stands in for bot.scoring.score so handler tests choose the band themselves."""

    def __init__(self) -> None:
        self.result = result_for("high")
        self.calls: list = []

    def __call__(self, snapshot, config):
        self.calls.append((snapshot, config))
        return self.result


@pytest.fixture
def gh() -> FakeGitHub:
    return FakeGitHub()


@pytest.fixture
def state() -> MemoryState:
    return MemoryState()


@pytest.fixture
def ctx(gh, state) -> HandlerContext:
    return HandlerContext(github=gh, state=state, delivery_id="test-delivery", installation_id=1,
                          now=lambda: FIXED_NOW)


@pytest.fixture
def scorer(monkeypatch) -> Scorer:
    fake = Scorer()
    monkeypatch.setattr(review, "score", fake)
    return fake


def load_payload(event: str, name: str) -> dict:
    """A real octokit example payload, read in place from ../shared (a deep copy to edit)."""
    base = shared_dir()
    if base is None:
        pytest.skip("../shared not found: set SIEVE_SHARED_DIR to the shared fixtures folder")
    path = base / "github" / "webhooks" / "payload-examples" / "api.github.com" / event / name
    if not path.is_file():
        pytest.skip(f"../shared has no {path.relative_to(base)}")
    return copy.deepcopy(json.loads(path.read_text(encoding="utf-8")))


@pytest.fixture
def payload():
    return load_payload


def live_port(fake, installation_id: int | None = None):
    """The real PyGithub adapter pointed at a running ``bot.fakegithub.FakeGitHub``."""
    from bot.github import make_github_factory

    factory = make_github_factory(app_id=fake.app_id, private_key=fake.app_private_key,
                                  base_url=fake.base_url, on_request=lambda *a: None,
                                  on_retry=lambda *a: None)
    return factory(installation_id or fake.installation_id)


@pytest.fixture
def scored_by_default(gh):
    """A PR (Codertocat/Hello-World#2, by its owner) that the org settings alone would score (and the
    fake scorer rates high): what a repository's own file, broken or not, changes is then visible."""
    from bot.snapshot import Commit, FileChange, PRSnapshot

    repo, sha = "Codertocat/Hello-World", "ec26c3e57ca3a959ca5aad62de7213c562f8c821"
    gh.add_pr(repo, PRSnapshot(title="Update README", body="A change.", author_login="Codertocat",
                               author_association="OWNER", repo=repo, number=2, head_sha=sha,
                               files=(FileChange("README.md", additions=1),), commits=(Commit("Update"),)))
    gh.files[("Codertocat/.github", ".github/sieve.yml")] = "exempt: {associations: []}\n"
