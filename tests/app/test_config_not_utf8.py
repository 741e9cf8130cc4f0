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


@pytest.mark.parametrize("data, shadow, enabled", [
    (UTF16_SHADOW, True, True),
    ("shadow: true\n".encode("utf-16-be"), False, True),  # no byte order mark: nothing to go by
    ("enabled: off\n".encode("utf-32"), False, False),
    ("shadow: true\n".encode("utf-8") + LATIN1, True, True),  # the readable lines of a Latin-1 file
])
def test_a_wide_files_safe_side_lines_are_still_found(data, shadow, enabled):
    loaded = cfg.build([(".github/sieve.yml", data)])
    assert loaded.unreadable and (loaded.config.shadow, loaded.config.enabled) == (shadow, enabled)


@pytest.mark.parametrize("data", [LATIN1, UTF16_SHADOW])
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


def test_a_pr_template_that_is_not_utf8_is_still_read_as_far_as_it_can_be():
    gh = FakeGitHub()
    gh.files[("acme/widgets", ".github/pull_request_template.md")] = "## R\xe9sum\xe9\n".encode("latin-1")
    assert prtemplate.find(gh, "acme/widgets", "") == "## R\ufffdsum\ufffd\n"
