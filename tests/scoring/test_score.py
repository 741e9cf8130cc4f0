"""score(): bounded work, no network, stable output shape."""

from __future__ import annotations

import socket

import numpy as np

import pytest

from bot.scoring import ScoreConfig, batch_score, score, score_many
from bot.snapshot import Commit, FileChange, PRSnapshot

PR = PRSnapshot(title="Add retry to the exporter", body="Retries failed exports up to 3 times.",
                commits=(Commit("Add retry to the exporter"),),
                files=(FileChange("exporter/retry.go", additions=30), FileChange("exporter/retry_test.go", additions=40)))


def test_score_never_touches_the_network(shipped_model, monkeypatch):
    from bot import scoring

    scoring._model.cache_clear()  # force the model load inside the guarded block

    def refuse(*args, **kwargs):
        raise AssertionError("score() tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    result = score(PR, ScoreConfig(model_path=str(shipped_model)))
    assert 0 <= result.score <= 100 and result.model_version


def test_result_carries_evidence_and_version(shipped_model):
    result = score(PR, ScoreConfig(model_path=str(shipped_model)))
    assert result.band in ("low", "medium", "high")
    assert 0.0 <= result.probability <= 1.0 and 0.0 < result.confidence <= 1.0
    assert all(h.evidence for h in result.fired)
    assert result.to_dict()["model_version"] == result.model_version


def test_giant_pr_is_bounded_with_a_note(shipped_model):
    files = tuple(FileChange(f"pkg/f{i}.go", additions=1) for i in range(5000))
    giant = PR.with_changes(files=files, body="x " * 200_000)
    result = score(giant, ScoreConfig(model_path=str(shipped_model)))
    assert any("files" in n for n in result.notes) and any("characters" in n for n in result.notes)


def test_a_giant_commit_message_is_cut_with_a_note():
    from bot.scoring import MAX_TEXT, bound
    snapshot = PR.with_changes(commits=(Commit("fix: x\n\n" + "y" * (3 * MAX_TEXT)), Commit("short")))
    bounded, notes = bound(snapshot)
    assert [len(c.message) for c in bounded.commits] == [MAX_TEXT, 5]
    assert f"scored the first {MAX_TEXT} characters of 1 long commit message(s)" in notes
    assert bound(PR) == (PR, PR.notes)  # an ordinary PR is not touched


def test_attribution_does_not_move_the_score(shipped_model):
    config = ScoreConfig(model_path=str(shipped_model))
    marked = PR.with_changes(body=PR.body + "\n\nCo-Authored-By: Claude <noreply@anthropic.com>")
    plain, with_marker = score_many([PR, marked], config)
    assert any(h.name == "ai_attribution" for h in with_marker.fired)
    assert with_marker.probability == pytest.approx(plain.probability)
    assert with_marker.score == plain.score and with_marker.band == plain.band
    assert any("not counted as low effort" in n for n in with_marker.notes)


def test_commit_trailers_do_not_move_the_score(shipped_model):
    """The training data's commit messages carry no ``*-by:`` or "Generated with" lines (they were
    stripped with the same rule); a GitHub commit does, and the model's commit numbers must not
    read them: not an agent's trailer, not a DCO sign-off."""
    from dataclasses import replace

    config = ScoreConfig(model_path=str(shipped_model))
    pr = PR.with_changes(commits=(Commit("parser: reject empty keys"), Commit("add a test for empty keys")))
    trailers = ("\n\nCo-Authored-By: Claude <noreply@anthropic.com>", "\n\nSigned-off-by: Ana Rivera <ana@example.org>",
                "\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)")
    for trailer in trailers:
        marked = pr.with_changes(commits=tuple(replace(c, message=c.message + trailer) for c in pr.commits))
        plain, with_trailer = score_many([pr, marked], config)
        assert with_trailer.probability == pytest.approx(plain.probability, abs=1e-12), trailer
        assert batch_score([marked], model_path=str(shipped_model))[0] == pytest.approx(
            batch_score([pr], model_path=str(shipped_model))[0], abs=1e-12)


def test_as_written_leaves_a_commit_without_attribution_exactly_as_it_is():
    from bot.written import as_written, without_attribution_lines

    kept = Commit("fix: parser\n\nThe signed-off part is prose, not a trailer.\n", "Ana", "ana@example.org")
    assert without_attribution_lines(kept) is kept
    pr = PRSnapshot(title="Fix parser", commits=(kept,))
    assert as_written(pr) is pr
    marked = Commit("fix: parser\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", "Ana", "ana@example.org")
    assert without_attribution_lines(marked) == Commit("fix: parser", "Ana", "ana@example.org")


def test_batch_score_matches_score_many_without_markers(shipped_model):
    snaps = [PR, PR.with_changes(title="Update README.md", files=(FileChange("README.md", additions=2),))]
    probs = batch_score(snaps, model_path=str(shipped_model))
    results = score_many(snaps, ScoreConfig(model_path=str(shipped_model)))
    assert probs == pytest.approx([r.probability for r in results])


def test_sieve_eval_as_scored_gives_score_s_probabilities_and_the_protocol_reads_markers(shipped_model):
    from bot.cli.evaluate import load_scorer

    marked = PR.with_changes(body=PR.body + "\n\nCo-Authored-By: Claude <noreply@anthropic.com>")
    as_scored = load_scorer(shipped_model, as_scored=True)([PR, marked])
    results = score_many([PR, marked], ScoreConfig(model_path=str(shipped_model)))
    assert list(as_scored) == pytest.approx([r.probability for r in results], abs=1e-12)
    assert as_scored[0] == pytest.approx(as_scored[1], abs=1e-12)  # the marker changes nothing
    protocol = load_scorer(shipped_model)([PR, marked])
    assert protocol[1] != pytest.approx(protocol[0], abs=1e-6)  # batch_score lets the classifier read it


def test_empty_batch():
    assert batch_score([]).shape == (0,)


def test_importing_the_scorer_loads_no_model():
    import subprocess
    import sys

    code = "import bot.scoring as s; print(s._model.cache_info().currsize)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


def test_any_snapshot_scores_within_bounds(shipped_model):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    text = st.text(max_size=400)
    files = st.lists(st.builds(FileChange, path=st.text(min_size=1, max_size=40),
                               additions=st.integers(0, 10**6), deletions=st.integers(0, 10**6),
                               patch=st.none() | st.text(max_size=200)), max_size=5)
    snaps = st.builds(PRSnapshot, title=text, body=text,
                      commits=st.lists(st.builds(Commit, message=text), max_size=3).map(tuple),
                      files=files.map(tuple))
    config = ScoreConfig(model_path=str(shipped_model))

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(snaps)
    def check(snapshot):
        result = score(snapshot, config)
        assert 0 <= result.score <= 100 and result.band in ("low", "medium", "high")
        assert 0.0 <= result.probability <= 1.0

    check()



def test_the_shown_score_agrees_with_the_band():
    from types import SimpleNamespace

    from bot.scoring import _result

    model = SimpleNamespace(metadata={"band_probability_thresholds": {"medium": 0.4, "high": 0.6}},
                            version="test")
    config = ScoreConfig()
    pr = PRSnapshot(title="Refactor the loader", body="A description long enough to count. " * 5)
    for p in np.linspace(0, 1, 2001):
        result = _result(pr, (), (), float(p), model, config)
        assert (result.score >= config.medium) == (result.band != "low"), p


TEMPLATE = ("<!-- Thanks for the PR! Read CONTRIBUTING.md first. -->\n\n#### What type of PR is this?\n\n"
            "#### What this PR does / why we need it:\n\n#### Which issue(s) this PR is related to:\n\n"
            "#### Special notes for your reviewer:\n\n#### Does this PR introduce a user-facing change?\n"
            "```release-note\n\n```\n")
FILLED = TEMPLATE.replace("why we need it:\n", "why we need it:\nRetries failed exports up to 3 times.\n").replace(
    "```release-note\n\n```", "```release-note\nNONE\n```").replace("is this?\n", "is this?\n/kind feature\n")


def test_the_model_reads_a_known_templates_lines_as_written(shipped_model):
    """As training read every row: a known template's lines are not removed before the model
    reads the description (removing them left a shape no training row had; models/HISTORY.md,
    twenty-fifth session). Its HTML comments and bot commands go, template or not."""
    from dataclasses import replace

    config = ScoreConfig(model_path=str(shipped_model))
    known = score(replace(PR, body=FILLED, pr_template=TEMPLATE), config)
    unknown = score(replace(PR, body=FILLED), config)
    assert known.probability == pytest.approx(unknown.probability, abs=1e-12)
    assert batch_score([replace(PR, body=FILLED, pr_template=TEMPLATE)],
                       model_path=str(shipped_model))[0] == pytest.approx(unknown.probability, abs=1e-12)
    bare = FILLED.replace("<!-- Thanks for the PR! Read CONTRIBUTING.md first. -->\n\n", "").replace("/kind feature\n", "")
    assert score(replace(PR, body=bare), config).probability == pytest.approx(unknown.probability, abs=1e-12)


def test_bot_command_lines_are_not_read_as_the_description(shipped_model):
    from dataclasses import replace

    config = ScoreConfig(model_path=str(shipped_model))
    prose = "Retries failed exports up to 3 times, so a flaky bucket no longer loses a day's data."
    commands = "/kind bug\n/sig storage\n/area exporter\n/assign @jdoe\n/cc @alice @bob\n/ok-to-test\n/release-note-none"
    plain = score(replace(PR, body=prose), config)
    for body in (f"{prose}\n\n{commands}", f"{commands}\n{prose}"):
        assert score(replace(PR, body=body), config).probability == pytest.approx(plain.probability, abs=1e-12)
        batch = batch_score([replace(PR, body=body)], model_path=str(shipped_model))[0]
        assert batch == pytest.approx(plain.probability, abs=1e-12)
    mention = score(replace(PR, body=f"{prose}\nRun /test locally before /approve."), config)
    assert mention.probability != pytest.approx(plain.probability, abs=1e-9)  # prose that names a command stays


def test_only_whole_command_lines_for_bots_are_left_out():
    from bot.written import without_bot_commands

    body = ("Fix the parser.\n/kind bug\n  /sig node\n/Assign @jdoe\n/cherry-pick release-1.30\n/sieve explain\n"
            "/tests/parser_test.go is new\n/testing notes\n/usr/bin/env is unchanged\n    /kind code block\n")
    assert without_bot_commands(body) == ("Fix the parser.\n/tests/parser_test.go is new\n/testing notes\n"
                                          "/usr/bin/env is unchanged\n    /kind code block\n")
    assert without_bot_commands("No commands at all.") == "No commands at all."


def test_the_classifier_does_not_read_a_disclosure_sentence(shipped_model):
    from dataclasses import replace

    config = ScoreConfig(model_path=str(shipped_model))
    pr = PRSnapshot(title="Name the file in config load errors",
                    body="`Load` returned the raw yaml error, so a typo surfaced without a file name.")
    disclosed = replace(pr, body=pr.body + " I used Claude Code to draft the tests and reviewed each case.")
    assert score(disclosed, config).probability == pytest.approx(score(pr, config).probability, abs=1e-12)
    assert batch_score([disclosed], model_path=str(shipped_model))[0] == pytest.approx(
        score(pr, config).probability, abs=1e-12)
    assert any(h.name == "ai_disclosure" for h in score(disclosed, config).fired)  # the signal still says so


def test_batch_score_in_chunks_gives_each_pr_its_own_probability(shipped_model):
    from dataclasses import replace

    from bot import scoring

    prs = [replace(PR, title=f"Fix the parser case {i}", body=("A description of the fix. " * (i % 7))
                   + (" I used Claude Code to draft it." if i % 5 == 0 else "")) for i in range(scoring.BATCH_CHUNK * 2 + 3)]
    batch = batch_score(prs, model_path=str(shipped_model))
    assert len(batch) == len(prs)
    for i in (0, 1, scoring.BATCH_CHUNK - 1, scoring.BATCH_CHUNK, len(prs) - 1):
        alone = batch_score([prs[i]], model_path=str(shipped_model))[0]
        assert batch[i] == pytest.approx(alone, abs=1e-12)


def test_half_an_emoji_in_the_title_is_scored_not_a_crash(shipped_model):
    # GitHub's JSON can carry a lone surrogate (a title cut inside an emoji's surrogate pair)
    result = score(PRSnapshot(title="Fix \ud83d parser", body="Fixes the parser.",
                              files=(FileChange("a.py", additions=1),)))
    assert 0 <= result.score <= 100 and result.band in ("low", "medium", "high")
