"""A config file the App cannot read at all still has its top-level ``enabled: false`` and
``shadow: true`` found, line by line, however the file was saved (review of config loading)."""

from __future__ import annotations

import pytest

from bot.app import config as cfg
from bot.app import dispatch

REPO = "Codertocat/Hello-World"
DUP = "thresholds: {high: 80}\nthresholds: {high: 90}\n"  # a duplicate key: the file cannot be read


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


SHADOW_FILES = [
    "shadow: true\n" + DUP,
    crlf("shadow: true\n" + DUP),  # saved on Windows
    "\ufeffshadow: true\n" + DUP,  # a byte order mark before the first line
    "shadow: yes\n" + DUP, "shadow: on\n" + DUP, "shadow: Yes  # trial\n" + DUP,  # YAML 1.1 booleans
    "shadow : true\n" + DUP,
]
OFF_FILES = [
    "enabled: false\n" + DUP, crlf("enabled: false\n" + DUP), "\ufeffenabled: false\n" + DUP,
    "enabled: no\n" + DUP, "enabled: off\n" + DUP, crlf("enabled: NO\n" + DUP),
]


@pytest.mark.parametrize("text", SHADOW_FILES)
def test_shadow_mode_is_found_in_an_unreadable_file(text):
    loaded = cfg.build([(".github/sieve.yml", text)])
    assert loaded.unreadable and loaded.config.shadow is True


@pytest.mark.parametrize("text", OFF_FILES)
def test_an_opt_out_is_found_in_an_unreadable_file(text):
    loaded = cfg.build([(".github/sieve.yml", text)])
    assert loaded.unreadable and loaded.config.enabled is False


@pytest.mark.parametrize("text", [
    "shadow: 'yes'\n" + DUP, "shadow: true please\n" + DUP, "  shadow: true\n" + DUP, "enabled: 'no'\n" + DUP,
    "enabled: nope\n" + DUP, "# shadow: true\n" + DUP,
])
def test_only_a_top_level_unquoted_boolean_counts(text):
    loaded = cfg.build([(".github/sieve.yml", text)])
    assert loaded.unreadable and (loaded.config.shadow, loaded.config.enabled) == (False, True)


@pytest.mark.parametrize("text", SHADOW_FILES[1:4])
def test_a_shadow_repository_whose_file_cannot_be_read_writes_nothing(ctx, gh, scorer, payload, scored_by_default,
                                                                      text):
    """A CRLF file, a BOM or ``shadow: yes`` wrote a failing check run (and command replies) in a
    repository that asked for shadow mode."""
    gh.files[(REPO, ".github/sieve.yml")] = text
    dispatch.handle("pull_request", payload("pull_request", "opened.payload.json"), ctx)
    assert gh.writes == []
