"""Hashed n-gram counts: the matrix of scikit-learn's ``HashingVectorizer.transform``, faster.

``HashingVectorizer.transform`` feeds ``FeatureHasher`` one ``(term, 1)`` pair per n-gram
through a Python generator, and builds word bigrams with a Python loop. Here the terms are
UTF-8 encoded up front and hashed by ``bot.model.rows.hashed_counts`` (the same murmurhash,
one C-level ``map``), and word bigrams come from ``map(b" ".join, zip(tokens, tokens[1:]))``
(``tokens.bigrams``; the UTF-8 encoding of a space-joined pair is the space-joined pair of
encodings): the same terms in the same columns, so the matrix is the same, bit for bit.
Lower-casing and tokenising come from the vectorizer itself (``build_preprocessor``,
``build_tokenizer``), except for the featurizer's two token patterns, which ``bot.model.tokens``
splits into the same tokens faster (UTF-8 encoded, as ``FeatureHasher`` hashes a str); char
n-grams from its ``_char_wb_ngrams``, word by word (``bot.model.chargrams``). Settings this
module does not mirror (a norm, binary counts, alternating signs) fall back to
``vectorizer.transform``. ``counts`` gives the same counts as ``bot.model.rows.SparseRows``,
for the scorer.
"""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer

from bot.model import chargrams, tokens
from bot.model.rows import SparseRows, hashed_counts


def _plain_word_bigrams(v: HashingVectorizer) -> bool:
    """A word analyzer that is exactly lower-case/tokenise -> unigrams + bigrams."""
    return (v.analyzer == "word" and tuple(v.ngram_range) == (1, 2) and v.input == "content"
            and v.preprocessor is None and v.tokenizer is None and v.stop_words is None)


def _analyzer(v: HashingVectorizer):
    """``v.build_analyzer()`` with its terms UTF-8 encoded (as ``FeatureHasher`` hashes them), word
    1-2-grams built without a Python loop per token and, for the featurizer's two token patterns,
    ``bot.model.tokens``' faster tokenisers."""
    if not _plain_word_bigrams(v):
        analyze_text = v.build_analyzer()
        return lambda doc: tokens.utf8(list(analyze_text(doc)))
    preprocess, decode = v.build_preprocessor(), v.decode
    tokenize = tokens.tokenizer(v.token_pattern) or _encoded(v.build_tokenizer())

    def analyze(doc: str) -> list[bytes]:
        terms = tokenize(preprocess(decode(doc)))
        return terms + list(tokens.bigrams(terms))

    return analyze


def _encoded(tokenize):
    """A scikit-learn tokeniser whose str tokens come out UTF-8 encoded, as the hashing takes them."""
    return lambda text: tokens.utf8(tokenize(text))


def mirrored(vectorizer: HashingVectorizer) -> bool:
    """Whether ``counts`` reproduces this vectorizer (float64 counts: no norm, not binary, no signs)."""
    return (vectorizer.norm is None and not vectorizer.binary and not vectorizer.alternate_sign
            and np.dtype(vectorizer.dtype) == np.float64)


def counts(vectorizer: HashingVectorizer, docs: list[str]) -> SparseRows:
    """The n-gram counts of ``docs`` as ``vectorizer`` (a ``mirrored`` one) hashes them."""
    if chargrams.handles(vectorizer):
        return chargrams.counts(vectorizer, docs)
    return hashed_counts(list(map(_analyzer(vectorizer), docs)), vectorizer.n_features)


def transform(vectorizer: HashingVectorizer, docs: list[str]):
    """``vectorizer.transform(docs)``: the same sparse matrix, with less work per term."""
    if isinstance(docs, str) or not docs or not mirrored(vectorizer):
        return vectorizer.transform(docs)
    return counts(vectorizer, docs).tocsr()
