"""The model committed under models/ loads, matches its metadata and scores."""

from __future__ import annotations

import json

import pytest

from bot.model.persist import default_model_path, load_model, metadata_path
from bot.snapshot import Commit, FileChange, PRSnapshot


@pytest.fixture(scope="module")
def shipped():
    path = default_model_path()
    if not path.is_file():
        pytest.skip(f"no shipped model at {path}: run `sieve train`")
    return load_model(path)


def test_shipped_model_is_small_and_full(shipped):
    meta = json.loads(metadata_path(shipped.path).read_text())
    assert shipped.path.stat().st_size <= 5_000_000
    assert meta["small"] is False
    assert meta["training_data"]["n_examples"] > 10_000


def test_shipped_model_ranks_an_agent_style_pr_above_a_terse_human_fix(shipped):
    from bot.scoring import batch_score

    human = PRSnapshot(title="fix nil deref in span reader", commits=(Commit("fix nil deref"),),
                       files=(FileChange("storage/reader.go", additions=3, deletions=1),
                              FileChange("storage/reader_test.go", additions=12)))
    agent = PRSnapshot(
        title="Enhance error handling across the codebase",
        body="## Summary\n\nThis PR enhances error handling to ensure robustness.\n\n## Changes\n\n"
             "- **Improved Error Handling**: comprehensive checks\n- **Better Logging**: detailed logs\n\n"
             "## Testing\n\n- ✅ All tests pass",
        commits=(Commit("Enhance error handling across the codebase"),),
        files=(FileChange("storage/reader.go", additions=40, deletions=5),))
    p_human, p_agent = batch_score([human, agent])
    assert p_agent > p_human


def test_fast_scoring_path_equals_the_pipeline(shipped):
    """bot.scoring uses the unstacked fast path; it must give the Pipeline's own numbers."""
    from bot.scoring import batch_score

    snaps = [PRSnapshot(title="Fix flaky test", body="Retry the port bind.", commits=(Commit("Fix flaky test"),),
                        files=(FileChange("net/bind_test.go", additions=4, deletions=2),)),
             PRSnapshot(title="docs: typo")]
    assert batch_score(snaps, model_path=str(shipped.path)) == pytest.approx(
        shipped.pipeline.predict_proba(snaps)[:, 1])


def test_a_terse_human_fix_without_its_files_is_not_flagged(shipped):
    """The shipped metadata carries file-blind thresholds, and a PR without files is read against them."""
    from bot.model.data import file_blind
    from bot.scoring import ScoreConfig, batch_score, score

    blind, single = shipped.metadata["band_probability_thresholds_file_blind"], shipped.metadata["band_probability_thresholds"]
    assert blind["medium"] > single["medium"] and blind["high"] > single["high"]
    human = PRSnapshot(title="Support custom headers in proxy middleware",
                       body="Fixes #1234\n\nAllows setting custom headers on proxied requests via the Headers option.",
                       commits=(Commit("support custom headers"),),
                       files=(FileChange("middleware/proxy/proxy.go", additions=30, deletions=4),))
    assert float(batch_score([human])[0]) < single["medium"]  # with its files: well below medium
    p = float(batch_score([file_blind(human)])[0])
    assert single["medium"] <= p < blind["medium"]  # the no-files shift alone would put it in medium
    assert score(file_blind(human)).band == "low"
    assert score(file_blind(human), ScoreConfig(file_blind_thresholds=False)).band != "low"
