"""``bot.model.tokens`` finds exactly the tokens scikit-learn's tokeniser finds for the two
patterns the featurizer uses, on any text and on real PR texts."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import HashingVectorizer

from bot.model import tokens, vectorizers

# word characters, the pattern's joiners and markdown marks, digits and superscripts, letters
# that fold specially, a combining mark, an apostrophe look-alike, emoji, unusual white space
TRICKY = st.text(alphabet=st.sampled_from(list("aZ09_ '-#*`>.,\t\n\u00b2\u00e9\u0130\u212a\u0301\u2019\u00a0\U0001f600")),
                 max_size=60)
PATTERNS = {"word": tokens.WORD_PATTERN, "plain": tokens.PLAIN_PATTERN}


def as_text(found: list[bytes]) -> list[str]:
    return [t.decode("utf-8", "surrogatepass") for t in found]


def expected(pattern: str, text: str) -> list[str]:
    return HashingVectorizer(token_pattern=pattern).build_tokenizer()(text)


@pytest.mark.parametrize("name", sorted(PATTERNS))
@settings(max_examples=300, deadline=None)
@given(text=st.one_of(TRICKY, st.text(max_size=60)))
def test_same_tokens_as_scikit_learn(name, text):
    pattern = PATTERNS[name]
    assert as_text(tokens.tokenizer(pattern)(text)) == expected(pattern, text)


def test_the_featurizer_uses_these_patterns():
    assert vectorizers.words(8).token_pattern == tokens.WORD_PATTERN
    assert vectorizers.full_words(8).token_pattern == tokens.PLAIN_PATTERN


def test_tokens_come_out_utf8_encoded():
    assert tokens.word_tokens("don't re-run `make` -- ok-") == [b"don't", b"re-run", b"`", b"make", b"`", b"--", b"ok", b"-"]
    assert tokens.plain_tokens("a b2 c_d e-f") == [b"b2", b"c_d"]
    assert tokens.plain_tokens("café au lait") == ["café".encode(), b"au", b"lait"]
    assert tokens.word_tokens("café-au") == ["café-au".encode()]


@pytest.mark.parametrize("text", ["ok\ud83d fine", "\ud83dab", "a\ud800\udc00b \u2192x y\u00e9", "é", "é é2 x→y"])
def test_non_ascii_runs_split_as_the_pattern_splits_them(text):
    """Runs holding a non-ASCII character (lone surrogates too) are split by the pattern itself."""
    for pattern in PATTERNS.values():
        assert as_text(tokens.tokenizer(pattern)(text)) == expected(pattern, text)
    assert list(tokens.bigrams([b"a", b"b", b"c"])) == [b"a b", b"b c"]
    assert list(tokens.bigrams(["é", "b"])) == ["é b"] and list(tokens.bigrams([])) == []


def test_an_unknown_pattern_has_no_fast_tokenizer():
    assert tokens.tokenizer(r"\S+") is None


def test_same_tokens_on_real_pull_requests(shared):
    from bot.loaders.records import iter_records
    from bot.model.features import texts_of

    records = itertools.islice(iter_records(shared / "data/aidev_pop/aidev_pop_agent_prs.jsonl"), 300)
    docs = [texts_of(r.snapshot).all.lower() for r in records]
    assert any(not d.isascii() for d in docs) and any(d.isascii() for d in docs)  # both paths run
    for pattern in PATTERNS.values():
        fast = tokens.tokenizer(pattern)
        for doc in docs:
            assert as_text(fast(doc)) == re.findall(pattern, doc)
