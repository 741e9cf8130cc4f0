"""``bot.model.chargrams`` cuts each distinct word once and gathers every title's columns from
its words': the matrix must still be exactly ``HashingVectorizer.transform``'s."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import HashingVectorizer

from bot.model import chargrams, ngrams, vectorizers
from tests.perf.test_ngrams import assert_same

WORDS = st.sampled_from(["fix", "Fix", "a", "to", "the", "é", "ſ", "\U0001f600", "feat:", "`x`", "add-on"])
SPACES = st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u2028", "\x1c", " \u3000 "])
TITLE = st.lists(st.tuples(WORDS, SPACES), max_size=12).map(lambda ws: "".join(w + s for w, s in ws))


def _char(n_features: int = 2**10, **settings) -> HashingVectorizer:
    chosen = {"analyzer": "char_wb", "ngram_range": (2, 4), "lowercase": False, **settings}
    return HashingVectorizer(n_features=n_features, alternate_sign=False, norm=None, **chosen)


@settings(max_examples=200, deadline=None)
@given(titles=st.lists(TITLE, min_size=1, max_size=8))
def test_titles_sharing_words_get_scikit_learns_matrix(titles):
    for vectorizer in (_char(), _char(ngram_range=(1, 1)), _char(ngram_range=(3, 6))):
        assert chargrams.handles(vectorizer)
        assert_same(ngrams.transform(vectorizer, titles), vectorizer.transform(titles))


def test_empty_titles_and_a_repeated_word():
    titles = ["", "fix fix fix", "   ", "fix"]
    got = ngrams.transform(_char(), titles)
    assert got[0].nnz == 0 and got[2].nnz == 0
    assert got[1].sum() == 3 * got[3].sum()
    assert_same(got, _char().transform(titles))


def test_only_the_featurizers_kind_of_char_analyzer_is_handled():
    assert chargrams.handles(vectorizers.chars(8))
    assert not chargrams.handles(_char(lowercase=True))
    assert not chargrams.handles(_char(strip_accents="ascii"))
    assert not chargrams.handles(_char(analyzer="char"))
    assert not chargrams.handles(vectorizers.words(8))
    titles = ["Fix the Ünicode bug", "fix THE bug"]
    for vectorizer in (_char(lowercase=True), _char(analyzer="char"), _char(strip_accents="unicode")):
        assert_same(ngrams.transform(vectorizer, titles), vectorizer.transform(titles))
