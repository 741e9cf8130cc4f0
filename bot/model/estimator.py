"""The scikit-learn pieces of the classifier (persisted with skops; listed as trusted types).

``SnapshotFeaturizer`` turns ``PRSnapshot`` values into one sparse matrix:
``[structural + signal values | hashed word TF-IDF | hashed char TF-IDF]``.
``StackedClassifier`` fits a logistic regression on the text columns, and a gradient-boosted
tree model on the numeric columns plus the text model's out-of-fold score. The trees carry
structure and effort (what generalises across projects); text only adds a bounded vote.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from itertools import repeat

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression

from bot.model import aiwords, codespans, fasttrees, features, headings, innerfolds, ngrams, rows, vectorizers

WORD_FEATURES = 2**16
CHAR_FEATURES = 2**16
FULL_WORD_FEATURES = 2**17  # v2: the heads' plain word 1-2-grams of title + body + commits
# The logistic regressions' stopping tolerance. v1-v4 use scikit-learn's default (1e-4), where
# liblinear stops at a point the CPU's last bits (FMA or not) move by up to 1e-3 in score, and
# the trees turn that into a different model on every CPU (models/HISTORY.md, "Numerical noise").
# ``sieve train --converged-solvers`` solves them to convergence: the same model on any CPU.
DEFAULT_TOL = 1e-4
CONVERGED_TOL = 1e-8
PLATT_CONVERGED_TOL = 1e-10


@cache
def _threads():
    """One OpenMP thread for the trees: a single PR is scored in well under a millisecond,
    and on a busy 2-core host OpenMP's thread start-up costs 50x the work itself."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def one_thread():
    return _threads().limit(limits=1, user_api="openmp")


class SnapshotFeaturizer(TransformerMixin, BaseEstimator):
    """``list[PRSnapshot]`` -> sparse ``[numeric | word tf-idf | char tf-idf (| full-text word tf-idf)]``.

    ``full_word_features`` > 0 adds the v2 block: plain word 1-2-grams of title + description +
    commit messages (no field tags), the input of the linear heads in ``bot.model.blend``.
    ``char_bare_titles``: the title char n-gram block is filled for bare titles only (a PR with a
    description, commits or files gets an empty row; ``sieve train --char-bare-titles``).
    """

    char_bare_titles = False  # models saved before it was a parameter read every title
    ai_words_masked = False  # ... and before this one, every word (``bot.model.aiwords``)
    headings_masked = False  # ... and every heading line (``bot.model.headings``)
    code_masked = False  # ... and every inline code span (``bot.model.codespans``)

    def __init__(self, signal_names: tuple = (), word_features: int = WORD_FEATURES,
                 char_features: int = CHAR_FEATURES, full_word_features: int = 0,
                 char_bare_titles: bool = False, ai_words_masked: bool = False,
                 headings_masked: bool = False, code_masked: bool = False):
        self.signal_names = signal_names
        self.word_features = word_features
        self.char_features = char_features
        self.full_word_features = full_word_features
        self.char_bare_titles = char_bare_titles
        self.ai_words_masked = ai_words_masked
        self.headings_masked = headings_masked
        self.code_masked = code_masked

    @property
    def n_numeric(self) -> int:
        return len(features.STRUCTURAL_NAMES) + len(self.signal_names)

    @property
    def structural_names(self) -> list[str]:
        return list(getattr(self, "structural_names_", features.STRUCTURAL_NAMES))

    def feature_names(self) -> list[str]:
        return self.structural_names + [f"signal:{n}" for n in self.signal_names]

    def _parts(self, snapshots, hits=None, columns_read=None):
        names = tuple(self.signal_names)
        run = features.signals_read(names, columns_read)
        pairs = [_texts_and_signals(s, h, names, run) for s, h in zip(snapshots, hits or repeat(None))]
        texts = [t for t, _ in pairs]
        numeric = np.asarray([features.structural_vector(s, t) + v
                              for s, (t, v) in zip(snapshots, pairs)], dtype=np.float64)
        if self.ai_words_masked:  # the text blocks only: the numbers above read the whole text
            texts = [t.mapped(aiwords.masked) for t in texts]
        if self.headings_masked:
            texts = [replace(t, body=headings.masked(t.body)) for t in texts]
        if self.code_masked:
            texts = [t.mapped(codespans.masked) for t in texts]
        docs = [vectorizers.doc(t) for t in texts]
        words = ngrams.counts(vectorizers.words(self.word_features), docs)
        chars = ngrams.counts(vectorizers.chars(self.char_features), self._char_titles(snapshots, texts))
        blocks = [words, chars]
        if getattr(self, "full_word_features", 0):
            full = vectorizers.full_words(self.full_word_features)
            blocks.append(ngrams.counts(full, [t.all for t in texts]))
        return numeric.reshape(len(texts), self.n_numeric), blocks

    def _char_titles(self, snapshots, texts) -> list[str]:
        if not self.char_bare_titles:
            return [t.title for t in texts]
        return [t.title if features.bare_title(t, s) else "" for s, t in zip(snapshots, texts)]

    def fit(self, snapshots, y=None):
        self.structural_names_ = list(features.STRUCTURAL_NAMES)
        _, blocks = self._parts(snapshots)
        self.idfs_ = [TfidfTransformer(sublinear_tf=True).fit(b.tocsr()) for b in blocks]
        self.word_idf_, self.char_idf_ = self.idfs_[:2]
        return self

    def parts(self, snapshots, hits=None, columns_read=None):
        """``(numeric, [word tf-idf, char tf-idf, ...])``: the columns of ``transform``, unstacked,
        the text blocks as ``SparseRows`` (``rows @ weights`` works as on a CSR matrix).
        ``hits``: the snapshots' already computed signal hits (saves running them twice).
        ``columns_read``: the classifier's ``numeric_columns_read``; a signal outside them is not run (reads 0)."""
        numeric, blocks = self._parts(snapshots, hits, columns_read)
        idfs = getattr(self, "idfs_", None) or [self.word_idf_, self.char_idf_]
        return numeric, [rows.tfidf(b, idf) for b, idf in zip(blocks, idfs)]

    def transform(self, snapshots, hits=None):
        numeric, blocks = self.parts(snapshots, hits)
        return sp.hstack([sp.csr_matrix(numeric), *(b.tocsr() for b in blocks)], format="csr")


def _texts_and_signals(snapshot, hits, names: tuple[str, ...], run=None) -> tuple[features.Texts, list[float]]:
    """A snapshot's texts, then its signal values (``hits``' when computed, else those of ``run``'s
    signals or all). One at a time: its signals find the texts ``texts_of`` left cached."""
    texts = features.texts_of(snapshot)
    values = features.signal_values(hits, names) if hits is not None else features.signal_vector(snapshot, names, run)
    return texts, values


class StackedClassifier(ClassifierMixin, BaseEstimator):
    """Trees over numeric columns + the out-of-fold score of a text logistic regression."""

    tol = DEFAULT_TOL  # models saved before ``tol`` was a parameter were fitted with it
    masked_columns: tuple = ()  # likewise for ``masked_columns``: none
    decreasing_columns: tuple = ()  # ... and for ``decreasing_columns``: none

    def __init__(self, n_numeric: int = 0, text_c: float = 1.0, max_iter: int = 150,
                 learning_rate: float = 0.1, max_leaf_nodes: int = 31, l2: float = 1.0,
                 min_samples_leaf: int = 20, use_text: bool = True, random_state: int = 0,
                 tol: float = DEFAULT_TOL, masked_columns: tuple = (), decreasing_columns: tuple = ()):
        self.n_numeric = n_numeric
        self.text_c = text_c
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.l2 = l2
        self.min_samples_leaf = min_samples_leaf
        self.use_text = use_text
        self.random_state = random_state
        self.tol = tol
        self.masked_columns = masked_columns  # numeric columns the trees never see (constant 0 when fitted)
        self.decreasing_columns = decreasing_columns  # numeric columns that can only lower the trees' score

    def _text_model(self) -> LogisticRegression:
        return LogisticRegression(C=self.text_c, max_iter=2000, solver="liblinear", tol=self.tol)

    def _split(self, X):
        X = sp.csr_matrix(X)
        return X[:, : self.n_numeric].toarray(), X[:, self.n_numeric:]

    def fit(self, X, y, sample_weight=None, groups=None, records=None):
        """``groups``: each row's repository group; given, the text vote's inner folds keep a
        group on one side (``GroupKFold``), else they split rows (``StratifiedKFold``, v1-v4).
        ``records``: each row's record key; a copy of a record (``bot.model.relaid``) shares its
        key and so its inner fold, or the text vote would read a copy's words from its original's
        fit. Rows with keys of their own are split exactly as without ``records``."""
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        numeric, text = self._split(X)
        numeric[:, list(self.masked_columns)] = 0.0  # a constant column gives the trees nothing to split on
        text_score = np.zeros((len(y), 1))
        if self.use_text:
            text_score[:, 0] = self._oof_text(text, y, sample_weight, groups, records)
            self.text_ = self._text_model().fit(text, y, sample_weight=sample_weight)
        trees = HistGradientBoostingClassifier(
            max_iter=self.max_iter, learning_rate=self.learning_rate, max_leaf_nodes=self.max_leaf_nodes,
            l2_regularization=self.l2, min_samples_leaf=self.min_samples_leaf,
            random_state=self.random_state, early_stopping=False, monotonic_cst=self._monotonic(),
        )
        with one_thread():
            self.trees_ = trees.fit(np.hstack([numeric, text_score]), y, sample_weight=sample_weight)
        return self

    def _monotonic(self) -> list[int] | None:
        """The trees' ``monotonic_cst``: -1 on ``decreasing_columns`` (None when there are none: v1-v8)."""
        if not self.decreasing_columns:
            return None
        cst = [0] * (self.n_numeric + 1)  # the numeric columns, then the text vote
        for column in self.decreasing_columns:
            cst[column] = -1
        return cst

    def _oof_text(self, text, y, sample_weight, groups=None, records=None) -> np.ndarray:
        out = np.zeros(len(y))
        for train, test in innerfolds.splits(y, self.random_state, groups, records):
            weight = None if sample_weight is None else np.asarray(sample_weight)[train]
            model = self._text_model().fit(text[train], y[train], sample_weight=weight)
            out[test] = model.decision_function(text[test])
        return out

    def text_scores(self, X) -> np.ndarray:
        numeric, text = self._split(X)
        if not self.use_text:
            return np.zeros((numeric.shape[0], 1))
        scores = text @ self.text_.coef_.ravel() + self.text_.intercept_[0]  # = decision_function
        return np.asarray(scores).reshape(-1, 1)

    def predict_proba(self, X):
        numeric, text = self._split(X)
        return self.predict_parts(numeric, [text])

    def numeric_columns_read(self) -> frozenset[int] | None:
        """The numeric columns some tree splits on (None: unknown): no other one moves ``predict_parts``."""
        read = fasttrees.columns_read(self.trees_)
        return None if read is None else frozenset(c for c in read if c < self.n_numeric)

    def predict_parts(self, numeric, text_blocks):
        """``predict_proba`` on unstacked columns (``SnapshotFeaturizer.parts``): the fast path."""
        from sklearn import config_context

        text_score = np.zeros((numeric.shape[0], 1))
        if self.use_text:
            coef, start = self.text_.coef_.ravel(), 0
            text_score[:, 0] = self.text_.intercept_[0]
            for block in text_blocks:
                text_score[:, 0] += block @ coef[start:start + block.shape[1]]
                start += block.shape[1]
        X = np.hstack([numeric, text_score])
        flat = fasttrees.flatten(self.trees_) if len(X) <= fasttrees.MAX_ROWS else None
        if flat is not None:
            return flat.predict_proba(X)  # the same numbers, 4x faster for one PR
        with one_thread(), config_context(assume_finite=True, skip_parameter_validation=True):
            return self.trees_.predict_proba(X)

    def decision_function(self, X):
        return self.predict_proba(X)[:, 1]

    def predict(self, X):
        return self.classes_[(self.predict_proba(X)[:, 1] >= 0.5).astype(int)]


class PlattCalibrated(ClassifierMixin, BaseEstimator):
    """A fitted classifier plus a Platt (sigmoid) map fitted on its OUT-OF-FOLD scores.

    The same construction as ``CalibratedClassifierCV(method="sigmoid", ensemble=False)``,
    but the out-of-fold scores come from the repository-grouped CV that ``bot.model.train``
    already runs for its reports, so the folds are grouped and nothing is fitted twice.
    """

    def __init__(self, base=None, slope: float = 1.0, intercept: float = 0.0):
        self.base = base
        self.slope = slope
        self.intercept = intercept

    @staticmethod
    def logit(p) -> np.ndarray:
        p = np.clip(np.asarray(p, dtype=float), 1e-6, 1 - 1e-6)
        return np.log(p / (1 - p))

    @classmethod
    def fit_map(cls, oof_proba, y, sample_weight=None, tol: float = DEFAULT_TOL) -> tuple[float, float]:
        lr = LogisticRegression(C=1e6, max_iter=1000, tol=tol)
        lr.fit(cls.logit(oof_proba).reshape(-1, 1), y, sample_weight=sample_weight)
        return float(lr.coef_[0, 0]), float(lr.intercept_[0])

    def fit(self, X, y, sample_weight=None):  # the base is fitted by the caller
        self.classes_ = np.unique(y)
        return self

    def predict_proba(self, X):
        return self._calibrate(self.base.predict_proba(X)[:, 1])

    def predict_parts(self, numeric, text_blocks):
        return self._calibrate(self.base.predict_parts(numeric, text_blocks)[:, 1])

    def numeric_columns_read(self) -> frozenset[int] | None:
        return getattr(self.base, "numeric_columns_read", lambda: None)()

    def _calibrate(self, raw):
        p = 1.0 / (1.0 + np.exp(-(self.slope * self.logit(raw) + self.intercept)))
        return np.column_stack([1 - p, p])

    def predict(self, X):
        return (self.predict_proba(X)[:, 1] >= 0.5).astype(int)
