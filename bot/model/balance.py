"""Training weights that stop the model reading "a description was written" as "agent".

In the training split almost every PR with a long description is an agent PR: AIDev rows carry
the PR description as written on GitHub, while the human git rows mostly carry a squash list or
a merge commit (``../shared/data/git_prs/README.md``, "Squash bodies are not always PR
descriptions"). Of the rows with 800 characters of description or more, 92 % are positive
(97 % of their training weight). On GitHub, where PR Sieve runs, people write descriptions too
(CNCF projects ask for them in their PR templates), so a model that learns description length
flags exactly the humans who took care.

``length_balanced`` scales down the positives' weights inside each description-length bin
where they are over-represented, so that every bin has the training split's overall
positive : negative weight ratio. Length then carries no label on its own; what a description
says, and how the PR's parts fit together, still can. Negatives are never changed, nor are bins
where positives are scarce. The weights are for fitting only: calibration, thresholds and the CV
report use the original weights.
"""

from __future__ import annotations

import numpy as np

EDGES = (200, 500, 1000, 2000, 4000)  # characters of description (after attribution stripping)
FLOOR = 0.02  # a bin with (almost) no negatives still keeps a trace of its positives


def length_bins(log_body: np.ndarray, title_only: np.ndarray, edges=EDGES) -> np.ndarray:
    """-1 for a bare title, else the index of the description-length bin (0: under ``edges[0]``)."""
    bins = np.searchsorted(np.log1p(np.asarray(edges, dtype=float)), np.asarray(log_body), side="right")
    return np.where(np.asarray(title_only) > 0.5, -1, bins)


def layout_bins(bins: np.ndarray, headers: np.ndarray, bullets: np.ndarray) -> np.ndarray:
    """Each description-length bin split in three by layout: a header, else a bullet list, else
    neither (bare titles stay -1), so a written layout carries no label on its own either."""
    layout = np.where(np.asarray(headers) > 0, 2, np.where(np.asarray(bullets) > 0, 1, 0))
    bins = np.asarray(bins)
    return np.where(bins < 0, bins, bins * 3 + layout)


def length_balanced(y: np.ndarray, weight: np.ndarray, bins: np.ndarray, floor: float = FLOOR):
    """``(weights, factors)``: ``weight`` with each over-represented bin's positives scaled down;
    ``factors`` maps bin -> the factor applied to its positives (1.0: unchanged)."""
    y, weight, bins = np.asarray(y), np.asarray(weight, dtype=float), np.asarray(bins)
    ratio = weight[y == 1].sum() / weight[y == 0].sum()
    out, factors = weight.copy(), {}
    for b in np.unique(bins):
        pos, neg = (bins == b) & (y == 1), (bins == b) & (y == 0)
        wanted = ratio * weight[neg].sum()
        have = weight[pos].sum()
        factors[int(b)] = max(floor, min(1.0, wanted / have)) if have > 0 else 1.0
        out[pos] *= factors[int(b)]
    return out, factors
