"""The AI vocabulary is kept out of the text blocks when the featurizer is asked to, and only there."""

from __future__ import annotations

import numpy as np

from bot.model import aiwords
from bot.model.estimator import SnapshotFeaturizer
from bot.snapshot import Commit, PRSnapshot


def test_masked_removes_whole_words_in_any_case_and_nothing_else():
    text = "Add AI agent via Claude Code; jaeger-agent, user_agent, GPT-4o, Copilot's, agents, cursor."
    assert aiwords.masked(text) == "Add   via  Code; jaeger-, user_agent, , 's, , ."
    assert aiwords.masked("maintain the chain, detail the said paint") == "maintain the chain, detail the said paint"


def _pr(title: str, body: str) -> PRSnapshot:
    return PRSnapshot(title=title, body=body, commits=(Commit(message=title),))


def _parts(masked: bool, snapshot: PRSnapshot):
    feats = SnapshotFeaturizer(word_features=2**10, char_features=2**10, full_word_features=2**10,
                               ai_words_masked=masked)
    numeric, blocks = feats._parts([snapshot])
    return numeric, [b.tocsr().toarray() for b in blocks]


def test_the_text_blocks_no_longer_tell_an_agent_component_from_none():
    with_word = _pr("[agent] Add metrics", "Adds metrics to the agent package.")
    without = _pr("[] Add metrics", "Adds metrics to the  package.")
    for masked, same in ((True, True), (False, False)):
        a, b = _parts(masked, with_word)[1], _parts(masked, without)[1]
        assert all(np.array_equal(x, y) for x, y in zip(a, b)) is same


def test_structural_numbers_still_read_the_whole_text():
    snapshot = _pr("[agent] Add metrics", "Adds metrics to the agent package.")
    assert np.array_equal(_parts(True, snapshot)[0], _parts(False, snapshot)[0])


def test_models_saved_before_the_parameter_read_every_word():
    legacy = SnapshotFeaturizer.__new__(SnapshotFeaturizer)
    assert legacy.ai_words_masked is False
