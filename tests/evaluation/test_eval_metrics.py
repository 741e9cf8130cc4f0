"""Metrics on small arrays whose figures can be checked by hand."""

import math

import numpy as np
import pytest

from bot.evaluation import metrics

# 10 negatives at 0.0 .. 0.9 and 4 positives.
NEG = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
POS = [0.95, 0.85, 0.5, 0.05]
Y = [0] * 10 + [1] * 4
S = NEG + POS


def test_auc_textbook_example():
    # pairs (pos, neg): 0.35>0.1, 0.35<0.4, 0.8>0.1, 0.8>0.4 -> 3 of 4
    assert metrics.auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == pytest.approx(0.75)


def test_auc_with_ties_and_missing_class():
    # positive pairs won: 0.95 beats 10, 0.85 beats 9, 0.5 beats 5 and ties 1 (half), 0.05 beats 1
    assert metrics.auc(Y, S) == pytest.approx((10 + 9 + 5.5 + 1) / 40)
    assert metrics.auc([1, 1], [0.2, 0.3]) is None


def test_tpr_at_fpr_is_the_best_tpr_within_the_budget():
    # FPR <= 5 %: no negative may be flagged -> only 0.95 -> TPR 1/4 at threshold 0.95
    assert metrics.tpr_at_fpr(Y, S, 0.05) == (pytest.approx(0.25), pytest.approx(0.95))
    # FPR <= 10 %: flag >= 0.85 (one negative, 0.9) -> TPR 2/4
    assert metrics.tpr_at_fpr(Y, S, 0.10) == (pytest.approx(0.5), pytest.approx(0.85))
    # FPR <= 50 %: flag >= 0.5 (negatives 0.5..0.9) -> TPR 3/4
    assert metrics.tpr_at_fpr(Y, S, 0.50)[0] == pytest.approx(0.75)


def test_ties_are_never_split():
    tpr, threshold = metrics.tpr_at_fpr([0, 1], [0.5, 0.5], 0.05)
    assert tpr == 0.0 and math.isinf(threshold)


def test_rates_at_a_threshold():
    assert metrics.fpr_at(Y, S, 0.5) == pytest.approx(0.5)  # 0.5 .. 0.9 flagged
    assert metrics.tpr_at(Y, S, 0.5) == pytest.approx(0.75)
    assert metrics.fpr_at([1, 1], [0.1, 0.9], 0.5) is None


def test_summary_is_json_safe():
    out = metrics.summary([0, 1], [0.5, 0.5], 0.5)
    assert (out["n"], out["n_pos"], out["n_neg"], out["auc"]) == (2, 1, 1, 0.5)
    assert out["tpr_at_fpr1"] == 0.0 and out["threshold_at_fpr1"] is None  # no +inf in JSON
    assert (out["fpr_at_threshold"], out["tpr_at_threshold"]) == (1.0, 1.0)


def test_per_group_auc_skips_groups_with_one_class():
    y = [0, 1, 0, 1, 1, 0]
    s = [0.1, 0.9, 0.8, 0.2, 0.5, 0.4]
    groups = ["a", "a", "b", "b", "c", None]
    out = metrics.per_group_auc(y, s, groups)
    assert out["groups"] == {"a": {"n_pos": 1, "n_neg": 1, "auc": 1.0},
                             "b": {"n_pos": 1, "n_neg": 1, "auc": 0.0}}
    assert out["skipped_one_class"] == 1  # "c" has only a positive; None is no group


def test_slice_fpr_counts_only_flagged_negatives_in_the_slice():
    y = [0, 0, 0, 0, 1]
    s = [0.9, 0.1, 0.7, 0.2, 0.9]
    flags = [True, True, None, False, True]
    # slice negatives: 0.9 and 0.1 -> one of two flagged at 0.5; the unknown row is ignored
    assert metrics.slice_fpr(y, s, flags, 0.5) == {"n_neg": 2, "n_neg_known": 3, "fpr": 0.5}
    assert metrics.slice_fpr(y, s, [None] * 5, 0.5) is None


def test_mismatched_lengths_are_rejected():
    with pytest.raises(ValueError):
        metrics.auc([0, 1], np.array([0.3]))


def test_a_threshold_per_pr_applies_to_its_own_row():
    y, s = [0, 0, 1, 1], [0.5, 0.5, 0.5, 0.5]
    per_pr = np.array([0.4, 0.6, 0.4, 0.6])  # first of each class below its threshold's bar, second not
    assert metrics.fpr_at(y, s, per_pr) == 0.5 and metrics.tpr_at(y, s, per_pr) == 0.5
    assert metrics.fpr_at(y, s, 0.4) == 1.0  # one number still applies to every row
    flags = [True, False, None, None]
    assert metrics.slice_fpr(y, s, flags, per_pr)["fpr"] == 1.0  # the flagged negative: 0.5 >= 0.4
    assert metrics.summary(y, s, per_pr)["fpr_at_threshold"] == 0.5
