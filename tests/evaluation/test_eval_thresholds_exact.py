"""``threshold_at_fpr1``/``threshold_at_fpr5`` are the cut itself, not rounded to 4 decimals (review-eval
#5: E3's 0.99996… showed as 1.0, and ``--threshold 1.0`` does not give the TPR reported beside it)."""

from __future__ import annotations

from bot.evaluation import metrics


def test_a_threshold_near_one_keeps_its_digits_and_re_applies_to_the_same_tpr():
    y = [1, 1, 0, 0, 0]
    s = [0.999963, 0.2, 0.99995, 0.1, 0.05]  # two scores that 4 decimals make 1.0 and 1.0
    out = metrics.summary(y, s, 0.5)
    assert out["threshold_at_fpr1"] == 0.999963 and out["tpr_at_fpr1"] == 0.5
    assert metrics.tpr_at(y, s, out["threshold_at_fpr1"]) == out["tpr_at_fpr1"]


def test_a_threshold_is_still_null_where_only_flag_nothing_qualifies():
    out = metrics.summary([0, 1], [0.5, 0.5], 0.5)
    assert out["threshold_at_fpr1"] is None
