"""A config file that is not UTF-8: one clear error naming the encoding, the same in the App and
in ``sieve check-config``; a UTF-16 or UTF-32 file's ``shadow: true`` is still found (review of
config loading)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bot.app import config as cfg
from bot.app import dispatch, prtemplate
from bot.cli import build_app
from bot.snapshot import Commit, FileChange, PRSnapshot

from .fakes import FakeGitHub

REPO = "Codertocat/Hello-World"
SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821"
LATIN1 = 'labels:\n  medium:\n    name: "revue/\xe9tendue"\n'.encode("latin-1")
UTF16_SHADOW = "shadow: true\r\nthresholds: {high: 90}\r\n".encode("utf-16")  # Notepad's "Unicode"


@pytest.mark.parametrize("data, says", [
    (LATIN1, "not UTF-8 text (byte 0xe9 at line 3): save the file as UTF-8"),
    (UTF16_SHADOW, "the file is UTF-16 text, not UTF-8: save the file as UTF-8"),
    ("enabled: false\n".encode("utf-32"), "the file is UTF-32 text, not UTF-8: save the file as UTF-8"),
])
def test_a_file_that_is_not_utf8_is_one_error_naming_the_encoding(data, says):
    gh = FakeGitHub()
    gh.files[("acme/widgets", ".github/sieve.yml")] = data
    loaded = cfg.load(gh, "acme/widgets")
    assert loaded.error == f".github/sieve.yml: {says}" and loaded.unreadable
    assert loaded.config.labels.medium.name == "sieve/needs-review"  # never "revue/\ufffdtendue"


UNMARKED = "shadow: true\r\nthresholds: {high: 90}\r\n"  # saved as UTF-16 or UTF-32 without a byte order mark


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_a_wide_file_without_a_byte_order_mark_is_named_as_one(encoding):
    """Its NUL bytes are valid UTF-8, so it was read as text and called invalid YAML ("special
    characters are not allowed (#x0000)"), and its ``shadow: true`` was not found."""
    gh = FakeGitHub()
    gh.files[("acme/widgets", ".github/sieve.yml")] = UNMARKED.encode(encoding)
    loaded = cfg.load(gh, "acme/widgets")
    assert loaded.error == f".github/sieve.yml: the file is {encoding.upper()} text, not UTF-8: save the file as UTF-8"
    assert loaded.unreadable and loaded.config.shadow


@pytest.mark.parametrize("text, says", [
    ("shadow: true\n\x00\n", "invalid YAML at line 2, column 1: special characters are not allowed (#x0000)"),
    ("labels: {medium: {name: \"r\u00e9vue\u4e00\"}}\n", None),  # UTF-8, no NUL: read as it is
])
def test_a_utf8_file_is_not_taken_for_a_wide_one(text, says):
    gh = FakeGitHub()
    gh.files[("acme/widgets", ".github/sieve.yml")] = text.encode("utf-8")
    loaded = cfg.load(gh, "acme/widgets")
    assert loaded.error == (f".github/sieve.yml: {says}" if says else None)


@pytest.mark.parametrize("data, shadow, enabled", [
    (UTF16_SHADOW, True, True),
    ("shadow: true\n".encode("utf-16-be"), True, True),  # no byte order mark: told by its NUL bytes
    ("enabled: off\n".encode("utf-32"), False, False),
    ("shadow: true\n".encode("utf-8") + LATIN1, True, True),  # the readable lines of a Latin-1 file
])
def test_a_wide_files_safe_side_lines_are_still_found(data, shadow, enabled):
    loaded = cfg.build([(".github/sieve.yml", data)])
    assert loaded.unreadable and (loaded.config.shadow, loaded.config.enabled) == (shadow, enabled)


@pytest.mark.parametrize("data", [LATIN1, UTF16_SHADOW, "shadow: true\n".encode("utf-16-le")])
def test_check_config_says_what_the_app_says(tmp_path, data):
    """check-config exited 2 with "'utf-8' codec can't decode byte 0xe9" where the App used the
    mangled text (or, for UTF-16, called it invalid YAML)."""
    path = tmp_path / "sieve.yml"
    path.write_bytes(data)
    gh = FakeGitHub()
    gh.files[("acme/widgets", ".github/sieve.yml")] = data
    app_error = cfg.load(gh, "acme/widgets").error
    result = CliRunner().invoke(build_app(), ["check-config", str(path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"sieve check-config: {str(path)}{app_error.removeprefix('.github/sieve.yml')}"


def test_a_utf16_shadow_repository_writes_nothing(ctx, gh, scorer, payload):
    gh.add_pr(REPO, PRSnapshot(title="Update README", body="A change.", author_login="Codertocat",
                               author_association="OWNER", repo=REPO, number=2, head_sha=SHA,
                               files=(FileChange("README.md", additions=1),), commits=(Commit("Update"),)))
    gh.files[("Codertocat/.github", ".github/sieve.yml")] = "exempt: {associations: []}\n"
    gh.files[(REPO, ".github/sieve.yml")] = UTF16_SHADOW
    dispatch.handle("pull_request", payload("pull_request", "opened.payload.json"), ctx)
    assert gh.writes == []


def test_a_utf16_shadow_repository_without_a_byte_order_mark_writes_nothing(ctx, gh, scorer, payload):
    gh.add_pr(REPO, PRSnapshot(title="Update README", body="A change.", author_login="Codertocat",
                               author_association="OWNER", repo=REPO, number=2, head_sha=SHA,
                               files=(FileChange("README.md", additions=1),), commits=(Commit("Update"),)))
    gh.files[("Codertocat/.github", ".github/sieve.yml")] = "exempt: {associations: []}\n"
    gh.files[(REPO, ".github/sieve.yml")] = UNMARKED.encode("utf-16-le")
    dispatch.handle("pull_request", payload("pull_request", "opened.payload.json"), ctx)
    assert gh.writes == []


def test_a_broken_utf16_file_without_a_byte_order_mark_still_gets_the_failing_check(ctx, gh, scorer, payload):
    """Not in shadow mode: the PR is not lost, its check says what is wrong with the file."""
    gh.add_pr(REPO, PRSnapshot(title="Update README", body="A change.", author_login="Codertocat",
                               author_association="OWNER", repo=REPO, number=2, head_sha=SHA,
                               files=(FileChange("README.md", additions=1),), commits=(Commit("Update"),)))
    gh.files[(REPO, ".github/sieve.yml")] = "thresholds: {high: 90}\n".encode("utf-16-le")
    dispatch.handle("pull_request", payload("pull_request", "opened.payload.json"), ctx)
    [check] = gh.check_runs.values()
    assert check.conclusion == "failure" and r"UTF\-16\-LE text, not UTF\-8" in check.summary


def test_a_pr_template_that_is_not_utf8_is_still_read_as_far_as_it_can_be():
    gh = FakeGitHub()
    gh.files[("acme/widgets", ".github/pull_request_template.md")] = "## R\xe9sum\xe9\n".encode("latin-1")
    assert prtemplate.find(gh, "acme/widgets", "") == "## R\ufffdsum\ufffd\n"
