"""``bot.model.ngrams.transform`` must give exactly ``HashingVectorizer.transform``'s matrix
for every vectorizer the featurizer uses: same columns, same counts, same dtypes."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import HashingVectorizer

from bot.model import estimator, ngrams, vectorizers

VECTORIZERS = {
    "word": vectorizers.words(2**10),
    "char": vectorizers.chars(2**10),
    "full": vectorizers.full_words(2**10),
}
# letters that fold specially, markdown, quotes, hyphens, unusual white space, emoji
TEXT = st.text(alphabet=st.sampled_from(list("aAzZ09 _'-#*`>.\t\n\r\u00e9\u0130\u017f\u212a\u2028\u00a0\U0001f600")),
               max_size=80)


def assert_same(a, b) -> None:
    assert type(a) is type(b) and a.shape == b.shape
    assert a.indptr.dtype == b.indptr.dtype and a.indices.dtype == b.indices.dtype
    assert np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
    assert a.data.dtype == b.data.dtype and a.data.tobytes() == b.data.tobytes()


@settings(max_examples=150, deadline=None)
@given(docs=st.lists(TEXT, min_size=1, max_size=6))
def test_same_matrix_as_hashing_vectorizer(docs):
    for vectorizer in VECTORIZERS.values():
        assert_same(ngrams.transform(vectorizer, docs), vectorizer.transform(docs))


def test_repeated_terms_and_bigrams_are_counted():
    vectorizer = VECTORIZERS["full"]
    docs = ["fix the bug fix the bug", "", "one"]
    got = ngrams.transform(vectorizer, docs)
    assert got[0].sum() == 6 + 5  # six words and five bigrams
    assert got[1].nnz == 0 and got[2].sum() == 1  # "one": one word, no bigram
    assert_same(got, vectorizer.transform(docs))


def test_settings_it_does_not_mirror_fall_back_to_scikit_learn():
    docs = ["Some text, some TEXT", "more text"]
    for vectorizer in (HashingVectorizer(n_features=64, norm="l2"),
                       HashingVectorizer(n_features=64, binary=True, norm=None),
                       HashingVectorizer(n_features=64, ngram_range=(1, 3), stop_words=["some"], norm=None)):
        assert_same(ngrams.transform(vectorizer, docs), vectorizer.transform(docs))


def test_same_matrix_on_real_pull_requests(shared):
    """Every block of the featurizer, at its real width, on real descriptions, commit messages
    and titles (ASCII and not, so both tokenising paths and UTF-8 encoding run)."""
    from bot.loaders.records import iter_records
    from bot.model.features import texts_of

    paths = ["data/aidev_pop/aidev_pop_agent_prs.jsonl", "data/git_prs/sentry-python.prs.jsonl"]
    texts = [texts_of(r.snapshot) for p in paths for r in itertools.islice(iter_records(shared / p), 200)]
    blocks = {vectorizers.words(estimator.WORD_FEATURES): [vectorizers.doc(t) for t in texts],
              vectorizers.chars(estimator.CHAR_FEATURES): [t.title for t in texts],
              vectorizers.full_words(estimator.FULL_WORD_FEATURES): [t.all for t in texts]}
    for vectorizer, docs in blocks.items():
        assert any(not d.isascii() for d in docs) and any(d.isascii() for d in docs)
        assert_same(ngrams.transform(vectorizer, docs), vectorizer.transform(docs))


def test_the_most_negative_hash_lands_where_feature_hasher_puts_it():
    """FeatureHasher sends ``h = -2**31`` to ``(2**31 - 1 - (n - 1)) % n``; ``hashed_columns``
    takes ``abs(h) % n`` in int64: the same column for every width."""
    for n in [*range(1, 1000), 2**16, 2**17, 2**20, 2**31 - 1]:
        assert (2147483647 - (n - 1)) % n == np.abs(np.int64(-2**31)) % n
