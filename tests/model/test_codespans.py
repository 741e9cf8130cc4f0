"""Inline code spans are read as one placeholder by the text blocks when the featurizer is asked to."""

from __future__ import annotations

import numpy as np

from bot.model import codespans
from bot.model.estimator import SnapshotFeaturizer
from bot.snapshot import Commit, PRSnapshot


def test_each_inline_span_becomes_the_placeholder_and_prose_stays():
    text = "Tested with `go test ./internal/config/... -count=50` and vim's `backupcopy=auto`."
    assert codespans.masked(text) == "Tested with `codespan` and vim's `codespan`."
    assert codespans.masked("no code here") == "no code here"


def test_fenced_blocks_and_lone_backticks_are_left_as_written():
    fenced = "Output:\n```\n$ go test ./...\nok  example.org/app\n```\nDone, it's `half"
    assert codespans.masked(fenced) == fenced


def test_a_span_is_bounded_to_one_line_of_200_characters():
    assert codespans.masked("`" + "x" * 201 + "`") == "`" + "x" * 201 + "`"
    assert codespans.masked("`a\nb`") == "`a\nb`"


def _pr(title: str, body: str, message: str) -> PRSnapshot:
    return PRSnapshot(title=title, body=body, commits=(Commit(message=message),))


def _parts(masked: bool, snapshot: PRSnapshot):
    feats = SnapshotFeaturizer(word_features=2**10, char_features=2**10, full_word_features=2**10,
                               code_masked=masked)
    numeric, blocks = feats._parts([snapshot])
    return numeric, [b.tocsr().toarray() for b in blocks]


def test_the_text_blocks_no_longer_tell_one_projects_names_from_another():
    ours = _pr("Fix `Reload` race", "Run `go test ./internal/config/...` to see it.", "fix `Reload`")
    theirs = _pr("Fix `reload_all` race", "Run `pytest tests/unit -k cache` to see it.", "fix `reload_all`")
    for masked, same in ((True, True), (False, False)):
        a, b = _parts(masked, ours)[1], _parts(masked, theirs)[1]
        assert all(np.array_equal(x, y) for x, y in zip(a, b)) is same


def test_structural_numbers_still_read_the_whole_text():
    snapshot = _pr("Fix `Reload` race", "Run `go test ./internal/config/... -count=50`.", "fix")
    assert np.array_equal(_parts(True, snapshot)[0], _parts(False, snapshot)[0])


def test_models_saved_before_the_parameter_read_every_span():
    legacy = SnapshotFeaturizer.__new__(SnapshotFeaturizer)
    assert legacy.code_masked is False
