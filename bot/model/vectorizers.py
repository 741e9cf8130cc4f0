"""The hashed n-gram readers of the classifier's text blocks, and the one document its word block
reads. Fitted models hold the vectorizers these build (plain scikit-learn objects), not these
functions."""

from __future__ import annotations

from sklearn.feature_extraction.text import HashingVectorizer

from bot.model import features, tokens


def words(n: int) -> HashingVectorizer:
    return HashingVectorizer(n_features=n, ngram_range=(1, 2), alternate_sign=False, norm=None,
                             lowercase=True, token_pattern=tokens.WORD_PATTERN)


def full_words(n: int) -> HashingVectorizer:
    return HashingVectorizer(n_features=n, ngram_range=(1, 2), alternate_sign=False, norm=None)


def chars(n: int) -> HashingVectorizer:
    return HashingVectorizer(n_features=n, analyzer="char_wb", ngram_range=(2, 4),
                             alternate_sign=False, norm=None, lowercase=False)


def doc(t: features.Texts) -> str:
    """One document with field-tagged title words, so title style is told apart from body."""
    title_tokens = " ".join("title_" + w for w in t.title.lower().split()[:30])
    return f"{title_tokens}\n{t.body}\n{t.commits}"
