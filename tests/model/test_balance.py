"""Description-length balancing of the training weights (``bot.model.balance``)."""

from __future__ import annotations

import numpy as np
import pytest

from bot.model.balance import layout_bins, length_balanced, length_bins


def _ratio(y, w, mask=None):
    mask = np.ones(len(y), bool) if mask is None else mask
    return w[mask & (y == 1)].sum() / w[mask & (y == 0)].sum()


def test_bins_split_descriptions_by_length_and_keep_bare_titles_apart():
    log_body = np.log1p([0, 150, 250, 900, 5000, 3000])
    title_only = np.array([1, 0, 0, 0, 0, 0])
    assert length_bins(log_body, title_only, edges=(200, 500, 1000)).tolist() == [-1, 0, 1, 2, 3, 3]


def test_over_represented_bins_get_the_overall_ratio_and_negatives_stay_put():
    # bin 0: 10 positives, 10 negatives; bin 1 ("long"): 9 positives, 1 negative
    y = np.array([1] * 10 + [0] * 10 + [1] * 9 + [0])
    w = np.ones(len(y))
    w[10:20] = 0.5  # weak negatives count with their weight
    bins = np.array([0] * 20 + [1] * 10)
    overall = _ratio(y, w)
    out, factors = length_balanced(y, w, bins)
    assert out[y == 0].tolist() == w[y == 0].tolist()
    assert factors[0] == 1.0  # positives are not over-represented there: untouched
    assert _ratio(y, out, bins == 1) == pytest.approx(overall)
    assert factors[1] == pytest.approx(overall * 1 / 9)


def test_a_bin_without_negatives_keeps_a_floor_of_its_positives():
    y = np.array([1, 0, 1, 1])
    bins = np.array([0, 0, 1, 1])
    out, factors = length_balanced(y, np.ones(4), bins, floor=0.05)
    assert factors[1] == 0.05 and out[2:].tolist() == [0.05, 0.05]


def test_layout_splits_each_length_bin_by_header_then_bullets_and_keeps_bare_titles():
    bins = np.array([-1, 0, 0, 0, 2, 2])
    headers = np.array([1.0, 0.0, 0.7, 0.0, 1.1, 0.0])  # log1p counts, as the featurizer gives them
    bullets = np.array([1.0, 0.0, 1.6, 0.7, 0.0, 0.0])
    assert layout_bins(bins, headers, bullets).tolist() == [-1, 0, 2, 1, 8, 6]
