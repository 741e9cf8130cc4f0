"""Model v2's blend rule (``bot.model.blend``) and the rejection head's labels."""

from __future__ import annotations

import numpy as np
import pytest

from bot.model import data
from bot.model.blend import BlendedClassifier
from bot.snapshot import PRSnapshot


def _blend(**kw) -> BlendedClassifier:
    """A blend with identity standardisation (mean 0, std 1), so components are z-scores."""
    clf = BlendedClassifier(**kw)
    clf.stats_ = np.array([0.0, 1.0, 0.0, 1.0, 0.0, 1.0])
    return clf


def _row(a, b, r, title_only=0.0, body_chars=0):
    return np.array([[a, b, r, title_only, np.log1p(body_chars)]])


def test_rejection_head_does_not_move_a_pr_the_agent_blend_scores_low():
    clf = _blend()
    low_calm, low_rejected = clf.combine(_row(-1, -1, -3)), clf.combine(_row(-1, -1, 3))
    assert low_rejected - low_calm == pytest.approx(0.0, abs=1e-3)


def test_rejection_head_reorders_prs_the_agent_blend_scores_high():
    clf = _blend()
    merged_style, rejected_style = clf.combine(_row(2, 2, -1)), clf.combine(_row(2, 2, 1))
    assert rejected_style - merged_style > 1.9  # LAMBDA (1.0) * gate * 2, gate close to 1


def test_rejection_head_can_reach_down_less_far_than_up():
    clf = _blend(lam=2.0, lam_down=0.5)
    base = clf.combine(_row(3, 0, 0, body_chars=2000))
    lifted, lowered = clf.combine(_row(3, 0, 1, body_chars=2000)), clf.combine(_row(3, 0, -1, body_chars=2000))
    assert lifted - base == pytest.approx(2.0, abs=0.01)  # gate ~1 at base 3
    assert base - lowered == pytest.approx(0.5, abs=0.01)


def test_without_lam_down_the_head_reaches_down_as_far_as_up():
    clf = _blend(lam=1.5)
    base = clf.combine(_row(3, 0, 0, body_chars=2000))
    assert base - clf.combine(_row(3, 0, -1, body_chars=2000)) == pytest.approx(1.5, abs=0.01)


def test_a_floor_stops_the_downward_push_at_its_level():
    clf = _blend(lam=1.5, floor=1.0)
    assert clf.combine(_row(3, 0, -4, body_chars=2000)) == pytest.approx(1.0, abs=0.01)  # 3 - 6 stops at 1
    assert clf.combine(_row(3, 0, -0.5, body_chars=2000)) == pytest.approx(2.25, abs=0.01)  # above it: as before
    assert clf.combine(_row(3, 0, 1, body_chars=2000)) == pytest.approx(4.5, abs=0.01)  # the lift is untouched


def test_a_soft_floor_keeps_the_order_below_it_at_a_fraction_of_the_push():
    clf = _blend(lam=1.5, floor=1.0, floor_soft=0.25)
    deep, deeper = clf.combine(_row(3, 0, -2, body_chars=2000)), clf.combine(_row(3, 0, -4, body_chars=2000))
    assert deep == pytest.approx(1.0 + 0.25 * (0.0 - 1.0), abs=0.01)  # 3 - 3 = 0, one unit below the floor
    assert deeper < deep  # still ordered by the rejection head
    start_below = clf.combine(_row(0.9, 0, -4, body_chars=2000))
    unpushed = clf.combine(_row(0.9, 0, 0, body_chars=2000))
    assert unpushed - start_below == pytest.approx(0.25 * (unpushed - _blend(lam=1.5).combine(
        _row(0.9, 0, -4, body_chars=2000))), rel=0.01)  # a PR already below the floor moves a quarter as far


def test_without_a_floor_the_blend_scores_as_before():
    rows = np.vstack([_row(a, b, r, body_chars=n) for a in (-1, 1, 3) for b in (0, 2) for r in (-3, 0, 2)
                      for n in (0, 500, 2000)])
    assert np.array_equal(_blend(lam=1.5).combine(rows), _blend(lam=1.5, floor=None, floor_soft=0.5).combine(rows))


def test_text_head_votes_with_half_weight_on_a_short_description():
    clf = _blend()
    assert clf.combine(_row(0.0, 1.0, 0.0, body_chars=120)) == pytest.approx(0.5, abs=1e-3)


def test_text_head_is_silent_on_a_long_description():
    clf = _blend()
    assert clf.combine(_row(0.2, 4.0, 0.0, body_chars=2000)) == pytest.approx(0.2, abs=1e-3)


def test_text_head_fades_out_between_short_and_long_descriptions():
    clf = _blend()
    votes = [clf.combine(_row(0.0, 1.0, 0.0, body_chars=n))[0] for n in (300, 450, 600, 800)]
    assert votes[0] == pytest.approx(0.5) and votes[-1] == pytest.approx(0.0)
    assert votes == sorted(votes, reverse=True)


def test_title_only_input_is_ranked_by_the_stacked_model_alone():
    clf = _blend()
    assert clf.combine(_row(0.5, 5.0, 0.0, title_only=1.0)) == pytest.approx(0.5, abs=1e-3)


def test_standardisation_uses_the_out_of_fold_statistics():
    components = np.array([[0.0, 10.0, 1.0, 0.0, 0.0], [2.0, 30.0, 3.0, 0.0, 5.0]])
    clf = BlendedClassifier().set_stats(components)
    assert clf.stats_[0::2] == pytest.approx([1.0, 20.0, 2.0])
    assert clf.stats_[1::2] == pytest.approx([1.0, 10.0, 1.0])


@pytest.mark.parametrize(("label", "source", "outcome", "expected"), [
    (1, "aidev_agent", "closed_unmerged", 1),
    (1, "aidev_agent", "merged", 0),
    (1, "aidev_agent", "open", -1),
    (1, "git_pull_refs", "not_merged", 1),
    (1, "git_pull_refs", "merged_squash", 0),
    (1, "aidev_agent_title_only", "closed_unmerged", -1),
    (0, "git_pull_refs", "not_merged", -1),
    (1, "git_prs", "merged", -1),
])
def test_rejection_labels_come_from_agent_prs_outcomes_only(label, source, outcome, expected):
    example = data.Example(PRSnapshot(title="t"), label, 1.0, "g", source, "id", outcome)
    assert data.reject_label(example) == expected


def _rejection_rows(n=400, seed=0):
    """Agent PRs whose rejection follows one structural column (log_churn), with uninformative text."""
    import scipy.sparse as sp

    from bot.model.features import STRUCTURAL_NAMES

    rng = np.random.default_rng(seed)
    numeric = rng.normal(size=(n, len(STRUCTURAL_NAMES)))
    labels = (numeric[:, STRUCTURAL_NAMES.index("log_churn")] > 0).astype(int)
    text = sp.random(n, 50, density=0.1, random_state=seed, format="csr")
    return sp.csr_matrix(numeric), text, labels


def _auc(labels, scores):
    from sklearn.metrics import roc_auc_score

    return roc_auc_score(labels, scores)


def test_a_rejection_head_with_structural_columns_reads_them():
    numeric, text, labels = _rejection_rows()
    clf = BlendedClassifier(reject_numeric=1.0)
    clf.reject_ = clf._fit_reject(numeric, text, labels)
    assert _auc(labels, clf._reject_score(numeric.toarray(), text)) > 0.95
    text_only = BlendedClassifier()
    text_only.reject_ = text_only._fit_reject(numeric, text, labels)
    assert _auc(labels, text_only._reject_score(numeric.toarray(), text)) < 0.8


def test_the_rejection_head_leaves_channel_columns_out():
    from bot.model.blend import CHANNEL_COLUMNS, REJECT_COLUMNS
    from bot.model.features import STRUCTURAL_NAMES

    numeric, text, _ = _rejection_rows()
    labels = (numeric.toarray()[:, STRUCTURAL_NAMES.index("has_files")] > 0).astype(int)
    clf = BlendedClassifier(reject_numeric=1.0)
    clf.reject_ = clf._fit_reject(numeric, text, labels)
    assert {STRUCTURAL_NAMES[i] for i in REJECT_COLUMNS}.isdisjoint(CHANNEL_COLUMNS)
    assert _auc(labels, clf._reject_score(numeric.toarray(), text)) < 0.8
