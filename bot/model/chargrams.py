"""Title char n-grams (``analyzer="char_wb"``), each distinct word of a batch cut and hashed once.

scikit-learn's ``_char_wb_ngrams`` collapses white space, splits the text into words and takes
each word's n-grams (padded with a space on either side) on its own: a title's n-grams are its
words' n-grams put together, and the same word always gives the same n-grams. Titles share most
of their words ("fix", "add", "the", "to"), so here each distinct word of the batch goes through
``_char_wb_ngrams`` itself and is hashed once, and each title's columns are gathered from its
words' with NumPy. A row's counts do not depend on the order its terms come in (each adds 1,
and ``sum_duplicates`` sorts them), so the matrix is ``HashingVectorizer.transform``'s, bit for
bit. Collapsing white space first cannot change the words: ``str.split`` and ``re``'s ``\\s``
take the same characters for white space.
"""

from __future__ import annotations

from itertools import chain, count

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer

from bot.model import rows, tokens


def handles(v: HashingVectorizer) -> bool:
    """A char_wb analyzer with nothing before it but ``decode`` (no lower-casing, no accents)."""
    return (v.analyzer == "char_wb" and v.input == "content" and v.preprocessor is None
            and not v.lowercase and v.strip_accents is None)


def counts(v: HashingVectorizer, docs: list[str]) -> rows.SparseRows:
    """``ngrams.counts`` for a ``handles`` vectorizer."""
    words = [v.decode(doc).split() for doc in docs]
    distinct = dict.fromkeys(chain.from_iterable(words))  # first-seen order
    grams = [tokens.utf8(v._char_wb_ngrams(word)) for word in distinct]
    starts = rows.row_starts(map(len, grams), len(grams))
    columns = rows.hashed_columns(chain.from_iterable(grams), v.n_features, int(starts[-1]))
    position = dict(zip(distinct, count()))
    ids = np.fromiter(map(position.__getitem__, chain.from_iterable(words)), np.intp)
    gathered, lengths = _gather(columns, starts, ids)
    ends = np.concatenate(([0], np.cumsum(lengths)))
    return rows.column_counts(gathered, ends[rows.row_starts(map(len, words), len(words))], v.n_features)


def _gather(columns: np.ndarray, starts: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The column runs of words ``ids`` one after another (word ``i``'s run is
    ``columns[starts[i]:starts[i + 1]]``), and each run's length."""
    lengths = np.diff(starts)[ids]
    run_start = np.cumsum(lengths) - lengths  # where each run lands in the result
    picks = np.arange(int(lengths.sum())) + np.repeat(starts[ids] - run_start, lengths)
    return columns[picks], lengths
