"""``benchmarks/cv_variants.py``'s figures: per-repository means and written-description humans."""

from __future__ import annotations

import numpy as np
import pytest

from bot.model.data import Example
from bot.snapshot import PRSnapshot
from tests.benchmark_scripts import load


def _example(repo: str, label: int, weight: float = 1.0) -> Example:
    return Example(PRSnapshot(title="t"), label, weight, repo, "git_prs", f"{repo}:{label}:{weight}")


def _set():
    """100 humans scored 0..99 (fiber, sentry-python), 20 agents above them except one fiber agent
    scored 49.5, and one human left unscored (its fold was not fitted)."""
    examples, scores, bodies = [], [], []
    for i in range(100):
        examples.append(_example("fiber" if i % 2 else "sentry-python", 0))
        scores.append(float(i))
        bodies.append(300 if i in (10, 97, 98, 99) else 40)
    for i in range(20):
        examples.append(_example("fiber" if i % 2 else "sentry-python", 1))
        scores.append(49.5 if i == 1 else 100.0 + i)
        bodies.append(900)
    examples.append(_example("fiber", 0))
    scores.append(np.nan)
    bodies.append(300)
    scores = np.array(scores)
    return examples, scores, ~np.isnan(scores), np.array(bodies)


def test_written_description_humans_are_measured_against_all_humans_thresholds():
    figures = load("cv_variants").selection_figures(*_set())
    written = figures["written_description_humans"]
    assert written["n"] == 4  # the unscored human with a description does not count
    assert written["above_1pct_threshold"] == 0.25  # only 99 is above the 99th percentile (98.01)
    assert written["above_5pct_threshold"] == 0.75  # 97, 98, 99 are above the 95th (94.05)


def test_mean_per_repository_auc_averages_each_held_out_repository():
    figures = load("cv_variants").selection_figures(*_set())
    fiber = figures["per_repo"]["fiber"]["E1_like_auc"]
    assert figures["per_repo"]["sentry-python"]["E1_like_auc"] == 1.0
    assert fiber == pytest.approx(1 - 25 / (50 * 10), abs=1e-4)  # one agent below 25 of 50 humans
    assert figures["mean_per_repo_E1_like"] == pytest.approx((fiber + 1.0) / 2, abs=1e-4)
    assert figures["E3_like"] is None and figures["E4_like"] is None


def test_layouts_keep_the_named_blocks_in_order():
    import scipy.sparse as sp
    from types import SimpleNamespace

    feats = SimpleNamespace(n_numeric=2, word_features=3, char_features=2, full_word_features=4)
    row = np.arange(2 + 3 + 2 + 4, dtype=float)  # numeric 0-1, word 2-4, char 5-6, full 7-10
    X = sp.csr_matrix(np.vstack([row, row + 100]))
    laid_out = load("cv_variants").laid_out
    same, width = laid_out(X, feats, "v4")
    assert same is X and width == 5
    lean, width = laid_out(X, feats, "lean")
    assert width == 3 and lean.toarray()[0].tolist() == [0, 1, 2, 3, 4, 2, 3, 4]
    no_char, width = laid_out(X, feats, "no-char")
    assert width == 3 and no_char.toarray()[1].tolist() == [100, 101, 102, 103, 104, 107, 108, 109, 110]
    heads, width = laid_out(X, feats, "heads-on-words")
    assert width == 5 and heads.toarray()[0].tolist() == [0, 1, 2, 3, 4, 5, 6, 2, 3, 4]


def test_bare_title_layout_keeps_char_columns_only_on_bare_titles():
    import scipy.sparse as sp
    from types import SimpleNamespace

    feats = SimpleNamespace(n_numeric=2, word_features=1, char_features=2, full_word_features=1,
                            feature_names=lambda: ["log_title_chars", "title_only"])
    X = sp.csr_matrix(np.array([[3.0, 1.0, 5.0, 6.0, 7.0, 8.0],    # a bare title
                                [3.0, 0.0, 5.0, 6.0, 7.0, 8.0]]))  # a PR with a description
    laid, width = load("cv_variants").laid_out(X, feats, "char-bare-titles")
    assert width == 3
    assert laid.toarray().tolist() == [[3, 1, 5, 6, 7, 8], [3, 0, 5, 0, 0, 8]]


def test_merged_records_come_back_with_their_attribution_lines(shared):
    from bot.model import data

    restored = data.merged_with_markers(shared, small=True)
    assert restored, "the first training repository has records with removed attribution lines"
    assert all(rid.startswith("git_prs:") for rid in restored)
    # trailers, put back at the end of the description, or of the last commit where there is none
    texts = [(snap.body or (snap.commits[-1].message if snap.commits else "")).lower() for snap in restored.values()]
    assert sum("-by:" in text for text in texts) >= 0.9 * len(texts)
    assert any("co-authored-by: claude" in text for text in texts)  # agents' trailers, not only sign-offs


def test_every_named_design_keeps_its_own_rejection_weight():
    """A design measured in an earlier session must stay that design when sieve train's defaults move."""
    from benchmarks.cv_designs import VARIANTS

    v7_based = {name for name in VARIANTS if name in ("v7", "v8") or name.startswith(("v7-", "v8-", "v9-"))}
    assert v7_based and all(VARIANTS[name].lam == 1.5 for name in v7_based)
    assert all(v.lam == 1.0 for name, v in VARIANTS.items() if name not in v7_based)
    v8_based = {name for name in VARIANTS if name == "v8" or name.startswith(("v8-", "v9-"))}  # v9: v8's design
    assert v8_based and all(VARIANTS[name].floor == (0.5, 0.5) for name in v8_based)
    assert all(v.floor is None for name, v in VARIANTS.items() if name not in v8_based)  # v2-v7: no floor


def test_a_recombination_with_a_floor_is_named_and_set_as_listed():
    from benchmarks.cv_designs import VARIANTS
    from benchmarks.cv_variants import reach_name, reached
    from bot.model.blend import BlendedClassifier

    blend = BlendedClassifier(lam=1.5)
    blend.stats_ = np.array([0.0, 1.0, 0.0, 1.0, 0.0, 1.0])
    floored = reached(blend, 1.5, 1.0, None, 1.0, 0.25)
    assert (floored.lam, floored.lam_down, floored.floor, floored.floor_soft) == (1.5, None, 1.0, 0.25)
    assert floored.stats_ is blend.stats_
    assert reach_name(1.5, 1.0, None, 1.0, 0.25) == "lam1.5-c1-floor1-s0.25"
    assert reach_name(1.5, 1.0, 0.5) == "up1.5-down0.5-c1"  # the twentieth session's names are unchanged
    assert len(VARIANTS["v7-floor-z-1"].blends) == 12
