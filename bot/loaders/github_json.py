"""Snapshots from GitHub REST responses.

``snapshot_from_github`` maps the JSON of ``pulls/get``, ``pulls/list-files`` and
``pulls/list-commits`` (plain dicts: ``requests`` JSON or PyGithub's ``raw_data``) to a
``PRSnapshot``. ``load_bundle`` reads the same three responses saved in one file::

    {"pull": {...}, "files": [...], "commits": [...], "pr_template": "...", "labels": [...]}

A bare ``pulls/get`` response is read as a bundle with only its ``pull``.

Identity fields (login, association, bot flag, branch) are kept: this is the live path,
where the policy layer needs them. The classifier's own inputs are chosen by the scorer.
"""

from __future__ import annotations

import json
from pathlib import Path

from bot.loaders import LoadError, count_or_none
from bot.snapshot import Commit, FileChange, PRSnapshot


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _dict(value, where: str) -> dict:
    if not isinstance(value, dict):
        raise LoadError(f"{where} is not a JSON object")
    return value


def _list(value, where: str) -> list:
    if not isinstance(value, list):
        raise LoadError(f"{where} is not a JSON array")
    return value


def _file_change(item, where: str) -> FileChange:
    item = _dict(item, where)
    if not isinstance(item.get("filename"), str):
        raise LoadError(f"{where} has no string 'filename'")
    return FileChange(
        path=item["filename"], status=_text(item.get("status")) or "modified",
        additions=count_or_none(item.get("additions")) or 0,
        deletions=count_or_none(item.get("deletions")) or 0,
        patch=item.get("patch") if isinstance(item.get("patch"), str) else None,
        previous_filename=_text(item.get("previous_filename")) or None,
    )


def _commit(item, where: str) -> Commit:
    inner = _dict(_dict(item, where).get("commit"), f"{where}.commit")
    if not isinstance(inner.get("message"), str):
        raise LoadError(f"{where}.commit has no string 'message'")
    author = inner.get("author") if isinstance(inner.get("author"), dict) else {}
    return Commit(message=inner["message"], author_name=_text(author.get("name")),
                  author_email=_text(author.get("email")))


def _label_names(labels, where: str) -> tuple[str, ...]:
    names = []
    for i, label in enumerate(_list(labels or [], where)):
        name = label.get("name") if isinstance(label, dict) else label
        if not isinstance(name, str):
            raise LoadError(f"{where}[{i}] has no label name")
        names.append(name)
    return tuple(names)


def snapshot_from_github(pull: dict, files: list, commits: list, pr_template: str | None = None,
                         *, labels: list | None = None) -> PRSnapshot:
    """Build a snapshot from ``pulls/get`` + ``pulls/list-files`` + ``pulls/list-commits``.

    ``labels`` (names or label objects) overrides ``pull["labels"]`` when given, e.g. when the
    caller fetched the issue's current labels after the PR payload was taken.
    """
    pull = _dict(pull, "pull")
    if not isinstance(pull.get("title"), str):
        raise LoadError("pull has no string 'title'")
    user = pull.get("user") if isinstance(pull.get("user"), dict) else {}
    head = pull.get("head") if isinstance(pull.get("head"), dict) else {}
    base_repo = (pull.get("base") or {}).get("repo") if isinstance(pull.get("base"), dict) else None
    changes = tuple(_file_change(f, f"files[{i}]") for i, f in enumerate(_list(files, "files")))
    history = tuple(_commit(c, f"commits[{i}]") for i, c in enumerate(_list(commits, "commits")))
    return PRSnapshot(
        title=pull["title"], body=_text(pull.get("body")),
        author_login=_text(user.get("login")),
        author_association=_text(pull.get("author_association")),
        author_is_bot=user.get("type") == "Bot",
        head_branch=_text(head.get("ref")), head_sha=_text(head.get("sha")),
        commits=history, files=changes,
        files_changed=count_or_none(pull.get("changed_files")),
        additions=count_or_none(pull.get("additions")),
        deletions=count_or_none(pull.get("deletions")),
        pr_template=pr_template if isinstance(pr_template, str) else None,
        labels=_label_names(pull.get("labels") if labels is None else labels, "labels"),
        repo=_text(base_repo.get("full_name")) if isinstance(base_repo, dict) else "",
        number=count_or_none(pull.get("number")),
        draft=pull.get("draft") is True,
        state="closed" if pull.get("state") == "closed" else "open",
        notes=_truncation_notes(pull, changes, history),
    )


def _truncation_notes(pull: dict, files: tuple, commits: tuple) -> tuple[str, ...]:
    notes = []
    total_files = count_or_none(pull.get("changed_files"))
    total_commits = count_or_none(pull.get("commits"))
    if total_files is not None and total_files > len(files):
        notes.append(f"files listed: {len(files)} of {total_files}")
    if total_commits is not None and total_commits > len(commits):
        notes.append(f"commits listed: {len(commits)} of {total_commits}")
    return tuple(notes)


def load_bundle(path: Path | str) -> PRSnapshot:
    """Read a saved REST bundle file; any problem raises ``LoadError`` naming the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # a BOM, as Windows editors save it, is skipped
    except OSError as exc:
        raise LoadError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise LoadError(f"{path}: not valid JSON ({exc})") from exc
    return bundle_from_text(text, str(path))


def bundle_from_text(text: str, name: str) -> PRSnapshot:
    """A bundle (or a bare ``pulls/get`` response) given as JSON text; errors name ``name``."""
    try:
        bundle = json.loads(text)
    except ValueError as exc:  # JSONDecodeError, or a number of more than 4,300 digits
        raise LoadError(f"{name}: not valid JSON ({exc})") from exc
    except RecursionError:
        raise LoadError(f"{name}: not valid JSON (nested too deeply)") from None
    try:
        return snapshot_from_bundle(_dict(bundle, "bundle"))
    except LoadError as exc:
        raise LoadError(f"{name}: {exc}") from exc


def snapshot_from_bundle(bundle: dict) -> PRSnapshot:
    """``{"pull", "files", "commits", "pr_template", "labels"}``, or a bare ``pulls/get`` response
    as ``gh api repos/OWNER/REPO/pulls/N`` prints it (no file list or commits: the snapshot's notes
    say how many GitHub counted, and the score reads it as a PR without files)."""
    if "pull" not in bundle:
        if not _bare_pull(bundle):
            raise LoadError("bundle has no 'pull' object (nor is it a pulls/get response)")
        bundle = {"pull": bundle}
    template = bundle.get("pr_template")
    if template is not None and not isinstance(template, str):
        raise LoadError("'pr_template' is not a string")
    return snapshot_from_github(bundle["pull"], bundle.get("files") or [], bundle.get("commits") or [],
                                template, labels=bundle.get("labels"))


def is_bundle(value: dict) -> bool:
    """A REST bundle or a bare ``pulls/get`` response (not a ``../shared/data`` record)."""
    return isinstance(value.get("pull"), dict) or _bare_pull(value)


def _bare_pull(value: dict) -> bool:
    return isinstance(value.get("title"), str) and isinstance(value.get("head"), dict) and "number" in value
