"""The labels, the sticky comment and the check run a plan leaves never contradict each other:
a comment saying "no longer flagged" under a band label, "reviewed by a maintainer" beside a
band label the bot keeps, or "could use a closer look" on a PR the check calls cleared. Every
combination of band, named evidence, the label and comment switches, an existing sticky, an
override and the labels on the PR (the twenty-fourth session's reviews found three such
contradictions one at a time)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.app import plan
from bot.app.actions import AddLabels, CheckRun, RemoveLabel, UpsertComment
from bot.app.config import build
from bot.result import SignalHit

from .conftest import result_for
from .test_plan import EXEMPT, HIGH, MEDIUM, STICKY, facts, of, override

BANDS = {HIGH.lower(), MEDIUM.lower()}
NAMED = (SignalHit("issue_link_only", 0.7, "only 'Fixes #1'"),)


def _after(labels: tuple[str, ...], actions) -> set[str]:
    now = {name.lower() for name in labels} - {a.label.lower() for a in of(actions, RemoveLabel)}
    return now | {name.lower() for a in of(actions, AddLabels) for name in a.labels}


@settings(max_examples=400, deadline=None)
@given(band=st.sampled_from(["low", "medium", "high"]), named=st.booleans(),
       labels_model_only=st.booleans(), comment_model_only=st.booleans(), sticky=st.booleans(),
       kind=st.sampled_from([None, "ok", "exempt", "label_removed", "label_added"]),
       fresh=st.booleans(), labels=st.lists(st.sampled_from([MEDIUM, HIGH, EXEMPT, "bug"]), unique=True))
def test_labels_comment_and_check_agree(band, named, labels_model_only, comment_model_only, sticky, kind,
                                         fresh, labels):
    config = build([("r", f"labels: {{model_only: {str(labels_model_only).lower()}}}\n"
                          f"comment: {{model_only: {str(comment_model_only).lower()}}}\n")]).config
    known = facts(labels=tuple(labels), sticky=STICKY if sticky else None,
                  override=override(kind) if kind else None, fresh_override=fresh and kind is not None)
    actions = plan.plan(result_for(band, signals=NAMED if named else ()), config, known)
    after = _after(tuple(labels), actions)
    state = next((a.view.context["state"] for a in of(actions, UpsertComment)), None)
    [check] = of(actions, CheckRun)
    cleared = plan.clearing_kind(config, known) is not None
    if state in ("cleared", "resolved"):  # "no longer flagged": nothing says otherwise
        assert not (after & BANDS) and check.title.context["state"] == "low"
    if state == "flagged":  # "could use a closer look": the check does not call it cleared or low
        assert not cleared and band in plan.FLAGGED and check.title.context["state"] == band
    if state == "labelled":  # "a maintainer labelled this PR": a band label is on it
        assert after & BANDS
    if state in ("overridden", "exempt"):  # "reviewed by a maintainer": the check says so too
        assert cleared and check.title.context["state"] not in plan.FLAGGED
    if cleared and known.fresh_override and kind not in ("label_removed", "label_added"):  # a clearance takes the bot's band labels off
        assert not (after & BANDS)
