"""Model v2: the v1 stacked trees, a plain text head and a gated "rejected" head, added on logits.

Three scores per PR, each standardised with the mean/std of its repository-grouped
out-of-fold values (``set_stats``, called by ``bot.model.train``):

- ``a``: v1's ``StackedClassifier`` (structure + signals + a bounded text vote), as a logit;
- ``b``: the agent head, a logistic regression on word 1-2-gram TF-IDF of title + description +
  commit messages (the issue's reference design; it keeps text detail that v1's trees squash);
- ``r``: the rejection head, the same kind of model trained on AGENT PRs only: closed unmerged /
  not merged (1) against merged (0). It ranks low-effort agent PRs first (the E3 question).

``raw = base + LAMBDA * gate * z(r)`` (``lam_down``, when set, replaces LAMBDA where ``z(r) <= 0``;
``floor``, when set, softens a downward push below it: ``pushed``), where

- ``base = z(a) + TEXT_WEIGHT * short * z(b)``: the text head votes on PRs whose description is
  short or absent (``short`` = 1 below ``SHORT_BODY`` characters, 0 from ``LONG_BODY`` on, linear
  in log-length between). On long descriptions it mostly reads "a description was written",
  which in this data means "written after 2022", not "agent": a careful, well-described human
  PR went from low to medium with an unrestricted text head. A title-only input (no description,
  commits or files) has ``base = z(a)``: v1's title features rank bare titles better.
- ``gate = sigmoid(GATE_K * (base - GATE_C))``: the rejection head only moves PRs the agent
  blend already places high (z >= ~1), so it reorders agent PRs without lifting human ones.

All constants were chosen by repository-grouped CV on the training split (``MODEL_CARD.md``).
``predict_proba`` returns ``sigmoid(raw)``; Platt scaling (``PlattCalibrated``) on top turns
it into a calibrated probability.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression

from bot.model.estimator import DEFAULT_TOL
from bot.model.features import STRUCTURAL_NAMES

TITLE_ONLY = STRUCTURAL_NAMES.index("title_only")
LOG_BODY = STRUCTURAL_NAMES.index("log_body_chars")  # log1p(characters of the description)
TEXT_WEIGHT = 0.5
SHORT_BODY = 300
LONG_BODY = 800
GATE_K = 8.0
GATE_C = 1.0
LAMBDA = 1.0  # v2-v6; v7 and v8 are trained with 1.5 (bot.model.train.REJECTION_WEIGHT, models/HISTORY.md)
AGENT_C = 1.0
REJECT_C = 0.3
# Structural columns that say which channel a row came from (a description on GitHub, a squash body in git, a
# title alone), not how the PR was made: the rejection head's structural part leaves them out (``reject_numeric``)
CHANNEL_COLUMNS = ("has_files", "has_commit_text", "body_from_squash_list", "title_only")
REJECT_COLUMNS = tuple(i for i, name in enumerate(STRUCTURAL_NAMES) if name not in CHANNEL_COLUMNS)


class LinearHead(BaseEstimator):
    """A fitted linear model kept as float32 weights (half the bytes; same ranking)."""

    tol = DEFAULT_TOL  # models saved before ``tol`` was a parameter were fitted with it

    def __init__(self, c: float = 1.0, tol: float = DEFAULT_TOL):
        self.c = c
        self.tol = tol

    def fit(self, X, y, sample_weight=None):
        lr = LogisticRegression(C=self.c, solver="liblinear", class_weight="balanced", max_iter=2000,
                                tol=self.tol)
        lr.fit(X, y, sample_weight=sample_weight)
        self.coef_ = lr.coef_.ravel().astype(np.float32)
        self.intercept_ = float(lr.intercept_[0])
        return self

    def decision(self, X, dense: np.ndarray | None = None) -> np.ndarray:
        """``X``'s decision; ``dense``: columns fitted after ``X``'s (``X`` and ``dense`` side by side)."""
        if dense is None:
            return np.asarray(X @ self.coef_, dtype=np.float64).ravel() + self.intercept_
        n = X.shape[1]
        return np.asarray(X @ self.coef_[:n], dtype=np.float64).ravel() + dense @ self.coef_[n:] + self.intercept_


def floor_setting(floor: float | None, soft: float) -> tuple[float, float] | None:
    """``(floor, floor_soft)`` for ``BlendedClassifier``, or None when there is no floor: none given,
    or a push that counts fully below it (soft 1: v2-v7)."""
    return None if floor is None or soft >= 1.0 else (floor, soft)


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=np.float64)))


def _logit(p):
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


class BlendedClassifier(ClassifierMixin, BaseEstimator):
    """``StackedClassifier`` + agent head + gated rejection head (see the module docstring)."""

    tol = DEFAULT_TOL  # models saved before ``tol`` was a parameter were fitted with it
    lam_down = None  # models saved before ``lam_down`` was a parameter reach down as far as up
    floor = None  # ... and before ``floor`` was one, push down without a floor
    floor_soft = 0.0
    reject_numeric = 0.0  # ... and before ``reject_numeric`` was one, the rejection head read text only

    def __init__(self, n_numeric: int = 0, n_stack_text: int = 0, stacked=None,
                 text_weight: float = TEXT_WEIGHT, short_body: int = SHORT_BODY,
                 long_body: int = LONG_BODY, gate_k: float = GATE_K, gate_c: float = GATE_C,
                 lam: float = LAMBDA, agent_c: float = AGENT_C, reject_c: float = REJECT_C,
                 tol: float = DEFAULT_TOL, lam_down: float | None = None, floor: float | None = None,
                 floor_soft: float = 0.0, reject_numeric: float = 0.0):
        self.n_numeric = n_numeric
        self.n_stack_text = n_stack_text
        self.stacked = stacked
        self.text_weight = text_weight
        self.short_body = short_body
        self.long_body = long_body
        self.gate_k = gate_k
        self.gate_c = gate_c
        self.lam = lam
        self.agent_c = agent_c
        self.reject_c = reject_c
        self.tol = tol
        self.lam_down = lam_down
        self.floor = floor
        self.floor_soft = floor_soft
        self.reject_numeric = reject_numeric

    def _split(self, X):
        X = sp.csr_matrix(X)
        cut = self.n_numeric + self.n_stack_text
        return X[:, :cut], X[:, cut:]

    def fit(self, X, y, sample_weight=None, reject=None, groups=None, records=None):
        """``reject``: 1 rejected agent PR, 0 merged agent PR, -1 not a rejection example;
        ``groups``, ``records``: repository groups or record keys for the trees' inner text folds
        (``StackedClassifier.fit``)."""
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        stack_X, head_X = self._split(X)
        self.stacked_ = self.stacked.fit(stack_X, y, sample_weight=sample_weight, groups=groups, records=records)
        self.agent_ = LinearHead(self.agent_c, self.tol).fit(head_X, y, sample_weight=sample_weight)
        reject = np.full(len(y), -1) if reject is None else np.asarray(reject)
        rows = reject >= 0
        self.reject_ = self._fit_reject(stack_X[rows], head_X[rows], reject[rows]) if rows.any() else None
        self.stats_ = np.array([0.0, 1.0, 0.0, 1.0, 0.0, 1.0])
        return self

    def _fit_reject(self, stack_X, head_X, labels) -> LinearHead:
        """The rejection head on text, and with ``reject_numeric`` > 0 also on the structural columns
        (``REJECT_COLUMNS``), standardised on its own rows and scaled by ``reject_numeric``."""
        if not self.reject_numeric:
            return LinearHead(self.reject_c, self.tol).fit(head_X, labels)
        numeric = stack_X[:, list(REJECT_COLUMNS)].toarray()
        self.reject_mean_, self.reject_std_ = numeric.mean(axis=0), numeric.std(axis=0)
        self.reject_std_[self.reject_std_ == 0] = 1.0
        both = sp.hstack([sp.csr_matrix(head_X), sp.csr_matrix(self._reject_dense(numeric))], format="csr")
        return LinearHead(self.reject_c, self.tol).fit(both, labels)

    def _reject_dense(self, columns: np.ndarray) -> np.ndarray:
        return (columns - self.reject_mean_) / self.reject_std_ * self.reject_numeric

    def _reject_score(self, numeric, head) -> np.ndarray:
        """The rejection head's decision (text only, or text and ``REJECT_COLUMNS`` of ``numeric``)."""
        if not self.reject_numeric:
            return self.reject_.decision(head)
        return self.reject_.decision(head, self._reject_dense(np.asarray(numeric)[:, list(REJECT_COLUMNS)]))

    def set_stats(self, components: np.ndarray) -> BlendedClassifier:
        """Standardise each score with the mean/std of its out-of-fold values (``components``)."""
        c = np.asarray(components, dtype=np.float64)[:, :3]
        self.stats_ = np.ravel(np.column_stack([c.mean(axis=0), c.std(axis=0) + 1e-9]))
        return self

    def _scores(self, numeric, stack_blocks, head) -> np.ndarray:
        a = _logit(self.stacked_.predict_parts(numeric, stack_blocks)[:, 1])
        b = self.agent_.decision(head)
        r = self._reject_score(numeric, head) if self.reject_ is not None else np.zeros_like(b)
        return np.column_stack([a, b, r, numeric[:, TITLE_ONLY], numeric[:, LOG_BODY]])

    def numeric_columns_read(self) -> frozenset[int] | None:
        """The numeric columns ``predict_parts`` reads (None: unknown): the trees' and the two the blend weighs by."""
        read = getattr(self.stacked_, "numeric_columns_read", lambda: None)()
        rejection = set(REJECT_COLUMNS) if self.reject_numeric else set()
        return None if read is None else read | {TITLE_ONLY, LOG_BODY} | rejection

    def components_parts(self, numeric, text_blocks) -> np.ndarray:
        """Raw (a, b, r) scores, title-only flag and log body length from unstacked columns
        (``SnapshotFeaturizer.parts``): the fast path."""
        return self._scores(numeric, text_blocks[:2], text_blocks[2])

    def components(self, X) -> np.ndarray:
        """``components_parts`` from the stacked matrix (``SnapshotFeaturizer.transform``)."""
        stack_X, head_X = self._split(X)
        numeric = stack_X[:, :self.n_numeric].toarray()
        return self._scores(numeric, [stack_X[:, self.n_numeric:]], head_X)

    def combine(self, components: np.ndarray) -> np.ndarray:
        mean, std = self.stats_[0::2], self.stats_[1::2]
        components = np.asarray(components)
        z = (components[:, :3] - mean) / std
        base = z[:, 0] + self.text_weight * self.shortness(components[:, 3], components[:, 4]) * z[:, 1]
        gate = _sigmoid(self.gate_k * (base - self.gate_c))
        return self.pushed(base, self.reach(z[:, 2]) * gate * z[:, 2])

    def pushed(self, base: np.ndarray, push: np.ndarray) -> np.ndarray:
        """``base + push``, except that below ``floor`` (None: no floor) a downward push counts only
        ``floor_soft`` per unit: merged-looking agent PRs are reordered among themselves without being
        pushed far below the people's highest scores (twenty-first session, models/HISTORY.md)."""
        if self.floor is None:
            return base + push
        moved = base - (self._squashed(base) - self._squashed(base + push))
        return np.where(push < 0, moved, base + push)

    def _squashed(self, x: np.ndarray) -> np.ndarray:
        return np.where(x >= self.floor, x, self.floor + self.floor_soft * (x - self.floor))

    def reach(self, z_r: np.ndarray) -> np.ndarray:
        """The rejection head's weight per PR: ``lam`` above the head's mean, ``lam_down`` (None: ``lam``)
        at or below it, so the head can lift rejected-looking PRs further than it lowers merged-looking ones."""
        down = self.lam if self.lam_down is None else self.lam_down
        return np.where(z_r > 0, self.lam, down)

    def shortness(self, title_only, log_body) -> np.ndarray:
        """1 for a short or absent description, 0 for a long one (or a bare title)."""
        lo, hi = np.log1p(self.short_body), np.log1p(self.long_body)
        return np.where(np.asarray(title_only) > 0.5, 0.0, np.clip((hi - np.asarray(log_body)) / (hi - lo), 0, 1))

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
