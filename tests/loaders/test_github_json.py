import copy
import json

import pytest

from bot.loaders import LoadError
from bot.loaders.github_json import load_bundle, snapshot_from_github
from bot.model import features


@pytest.fixture
def rest(rest_examples):
    return {k: copy.deepcopy(rest_examples[k])
            for k in ("pulls/get", "pulls/list-files", "pulls/list-commits")}


def _snapshot(rest, **kw):
    return snapshot_from_github(rest["pulls/get"], rest["pulls/list-files"],
                                rest["pulls/list-commits"], **kw)


def test_maps_githubs_example_responses(rest):
    snap = _snapshot(rest, pr_template="## What")
    pull = rest["pulls/get"]
    assert snap.title == "Amazing new feature"
    assert snap.body == "Please pull these awesome changes in!"
    assert (snap.author_login, snap.author_association, snap.author_is_bot) == ("octocat", "OWNER", False)
    assert (snap.head_branch, snap.head_sha) == ("new-topic", pull["head"]["sha"])
    assert (snap.repo, snap.number, snap.draft) == ("octocat/Hello-World", 1347, False)
    assert snap.labels == ("bug",)
    assert (snap.additions, snap.deletions, snap.files_changed) == (100, 3, 5)
    assert snap.pr_template == "## What"
    [change] = snap.files
    assert (change.path, change.status, change.additions, change.deletions) == ("file1.txt", "added", 103, 21)
    assert change.patch.startswith("@@ -132,7")
    [commit] = snap.commits
    assert (commit.message, commit.author_name, commit.author_email) == (
        "Fix all the bugs", "Monalisa Octocat", "support@github.com")
    # the example PR says 5 changed files and 3 commits but lists 1 of each
    assert "files listed: 1 of 5" in snap.notes and "commits listed: 1 of 3" in snap.notes


def test_a_renamed_file_keeps_its_previous_filename(rest):
    [entry] = rest["pulls/list-files"]
    entry.update(filename="docs/guide.md", status="renamed", previous_filename="guide.md")
    [change] = _snapshot(rest).files
    assert (change.path, change.status, change.previous_filename) == ("docs/guide.md", "renamed", "guide.md")
    entry.pop("previous_filename")
    assert _snapshot(rest).files[0].previous_filename is None


def test_null_body_bot_author_and_draft(rest):
    rest["pulls/get"].update(body=None, draft=True)
    rest["pulls/get"]["user"].update(login="copilot-swe-agent[bot]", type="Bot")
    snap = _snapshot(rest)
    assert snap.body == "" and snap.draft is True
    assert snap.author_is_bot is True and snap.author_login == "copilot-swe-agent[bot]"


def test_state_is_open_unless_github_says_closed(rest):
    assert _snapshot(rest).state == "open"
    rest["pulls/get"].update(state="closed", merged=True)
    closed = _snapshot(rest)
    assert closed.state == "closed" and closed != closed.with_changes(state="open")
    # only the App reads it: the classifier's inputs are those of the same PR while open
    assert features.structural_vector(closed) == features.structural_vector(closed.with_changes(state="open"))
    assert features.texts_of(closed) == features.texts_of(closed.with_changes(state="open"))


def test_labels_argument_overrides_pull_labels(rest):
    snap = _snapshot(rest, labels=["needs-review", {"name": "ai-low-effort"}])
    assert snap.labels == ("needs-review", "ai-low-effort")


def test_load_bundle(tmp_path, rest):
    path = tmp_path / "pr.json"
    path.write_text(json.dumps({"pull": rest["pulls/get"], "files": rest["pulls/list-files"],
                                "commits": rest["pulls/list-commits"], "pr_template": "tmpl",
                                "labels": ["x"]}))
    snap = load_bundle(path)
    assert (snap.title, snap.pr_template, snap.labels, len(snap.files)) == (
        "Amazing new feature", "tmpl", ("x",), 1)


@pytest.mark.parametrize("breakage, where", [
    (lambda r: r["pulls/list-files"][0].pop("filename"), "files[0]"),
    (lambda r: r["pulls/list-commits"].append({"sha": "abc"}), "commits[1].commit"),
    (lambda r: r["pulls/get"].pop("title"), "pull has no string 'title'"),
    (lambda r: r["pulls/get"].update(labels=[{"id": 3}]), "labels[0]"),
])
def test_malformed_responses_name_the_record(rest, breakage, where):
    breakage(rest)
    with pytest.raises(LoadError, match=where.replace("[", r"\[").replace("]", r"\]")):
        _snapshot(rest)


def test_bundle_errors_name_the_file(tmp_path):
    bad_json = tmp_path / "broken.json"
    bad_json.write_text("{not json")
    with pytest.raises(LoadError, match="broken.json: not valid JSON"):
        load_bundle(bad_json)
    no_pull = tmp_path / "nopull.json"
    no_pull.write_text(json.dumps({"files": []}))
    with pytest.raises(LoadError, match="nopull.json: bundle has no 'pull'"):
        load_bundle(no_pull)
    with pytest.raises(LoadError, match="missing.json: cannot read"):
        load_bundle(tmp_path / "missing.json")
    assert str(LoadError("x")).count("\n") == 0


def test_a_bare_pulls_get_response_loads_as_a_bundle_without_files(tmp_path, rest):
    path = tmp_path / "pull.json"
    path.write_text(json.dumps(rest["pulls/get"]))
    snap = load_bundle(path)
    assert (snap.title, snap.files, snap.commits) == ("Amazing new feature", (), ())
    assert snap.notes == (f"files listed: 0 of {rest['pulls/get']['changed_files']}",
                          f"commits listed: 0 of {rest['pulls/get']['commits']}")
    not_a_pull = tmp_path / "issue.json"
    not_a_pull.write_text(json.dumps({"title": "an issue", "number": 3}))
    with pytest.raises(LoadError, match="issue.json: bundle has no 'pull' object"):
        load_bundle(not_a_pull)


def test_a_bundle_saved_with_a_utf8_bom_loads(tmp_path, rest):
    path = tmp_path / "pr.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"pull": rest["pulls/get"]}).encode())
    assert load_bundle(path).title == "Amazing new feature"


def test_a_deeply_nested_bundle_is_a_clear_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"pull": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(LoadError, match="deep.json: not valid JSON"):
        load_bundle(path)


def test_negative_or_absurd_counts_are_read_as_unknown(rest):
    rest["pulls/get"].update(additions=-5, deletions=10**400, changed_files=-1)
    rest["pulls/list-files"][0].update(additions=-3, deletions=10**400)
    snap = _snapshot(rest)
    assert (snap.additions, snap.deletions, snap.files_changed) == (None, None, None)
    assert (snap.files[0].additions, snap.files[0].deletions) == (0, 0)


def test_jsonl_lines_may_be_rest_bundles_or_bare_pulls(tmp_path, rest):
    """An export made with ``gh api`` (a bundle or a bare pulls/get per line, a label beside it)
    reads like a ../shared record: the identity that carries labels in evaluation is dropped."""
    from bot.loaders.records import iter_records

    bundle = {"pull": rest["pulls/get"], "files": rest["pulls/list-files"],
              "commits": rest["pulls/list-commits"], "label": "ai_agent"}
    bare = dict(rest["pulls/get"], label="human")
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps(bundle) + "\n" + json.dumps(bare) + "\n")
    first, second = list(iter_records(path))
    assert first.snapshot.title == "Amazing new feature" and first.raw["label"] == "ai_agent"
    assert first.snapshot.files[0].patch.startswith("@@ -132,7")
    assert first.snapshot.commits[0].message == "Fix all the bugs"
    assert (first.snapshot.author_login, first.snapshot.head_branch, first.snapshot.commits[0].author_email) == ("", "", "")
    assert second.snapshot.files == () and "files listed: 0 of 5" in second.snapshot.notes
    kept = next(iter_records(path, keep_identity=True))
    assert (kept.snapshot.author_login, kept.snapshot.head_branch) == ("octocat", "new-topic")


def test_eval_data_reads_bundles_with_their_repository_and_slices(tmp_path, rest):
    from bot.evaluation.datasets import data_file_sets

    lines = []
    for label, association in (("ai_agent", "NONE"), ("human", "FIRST_TIME_CONTRIBUTOR"), ("human", "MEMBER")):
        pull = dict(rest["pulls/get"], author_association=association, body="short")
        lines.append(json.dumps({"pull": pull, "files": rest["pulls/list-files"], "label": label}))
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n")
    examples = data_file_sets(path, on_note=lambda note: None)["agent_vs_human"]
    assert [e.y for e in examples] == [1, 0, 0]
    assert [e.meta["first_time"] for e in examples] == [False, True, False]
    assert {e.meta["repo"] for e in examples} == {"octocat/Hello-World"}
    assert all(e.meta["short_body"] for e in examples)


def test_a_number_too_long_to_read_is_a_load_error_naming_the_file(tmp_path):
    path = tmp_path / "huge.json"
    path.write_text('{"pull": {"title": "x", "additions": ' + "9" * 5000 + "}}")
    with pytest.raises(LoadError, match=r"huge\.json: not valid JSON \(Exceeds the limit"):
        load_bundle(path)
