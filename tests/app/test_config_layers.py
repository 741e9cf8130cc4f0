"""The org and repo config files read together: the merged settings are what is checked, and a
broken file keeps only what it really asks for on the safe side (review of config loading)."""

from __future__ import annotations

import pytest

from bot.app import config as cfg

ORG = "acme/.github:.github/sieve.yml"
REPO = ".github/sieve.yml"


def both(org: str, repo: str) -> cfg.ConfigLoad:
    return cfg.build([(ORG, org), (REPO, repo)])


@pytest.mark.parametrize("org, repo", [
    ("thresholds: {high: 90}\n", "thresholds: {medium: 80}\n"),  # each alone is out of order over the defaults
    ("labels: {medium: {name: triage/ai}}\n", "labels: {high: {name: sieve/needs-review}}\n"),
])
def test_a_repository_file_valid_over_the_org_file_is_used(org, repo):
    """Each layer had to be valid alone over the built-in defaults: an org raising ``high`` and a
    repository raising ``medium`` had the whole repository file dropped."""
    loaded = both(org, repo)
    assert loaded.error is None and loaded.sources == (ORG, REPO)


def test_the_merged_thresholds_are_the_ones_in_force():
    config = both("thresholds: {high: 90}\n", "thresholds: {medium: 80}\n").config
    assert (config.thresholds.medium, config.thresholds.high) == (80, 90)


@pytest.mark.parametrize("org, repo, says", [
    ("thresholds: {high: 90}\n", "thresholds: {medium: 95}\n",
     f"thresholds.medium (95) must not be above thresholds.high (90, from {ORG})"),
    ("thresholds: {medium: 65}\n", "thresholds: {high: 60}\n",
     f"thresholds.medium (65, from {ORG}) must not be above thresholds.high (60)"),
    ("thresholds: {high: 90}\n", "thresholds: {medium: 80, high: 75}\n",
     "thresholds.medium (80) must not be above thresholds.high (75)"),  # the file's own 75: not "the default"
    ("shadow: true\n", "thresholds: {medium: 80}\n",
     "thresholds.medium (80) must not be above thresholds.high (75, the default)"),
])
def test_an_out_of_order_threshold_names_the_file_it_comes_from_not_the_default(org, repo, says):
    assert both(org, repo).error == f"{REPO}: thresholds: {says}"


NARROW_ORG = "exempt: {associations: [], bots: false, drafts: false}\n"  # the org scores everyone


@pytest.mark.parametrize("repo", ["exempt: {users: [bob]}\nfoo: 1\n", "exempt:\nfoo: 1\n"])
def test_a_broken_files_exemptions_add_only_what_it_lists(repo):
    """The exempt section's defaults were added too: a broken file listing only ``bob`` (or
    nothing) exempted members, collaborators, owners, bots and drafts again across the repository."""
    exempt = both(NARROW_ORG, repo).config.exempt
    assert (exempt.associations, exempt.bots, exempt.drafts) == ([], False, False)
    assert exempt.users == (["bob"] if "bob" in repo else [])


def test_a_broken_files_exempt_flags_still_apply_when_it_sets_them():
    exempt = both(NARROW_ORG, "exempt: {bots: true, associations: [OWNER]}\nfoo: 1\n").config.exempt
    assert exempt.bots is True and exempt.associations == ["OWNER"] and exempt.drafts is False


@pytest.mark.parametrize("text, setting, default", [
    ("exempt:\n  users:\n    # - alice\n", "exempt.users", []),
    ("exempt:\n  associations:\n    # - OWNER\n", "exempt.associations", ["OWNER", "MEMBER", "COLLABORATOR"]),
    ("labels:\n  medium:\n    # name: x\n", "labels.medium.name", "sieve/needs-review"),
    ("check_run:\n  conclusions:\n    # high: failure\n", "check_run.conclusions", {"low": "neutral", "medium": "neutral", "high": "neutral"}),
    ("paths:\n  ignore:\n", "paths.ignore", []),
])
def test_a_nested_section_or_list_with_every_line_commented_out_means_its_defaults(text, setting, default):
    """Only a top-level section left empty meant its defaults; commenting out the last user
    listed dropped the whole file ("exempt.users: Input should be a valid list")."""
    loaded = cfg.build([(REPO, text)])
    value = loaded.config
    for part in setting.split("."):
        value = getattr(value, part)
    assert loaded.error is None and value == default


def test_a_list_left_empty_leaves_the_org_files_list_in_force():
    loaded = both("exempt: {users: [alice]}\n", "exempt:\n  users:\n    # - bob\n")
    assert loaded.error is None and loaded.config.exempt.users == ["alice"]


def test_an_empty_value_is_still_an_error():
    assert cfg.build([(REPO, "shadow:\n")]).error.startswith(f"{REPO}: shadow: ")


@pytest.mark.parametrize("text, says", [
    ("1: x\n", "key 1 is a number, not text: quote the key"),
    ("2020-01-01: x\n", "key 2020-01-01 is a date, not text: quote the key"),
    ("~: x\n", "a key left empty (or ~ or null) is not text"),
    ("on: true\n", "key true is not text (YAML reads unquoted on, off, yes and no as true and false"),
    ("labels: {medium: {3: x}}\n", "labels: medium: key 3 is a number"),
])
def test_a_key_that_is_not_text_is_named_in_yamls_words(text, says):
    """Every such key was blamed on on/off/yes/no ("key datetime.date(2020, 1, 1) is not text (YAML
    reads unquoted on, off, yes and no as true ...")."""
    assert cfg.build([(REPO, text)]).error.startswith(f"{REPO}: {says}")


def test_a_stray_number_key_is_a_mistake_like_an_unknown_key_not_an_unreadable_file():
    """``1:`` made the whole file "unreadable" (no labels, no comments anywhere in the repository)
    while ``foo:`` only drops the file; both files were read, so their safe side applies exactly."""
    for stray in ("1: x\n", "foo: x\n"):
        loaded = cfg.build([(REPO, "exempt: {users: [alice]}\ncomment: {enabled: false}\n" + stray)])
        assert loaded.error and not loaded.unreadable, stray
        assert loaded.config.exempt.users == ["alice"] and loaded.config.comment.enabled is False


@pytest.mark.parametrize("entry", ["alice@example.com", "alice.smith", "alice,bob", "@alice@example.com"])
def test_an_exempt_user_that_can_never_be_a_github_login_is_refused(entry):
    """An email address, a dotted name or two names in one entry passed: the teammate meant was
    labelled (test_config's "exempt entries that could never match: the form expected is named")."""
    loaded = cfg.build([(REPO, f"exempt: {{users: ['{entry}']}}\n")])
    assert loaded.error == f'{REPO}: exempt.users.0: "{entry}" must be a GitHub login, such as octocat'


@pytest.mark.parametrize("entry", ["octocat", "Octo-Cat-2", "dependabot[bot]", "alice_acme", "@bob"])
def test_real_github_logins_are_accepted(entry):
    assert cfg.build([(REPO, f"exempt: {{users: ['{entry}']}}\n")]).error is None
