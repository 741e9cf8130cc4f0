"""``SparseRows`` gives scipy's and scikit-learn's numbers exactly: products with weight vectors
(float64 and float32, as the linear heads store them), TF-IDF, and the round trip to CSR."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfTransformer

from bot.model import ngrams, vectorizers
from bot.model.rows import SparseRows, hashed_counts, tfidf

WORDS = st.sampled_from(["fix", "the", "bug", "add", "tests", "docs", "#", "**", "agent", "é"])
DOCS = st.lists(st.lists(WORDS, max_size=40).map(" ".join), min_size=1, max_size=8)


def _counts(docs: list[str]) -> SparseRows:
    return ngrams.counts(vectorizers.full_words(2**8), docs)


@settings(max_examples=100, deadline=None)
@given(docs=DOCS, seed=st.integers(0, 2**16))
def test_product_with_weights_is_scipys_bit_for_bit(docs, seed):
    counts = _counts(docs)
    rng = np.random.default_rng(seed)
    for weights in (rng.normal(size=2**8), rng.normal(size=2**8).astype(np.float32)):
        expected = counts.tocsr() @ weights
        assert (counts @ weights).tobytes() == np.asarray(expected, dtype=np.float64).tobytes()


@settings(max_examples=100, deadline=None)
@given(docs=DOCS)
def test_tfidf_is_scikit_learns_bit_for_bit(docs):
    counts = _counts(docs)
    fitted = TfidfTransformer(sublinear_tf=True).fit(_counts(docs + ["fix the docs", "agent"]).tocsr())
    got, expected = tfidf(counts, fitted).tocsr(), sp.csr_matrix(fitted.transform(counts.tocsr()))
    expected.sort_indices()
    assert np.array_equal(got.indices, expected.indices) and np.array_equal(got.indptr, expected.indptr)
    assert got.data.tobytes() == expected.data.tobytes()


def test_duplicate_terms_are_summed_and_rows_kept_apart():
    rows = hashed_counts([[b"a", b"b", b"a"], [], [b"a"]], 2**10)
    assert rows.shape == (3, 2**10)
    assert rows.indptr.tolist() == [0, 2, 2, 3]
    assert sorted(rows.data[:2].tolist()) == [1.0, 2.0] and rows.data[2] == 1.0
    assert list(rows.indices[:2]) == sorted(rows.indices[:2])  # sorted per row, as scipy keeps them
    assert rows.indices[2] in rows.indices[:2]  # "a" hashes to one column in every row
    assert (rows @ np.ones(2**10)).tolist() == [3.0, 0.0, 1.0]
