"""Fake endpoints: issue labels, repository labels, issue comments, check runs."""

from __future__ import annotations

import re

from bot.fakegithub import pull_shapes, shapes
from bot.fakegithub.router import ROUTER, Abort, Reply, Req, invalid, not_found
from bot.fakegithub.routes_repo import app_body, label_bodies, repo_state
from bot.fakegithub.state import CheckRunState, CommentState, FakeState, RepoState

route = ROUTER.route
_COLOR = re.compile(r"^[0-9a-fA-F]{6}$")


def _issue(repo: RepoState, req: Req) -> int:
    number = int(req.params["number"])
    if number not in repo.issues:
        raise Abort(not_found())
    return number


def _label_names(payload) -> list[str]:
    names = payload.get("labels") if isinstance(payload, dict) else payload
    if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
        raise Abort(invalid("Label", "labels", "invalid"))
    return names


def _add_issue_labels(repo: RepoState, number: int, names: list[str], actor: str) -> None:
    current = repo.issue_labels.setdefault(number, [])
    for name in names:
        meta = repo.labels.setdefault(name.lower(), {"name": name, "color": "ededed",
                                                     "description": None})
        if meta["name"].lower() not in (n.lower() for n in current):
            current.append(meta["name"])
            record_label_event(repo, number, "labeled", meta["name"], actor)


def record_label_event(repo: RepoState, number: int, event: str, name: str, actor: str) -> None:
    repo.label_events.setdefault(number, []).append((event, name, actor, shapes.now_iso()))


@route("GET", r"/repos/{repo}/issues/(?P<number>\d+)/labels")
def list_issue_labels(st: FakeState, base: str, req: Req) -> Reply:
    repo = repo_state(st, req)
    names = repo.issue_labels.get(_issue(repo, req), [])
    return Reply(200, label_bodies(base, repo, names), paginate=True)


@route("POST", r"/repos/{repo}/issues/(?P<number>\d+)/labels")
def add_issue_labels(st: FakeState, base: str, req: Req) -> Reply:
    repo = repo_state(st, req)
    number = _issue(repo, req)
    _add_issue_labels(repo, number, _label_names(req.json), st.bot_login)
    return Reply(200, label_bodies(base, repo, repo.issue_labels[number]))


@route("PUT", r"/repos/{repo}/issues/(?P<number>\d+)/labels")
def set_issue_labels(st: FakeState, base: str, req: Req) -> Reply:
    repo = repo_state(st, req)
    number = _issue(repo, req)
    names = _label_names(req.json)
    for name in repo.issue_labels.get(number, []):
        record_label_event(repo, number, "unlabeled", name, st.bot_login)
    repo.issue_labels[number] = []
    _add_issue_labels(repo, number, names, st.bot_login)
    return Reply(200, label_bodies(base, repo, repo.issue_labels[number]))


@route("DELETE", r"/repos/{repo}/issues/(?P<number>\d+)/labels/(?P<label>.+)")  # "/" may be unencoded
def remove_issue_label(st: FakeState, base: str, req: Req) -> Reply:
    repo = repo_state(st, req)
    number = _issue(repo, req)
    current = repo.issue_labels.get(number, [])
    kept = [n for n in current if n.lower() != req.params["label"].lower()]
    if len(kept) == len(current):
        raise Abort(not_found("Label does not exist"))
    repo.issue_labels[number] = kept
    for name in (n for n in current if n not in kept):
        record_label_event(repo, number, "unlabeled", name, st.bot_login)
    return Reply(200, label_bodies(base, repo, kept))


@route("GET", r"/repos/{repo}/issues/(?P<number>\d+)/events")
def list_issue_events(st: FakeState, base: str, req: Req) -> Reply:
    """Only the label changes of the issue's history (the kinds the fake knows), oldest first."""
    repo = repo_state(st, req)
    number = _issue(repo, req)
    found = [_label_event_body(base, repo, number, i, event) for i, event
             in enumerate(repo.label_events.get(number, []), 1)]
    return Reply(200, found, paginate=True)


def _label_event_body(base: str, repo: RepoState, number: int, index: int, event: tuple) -> dict:
    kind, name, login, at = event
    event_id = shapes.stable_id(f"{repo.full_name}#{number}/{index}")
    meta = repo.labels.get(name.lower(), {"color": "ededed"})
    user_type = "Bot" if login.endswith("[bot]") else "User"
    return {"id": event_id, "node_id": shapes.node_id("LabeledEvent", event_id),
            "url": f"{base}/repos/{repo.full_name}/issues/events/{event_id}",
            "actor": shapes.user(base, login, user_type=user_type), "event": kind,
            "commit_id": None, "commit_url": None, "created_at": at,
            "label": {"name": name, "color": meta["color"]}, "performed_via_github_app": None}


@route("GET", "/repos/{repo}/labels")
def list_repo_labels(st: FakeState, base: str, req: Req) -> Reply:
    repo = repo_state(st, req)
    return Reply(200, label_bodies(base, repo, [m["name"] for m in repo.labels.values()]),
                 paginate=True)


@route("POST", "/repos/{repo}/labels")
def create_repo_label(st: FakeState, base: str, req: Req) -> Reply:
    repo = repo_state(st, req)
    body = req.json if isinstance(req.json, dict) else {}
    name, color = body.get("name"), str(body.get("color", "ededed")).lstrip("#")
    if not isinstance(name, str) or not name:
        raise Abort(invalid("Label", "name", "missing_field"))
    if not _COLOR.match(color):
        raise Abort(invalid("Label", "color", "invalid"))
    if name.lower() in repo.labels:
        raise Abort(invalid("Label", "name", "already_exists"))
    repo.labels[name.lower()] = {"name": name, "color": color,
                                 "description": body.get("description")}
    return Reply(201, label_bodies(base, repo, [name])[0])


def comment_body(st: FakeState, base: str, c: CommentState) -> dict:
    author = shapes.user(base, c.login, user_type=c.user_type)
    body = shapes.issue_comment(base, c.repo, c.number, c.id, c.body, author, c.association,
                                c.created, c.updated)
    for _, _, content, _ in c.reactions:  # the rollup counts what is on the comment
        body["reactions"][content] += 1
        body["reactions"]["total_count"] += 1
    return body


def _comment(st: FakeState, repo: RepoState, req: Req) -> CommentState:
    found = st.comments.get(int(req.params["comment_id"]))
    if found is None or found.repo != repo.full_name:
        raise Abort(not_found())
    return found


def _comment_text(req: Req) -> str:
    body = req.json.get("body") if isinstance(req.json, dict) else None
    if not isinstance(body, str) or not body:
        raise Abort(invalid("IssueComment", "body", "missing_field"))
    return body


@route("GET", r"/repos/{repo}/issues/(?P<number>\d+)/comments")
def list_comments(st: FakeState, base: str, req: Req) -> Reply:
    repo = repo_state(st, req)
    number = _issue(repo, req)
    found = [comment_body(st, base, c) for c in st.comments.values()
             if c.repo == repo.full_name and c.number == number]
    return Reply(200, found, paginate=True)


@route("POST", r"/repos/{repo}/issues/(?P<number>\d+)/comments")
def create_comment(st: FakeState, base: str, req: Req) -> Reply:
    repo = repo_state(st, req)
    number = _issue(repo, req)
    now = shapes.now_iso()
    comment = CommentState(st.next_id(), repo.full_name, number, _comment_text(req),
                           st.bot_login, "Bot", "NONE", now, now)
    st.comments[comment.id] = comment
    return Reply(201, comment_body(st, base, comment))


@route("GET", r"/repos/{repo}/issues/comments/(?P<comment_id>\d+)")
def get_comment(st: FakeState, base: str, req: Req) -> Reply:
    return Reply(200, comment_body(st, base, _comment(st, repo_state(st, req), req)))


@route("PATCH", r"/repos/{repo}/issues/comments/(?P<comment_id>\d+)")
def update_comment(st: FakeState, base: str, req: Req) -> Reply:
    comment = _comment(st, repo_state(st, req), req)
    comment.body, comment.updated = _comment_text(req), shapes.now_iso()
    return Reply(200, comment_body(st, base, comment))


@route("DELETE", r"/repos/{repo}/issues/comments/(?P<comment_id>\d+)")
def delete_comment(st: FakeState, base: str, req: Req) -> Reply:
    comment = _comment(st, repo_state(st, req), req)
    del st.comments[comment.id]
    return Reply(204)


REACTIONS = ("+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes")  # reactions/create-*'s enum


def _reaction_body(base: str, reaction: tuple[int, str, str, str]) -> dict:
    """reactions/create-for-issue-comment's ``reaction``: id, node_id, user, content, created_at."""
    reaction_id, login, content, created = reaction
    user_type = "Bot" if login.endswith("[bot]") else "User"
    return {"id": reaction_id, "node_id": shapes.node_id("REA", reaction_id),
            "user": shapes.user(base, login, user_type=user_type), "content": content, "created_at": created}


@route("POST", r"/repos/{repo}/issues/comments/(?P<comment_id>\d+)/reactions")
def create_comment_reaction(st: FakeState, base: str, req: Req) -> Reply:
    """201 with the new reaction; 200 with the existing one when the caller already left this
    content on the comment (GitHub's "Reaction exists"); 422 for a content outside the enum."""
    comment = _comment(st, repo_state(st, req), req)
    content = req.json.get("content") if isinstance(req.json, dict) else None
    if content not in REACTIONS:
        raise Abort(invalid("Reaction", "content", "invalid"))
    mine = [r for r in comment.reactions if r[1] == st.bot_login and r[2] == content]
    if mine:
        return Reply(200, _reaction_body(base, mine[0]))
    reaction = (st.next_id(), st.bot_login, content, shapes.now_iso())
    comment.reactions.append(reaction)
    return Reply(201, _reaction_body(base, reaction))


def check_run_body(st: FakeState, base: str, run: CheckRunState) -> dict:
    app = app_body(st, base) | {"slug": run.app_slug, "id": run.app_id}
    return pull_shapes.check_run(base, run.repo, run.id, run.fields, app, run.started)


def _check_fields(current: dict, update) -> dict:
    if not isinstance(update, dict):
        raise Abort(invalid("CheckRun", "body", "invalid"))
    fields = current | update
    for key in ("name", "head_sha"):
        if not isinstance(fields.get(key), str) or not fields[key]:
            raise Abort(invalid("CheckRun", key, "missing_field"))
    _check_actions(fields.get("actions", []))
    if fields.get("status") == "completed" and not fields.get("conclusion"):
        raise Abort(invalid("CheckRun", "conclusion", "missing_field"))
    if fields.get("conclusion") and "status" not in update:
        fields["status"] = "completed"
    return fields


ACTION_LIMITS = {"label": 20, "description": 40, "identifier": 20}  # GitHub's, per button


def _check_actions(actions) -> None:
    """At most three buttons, each with a label, description and identifier within GitHub's limits."""
    if not isinstance(actions, list) or len(actions) > 3:
        raise Abort(invalid("CheckRun", "actions", "invalid"))
    for action in actions:
        for key, limit in ACTION_LIMITS.items():
            value = action.get(key) if isinstance(action, dict) else None
            if not isinstance(value, str) or not value or len(value) > limit:
                raise Abort(invalid("CheckRun", f"actions.{key}", "invalid"))


@route("POST", "/repos/{repo}/check-runs")
def create_check_run(st: FakeState, base: str, req: Req) -> Reply:
    repo = repo_state(st, req)
    run = CheckRunState(st.next_id(), repo.full_name, _check_fields({}, req.json),
                        shapes.now_iso(), st.app_slug, st.app_id)
    st.check_runs[run.id] = run
    return Reply(201, check_run_body(st, base, run))


def _check_run(st: FakeState, repo: RepoState, req: Req) -> CheckRunState:
    run = st.check_runs.get(int(req.params["run_id"]))
    if run is None or run.repo != repo.full_name:
        raise Abort(not_found())
    return run


@route("GET", r"/repos/{repo}/check-runs/(?P<run_id>\d+)")
def get_check_run(st: FakeState, base: str, req: Req) -> Reply:
    return Reply(200, check_run_body(st, base, _check_run(st, repo_state(st, req), req)))


@route("PATCH", r"/repos/{repo}/check-runs/(?P<run_id>\d+)")
def update_check_run(st: FakeState, base: str, req: Req) -> Reply:
    run = _check_run(st, repo_state(st, req), req)
    run.fields = _check_fields(run.fields, req.json)
    return Reply(200, check_run_body(st, base, run))


@route("GET", r"/repos/{repo}/commits/(?P<ref>[^/]+)/check-runs")
def list_check_runs_for_ref(st: FakeState, base: str, req: Req) -> Reply:
    repo = repo_state(st, req)
    runs = [r for r in st.check_runs.values()
            if r.repo == repo.full_name and r.fields["head_sha"] == req.params["ref"]
            and req.query.get("check_name", r.fields["name"]) == r.fields["name"]
            and req.query.get("app_id", str(r.app_id)) == str(r.app_id)]
    if req.query.get("filter", "latest") == "latest":
        latest = {r.fields["name"]: r for r in sorted(runs, key=lambda r: r.id)}
        runs = list(latest.values())
    runs.sort(key=lambda r: r.id, reverse=True)
    bodies = [check_run_body(st, base, r) for r in runs]
    return Reply(200, {"total_count": len(bodies), "check_runs": bodies})
