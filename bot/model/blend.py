"""Model v2: the v1 stacked trees, a plain text head and a gated "rejected" head, blended on logits.

Three scores per PR, each standardised with the mean/std of its repository-grouped
out-of-fold values (``BlendStats``, set by ``bot.model.train``):

- ``a``: v1's ``StackedClassifier`` (structure + signals + a bounded text vote), as a logit;
- ``b``: the agent head, a logistic regression on word 1-2-gram TF-IDF of title + description +
  commit messages (the issue's reference design; it keeps text detail that v1's trees squash);
- ``r``: the rejection head, the same kind of model trained on AGENT PRs only: closed unmerged /
  not merged (1) against merged (0). It ranks low-effort agent PRs first (the E3 question).

``raw = base + LAMBDA * gate * z(r)`` with ``base = ALPHA * z(a) + (1 - ALPHA) * z(b)`` and
``gate = sigmoid(GATE_K * (base - GATE_C))``: the rejection head only moves PRs the agent blend
already places high (z >= ~1), so it reorders agent PRs without lifting human ones. A
title-only input (no description, commits or files) has ``base = z(a)``: the text head was
fitted on whole PRs, and v1's title features rank bare titles better (CV E4-like 0.784 vs 0.764).
``ALPHA``, ``GATE_K``, ``GATE_C`` and ``LAMBDA`` were chosen by repository-grouped CV on the
training split (``MODEL_CARD.md``). ``predict_proba`` returns ``sigmoid(raw)``; Platt scaling
(``PlattCalibrated``) on top turns it into a calibrated probability.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression

from bot.model.estimator import StackedClassifier
from bot.model.features import STRUCTURAL_NAMES

TITLE_ONLY = STRUCTURAL_NAMES.index("title_only")
ALPHA = 0.5
GATE_K = 8.0
GATE_C = 1.0
LAMBDA = 1.5
AGENT_C = 1.0
REJECT_C = 0.3


class LinearHead(BaseEstimator):
    """A fitted linear model kept as float32 weights (half the bytes; same ranking)."""

    def __init__(self, c: float = 1.0):
        self.c = c

    def fit(self, X, y, sample_weight=None):
        lr = LogisticRegression(C=self.c, solver="liblinear", class_weight="balanced", max_iter=2000)
        lr.fit(X, y, sample_weight=sample_weight)
        self.coef_ = lr.coef_.ravel().astype(np.float32)
        self.intercept_ = float(lr.intercept_[0])
        return self

    def decision(self, X) -> np.ndarray:
        return np.asarray(X @ self.coef_, dtype=np.float64).ravel() + self.intercept_


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=np.float64)))


def _logit(p):
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


class BlendedClassifier(ClassifierMixin, BaseEstimator):
    """``StackedClassifier`` + agent head + gated rejection head (see the module docstring)."""

    def __init__(self, n_numeric: int = 0, n_stack_text: int = 0, stacked=None,
                 alpha: float = ALPHA, gate_k: float = GATE_K, gate_c: float = GATE_C,
                 lam: float = LAMBDA, agent_c: float = AGENT_C, reject_c: float = REJECT_C):
        self.n_numeric = n_numeric
        self.n_stack_text = n_stack_text
        self.stacked = stacked
        self.alpha = alpha
        self.gate_k = gate_k
        self.gate_c = gate_c
        self.lam = lam
        self.agent_c = agent_c
        self.reject_c = reject_c

    def _split(self, X):
        X = sp.csr_matrix(X)
        cut = self.n_numeric + self.n_stack_text
        return X[:, :cut], X[:, cut:]

    def fit(self, X, y, sample_weight=None, reject=None):
        """``reject``: 1 rejected agent PR, 0 merged agent PR, -1 not a rejection example."""
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        stack_X, head_X = self._split(X)
        self.stacked_ = self.stacked.fit(stack_X, y, sample_weight=sample_weight)
        self.agent_ = LinearHead(self.agent_c).fit(head_X, y, sample_weight=sample_weight)
        reject = np.full(len(y), -1) if reject is None else np.asarray(reject)
        rows = reject >= 0
        self.reject_ = LinearHead(self.reject_c).fit(head_X[rows], reject[rows]) if rows.any() else None
        self.stats_ = np.array([0.0, 1.0, 0.0, 1.0, 0.0, 1.0])
        return self

    def set_stats(self, components: np.ndarray) -> BlendedClassifier:
        """Standardise each score with the mean/std of its out-of-fold values (``components``)."""
        c = np.asarray(components, dtype=np.float64)[:, :3]
        self.stats_ = np.ravel(np.column_stack([c.mean(axis=0), c.std(axis=0) + 1e-9]))
        return self

    def _scores(self, numeric, stack_blocks, head) -> np.ndarray:
        a = _logit(self.stacked_.predict_parts(numeric, stack_blocks)[:, 1])
        b = self.agent_.decision(head)
        r = self.reject_.decision(head) if self.reject_ is not None else np.zeros_like(b)
        return np.column_stack([a, b, r, numeric[:, TITLE_ONLY]])

    def components_parts(self, numeric, text_blocks) -> np.ndarray:
        """Raw (a, b, r) scores and the title-only flag from unstacked columns (``SnapshotFeaturizer.parts``): the fast path."""
        return self._scores(numeric, text_blocks[:2], text_blocks[2])

    def components(self, X) -> np.ndarray:
        """Raw (a, b, r) scores and the title-only flag from the stacked matrix (``SnapshotFeaturizer.transform``)."""
        stack_X, head_X = self._split(X)
        numeric = stack_X[:, :self.n_numeric].toarray()
        return self._scores(numeric, [stack_X[:, self.n_numeric:]], head_X)

    def combine(self, components: np.ndarray) -> np.ndarray:
        mean, std = self.stats_[0::2], self.stats_[1::2]
        components = np.asarray(components)
        z = (components[:, :3] - mean) / std
        base = np.where(components[:, 3] > 0.5, z[:, 0], self.alpha * z[:, 0] + (1 - self.alpha) * z[:, 1])
        gate = _sigmoid(self.gate_k * (base - self.gate_c))
        return base + self.lam * gate * z[:, 2]

    def predict_parts(self, numeric, text_blocks):
        p = _sigmoid(self.combine(self.components_parts(numeric, text_blocks)))
        return np.column_stack([1 - p, p])

    def predict_proba(self, X):
        p = _sigmoid(self.combine(self.components(X)))
        return np.column_stack([1 - p, p])

    def decision_function(self, X):
        return self.combine(self.components(X))

    def predict(self, X):
        return self.classes_[(self.predict_proba(X)[:, 1] >= 0.5).astype(int)]
