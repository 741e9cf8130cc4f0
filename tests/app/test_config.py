"""Repository config: defaults, strictness, one-line errors and org < repo layering."""

from __future__ import annotations

import pytest

from bot.app import config as cfg

from .fakes import FakeGitHub


def test_defaults_when_no_file_anywhere():
    gh = FakeGitHub()
    loaded = cfg.load(gh, "acme/widgets")
    assert loaded.error is None
    assert loaded.config == cfg.RepoConfig()
    assert loaded.config.band_labels() == {"medium": "sieve/needs-review", "high": "sieve/likely-low-effort"}


def test_reads_default_branch_only():
    gh = FakeGitHub()
    cfg.load(gh, "acme/widgets")
    assert gh.file_reads and all(ref is None for _, _, ref in gh.file_reads)
    assert ("acme/widgets", ".github/sieve.yml", None) in gh.file_reads


def test_good_config_is_parsed():
    text = """
thresholds: {medium: 30, high: 60}
labels:
  high: {name: triage/low-effort, color: "b60205"}
exempt:
  users: [dependabot-helper]
  associations: [OWNER]
check_run:
  conclusions: {high: action_required}
shadow: true
policy_url: https://example.org/ai-policy
profile: kubernetes
"""
    loaded = cfg.build([("repo", text)])
    assert loaded.error is None
    c = loaded.config
    assert (c.thresholds.medium, c.thresholds.high) == (30, 60)
    assert c.labels.high.name == "triage/low-effort"
    assert c.labels.medium.name == "sieve/needs-review"  # untouched keys keep their defaults
    assert c.check_run.conclusion("high") == "action_required"
    assert c.check_run.conclusion("medium") == "neutral"
    assert c.shadow and c.profile == "kubernetes"


@pytest.mark.parametrize("text, fragment", [
    ("thresholds: {medium: [1}", "invalid YAML at line 1"),
    ("thresholds: {medium: '30'}", "thresholds.medium"),
    ("thresholds: {medium: 80, high: 60}", "must not be above"),
    ("colour_scheme: dark", "colour_scheme: unknown key"),
    ("- just\n- a list", "top level must be a mapping"),
    ("check_run: {conclusions: {high: explode}}", "check_run.conclusions.high"),
    ("policy_url: 'javascript:alert(1)'", "policy_url"),
    ("labels: {high: {name: sieve/needs-review, color: ffffff}}", "three different names"),
    ("shadow: 'yes please'", "shadow"),
    ("exempt: {users: [" + ", ".join(["someone"] * 10_000) + "]}", "file too large"),
    ("a: &a [1, 1]\nb: &b [*a, *a]\nc: [*b, *b]", "a: unknown key"),
    ("exempt: {users: " + "[" * 20_000 + "]" * 20_000 + "}", "nested deeper than"),
    ("exempt:\n" + "".join(" " * (2 * i) + f"k{i}:\n" for i in range(1, 200)), "nested deeper than"),
    ("shadow: true\nshadow: false\n", "line 2, column 1: duplicate key 'shadow'"),
    ("exempt:\n  users: [alice]\nlabels: {}\nexempt:\n  bots: false\n", "duplicate key 'exempt'"),
    ("thresholds:\n  medium: 10\n  medium: 90\n", "duplicate key 'medium'"),
    ("shadow: true\n\x00\n", "invalid YAML at line 2, column 1: special characters are not allowed"),
])
def test_broken_config_gives_one_line_error_and_defaults(text, fragment):
    loaded = cfg.build([(".github/sieve.yml", text)])
    # a file YAML cannot read keeps its top-level "shadow: true" line (the safe side), nothing else
    assert loaded.config == cfg.RepoConfig(shadow=text.startswith("shadow: true") and loaded.unreadable)
    assert loaded.error is not None and "\n" not in loaded.error
    assert loaded.error.startswith(".github/sieve.yml: ")
    assert fragment in loaded.error


def test_org_defaults_then_repo_overrides():
    gh = FakeGitHub()
    gh.files[("acme/.github", ".github/sieve.yml")] = (
        "thresholds: {medium: 35, high: 65}\npolicy_url: https://acme.example/policy\nprofile: disclosure-required\n")
    gh.files[("acme/widgets", ".github/sieve.yml")] = "thresholds: {high: 90}\n"
    loaded = cfg.load(gh, "acme/widgets")
    assert loaded.error is None
    assert (loaded.config.thresholds.medium, loaded.config.thresholds.high) == (35, 90)
    assert loaded.config.policy_url == "https://acme.example/policy"
    assert loaded.config.profile == "disclosure-required"


def test_org_file_at_repository_root_is_used():
    gh = FakeGitHub()
    gh.files[("acme/.github", "sieve.yml")] = "comment: {enabled: false}\n"
    assert cfg.load(gh, "acme/widgets").config.comment.enabled is False


def test_missing_org_repository_is_not_an_error():
    gh = FakeGitHub()
    gh.missing_repos.add("acme/.github")
    assert cfg.load(gh, "acme/widgets").error is None


def test_broken_repo_layer_keeps_the_org_layer():
    gh = FakeGitHub()
    gh.files[("acme/.github", ".github/sieve.yml")] = "thresholds: {medium: 35}\n"
    gh.files[("acme/widgets", ".github/sieve.yml")] = "thresholds: {high: nope}\n"
    loaded = cfg.load(gh, "acme/widgets")
    assert loaded.config.thresholds.medium == 35
    assert loaded.error.startswith(".github/sieve.yml: thresholds.high")


def test_merged_layers_are_validated_together():
    # each layer alone is valid, but together medium (org) > high (repo)
    loaded = cfg.build([("org", "thresholds: {medium: 65}"), ("repo", "thresholds: {high: 60}")])
    assert (loaded.config.thresholds.medium, loaded.config.thresholds.high) == (65, 75)
    assert loaded.error.startswith("repo: ")


def test_merge_keys_may_repeat_what_they_override():
    loaded = cfg.build([("repo", "thresholds:\n  <<: {medium: 10, high: 20}\n  high: 30\n")])
    assert loaded.error is None
    assert (loaded.config.thresholds.medium, loaded.config.thresholds.high) == (10, 30)


@pytest.mark.parametrize("where", ["org", "repo"])
def test_config_file_too_large_for_github_is_a_config_error_not_a_failed_delivery(where):
    gh = FakeGitHub()
    gh.files[("acme/.github", ".github/sieve.yml")] = "thresholds: {medium: 35}\n"
    big = ("acme/.github", ".github/sieve.yml") if where == "org" else ("acme/widgets", ".github/sieve.yml")
    gh.too_large.add(big)
    loaded = cfg.load(gh, "acme/widgets")
    assert loaded.error is not None and "\n" not in loaded.error and "too large" in loaded.error
    assert loaded.error.startswith("acme/.github:.github/sieve.yml: " if where == "org" else ".github/sieve.yml: ")
    assert loaded.config.thresholds.medium == (50 if where == "org" else 35)


def test_empty_file_means_defaults():
    assert cfg.build([("repo", "\n# nothing here\n")]) == cfg.ConfigLoad(cfg.RepoConfig(), None, ("repo",))


def test_example_config_in_docs_is_valid():
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "docs" / "sieve.example.yml"
    if not example.is_file():
        pytest.skip("docs/sieve.example.yml not written yet")
    loaded = cfg.build([("example", example.read_text())])
    assert loaded.error is None
    assert loaded.config == cfg.RepoConfig()  # the example documents exactly the defaults


def test_a_label_given_only_a_new_name_keeps_its_default_colour_and_description():
    loaded = cfg.build([("repo", "labels: {medium: {name: triage/look-closer}}\n")])
    assert loaded.error is None
    medium = loaded.config.labels.medium
    assert (medium.name, medium.color) == ("triage/look-closer", "fbca04") and medium.description


def test_org_and_repo_layers_still_merge_over_the_defaults_key_by_key():
    loaded = cfg.build([("org", "labels: {high: {color: '000000'}}\n"), ("repo", "labels: {high: {name: slop}}\n")])
    assert loaded.error is None
    assert (loaded.config.labels.high.name, loaded.config.labels.high.color) == ("slop", "000000")


def test_a_section_with_every_line_commented_out_means_its_defaults():
    loaded = cfg.build([("repo", "exempt:\n  # users: [alice]\nshadow: true\n")])
    assert loaded.error is None and loaded.config.shadow and loaded.config.exempt == cfg.RepoConfig().exempt


@pytest.mark.parametrize("text, says", [
    ("on: true\n", "repo: key true is not text (YAML reads unquoted on, off, yes"),
    ("labels: {medium: {no: 1}}\n", "repo: labels: medium: key false is not text"),
    ("policy_url: http://example.org\n", "repo: policy_url: must be an https:// link"),
    ("labels: {medium: {color: red}}\n", "repo: labels.medium.color: must be six hex digits"),
    ("labels: {medium: {color: 000000}}\n", "repo: labels.medium.color: must be six hex digits"),
    ("exempt: 3\n", "repo: exempt: should be a mapping of settings"),
    # names of only spaces
    ("labels: {high: {name: '   '}}\n", "repo: labels.high.name: must not be empty or only spaces"),
    ("labels: {exempt: {name: ''}}\n", "repo: labels.exempt.name: must not be empty or only spaces"),
    ("check_run: {name: \"\\t \"}\n", "repo: check_run.name: must not be empty or only spaces"),
    ("labels: {high: {name: ' sieve/needs-review '}}\n", "repo: labels: labels.medium, labels.high and labels.exempt"),
    # a name GitHub would refuse to create (422): a line break or another control character inside it
    ("labels: {high: {name: \"triage/\\nslop\"}}\n", 'repo: labels.high.name: "triage/\\nslop" must be one line'),
    ("check_run: {name: \"PR\\tSieve\"}\n", 'repo: check_run.name: "PR\\tSieve" must be one line'),
    ("labels: {medium: {name: \"triage/\\u2028slop\"}}\n", 'repo: labels.medium.name: "triage/\\u2028slop" must be one'),
    # a medium threshold of 0 would flag every PR
    ("thresholds: {medium: 0}\n", "repo: thresholds.medium: Input should be greater than or equal to 1"),
    ("thresholds: {medium: 0, high: 0}\n", "repo: thresholds.medium: Input should be greater than or equal to 1"),
    ("thresholds: {high: 101}\n", "repo: thresholds.high: Input should be less than or equal to 100"),
    # exempt entries that could never match: the form expected is named
    ("exempt: {teams: [myteam]}\n", 'repo: exempt.teams.0: "myteam" must be written "org/team-slug", such as acme/maintainers'),
    ("exempt: {teams: [acme/core, 'acme/']}\n", 'repo: exempt.teams.1: "acme/" must be written "org/team-slug"'),
    ("exempt: {teams: [a/b/c]}\n", 'repo: exempt.teams.0: "a/b/c" must be written "org/team-slug"'),
    ("exempt: {users: ['@']}\n", 'repo: exempt.users.0: "@" must be a GitHub login, such as octocat'),
    ("exempt: {users: ['alice bob']}\n", 'repo: exempt.users.0: "alice bob" must be a GitHub login'),
    ("exempt: {users: [acme/core]}\n", 'repo: exempt.users.0: "acme/core" is a team: list it under exempt.teams'),
])
def test_errors_name_the_key_in_the_users_words_not_pydantics(text, says):
    loaded = cfg.build([("repo", text)])
    assert loaded.error.startswith(says), loaded.error
    assert "pattern" not in loaded.error and "instance of" not in loaded.error and loaded.config == cfg.RepoConfig()


def test_thresholds_of_1_and_100_are_allowed():
    loaded = cfg.build([("repo", "thresholds: {medium: 1, high: 100}\n")])
    assert loaded.error is None and (loaded.config.thresholds.medium, loaded.config.thresholds.high) == (1, 100)


@pytest.mark.parametrize("text, says", [
    ("thresholds: {high: 40}\n", "thresholds.medium (50, the default) must not be above thresholds.high (40)"),
    ("thresholds: {medium: 80}\n", "thresholds.medium (80) must not be above thresholds.high (75, the default)"),
    ("thresholds: {medium: 80, high: 60}\n", "thresholds.medium (80) must not be above thresholds.high (60)"),
])
def test_thresholds_out_of_order_name_both_values_and_which_is_the_default(text, says):
    assert cfg.build([("repo", text)]).error == f"repo: thresholds: {says}"


def test_emoji_and_other_letters_make_good_names():
    loaded = cfg.build([("repo", "labels: {high: {name: '🐛 slop'}, medium: {name: 'triage/👩‍💻'}}\n")])
    assert loaded.error is None and loaded.config.labels.medium.name == "triage/👩‍💻"  # a ZWJ is no control


def test_names_lose_their_surrounding_spaces():
    loaded = cfg.build([("repo", "labels: {high: {name: ' triage/slop '}}\ncheck_run: {name: ' Sieve  '}\n")])
    assert loaded.error is None
    assert (loaded.config.labels.high.name, loaded.config.check_run.name) == ("triage/slop", "Sieve")


def test_exempt_users_may_be_written_as_mentions():
    loaded = cfg.build([("repo", "exempt: {users: ['@alice', ' bob ', ' @carol'], teams: ['@acme/core', acme/docs]}\n")])
    assert loaded.error is None
    assert loaded.config.exempt.users == ["alice", "bob", "carol"]
    assert loaded.config.exempt.teams == ["acme/core", "acme/docs"]




def test_nested_aliases_are_read_once_each_not_once_per_place(monkeypatch):
    """``a: &a {x: 1}``, ``b: &b {x: *a, y: *a}``, ... : n lines name 2**n places. Walking them place
    by place (the key check did) took minutes on a 900-character file of 30 lines, days on 40."""
    from bot.app import yamlread

    lines = ["l0: &l0 {a: 1}"] + [f"l{i}: &l{i} {{a: *l{i - 1}, b: *l{i - 1}}}" for i in range(1, 13)]
    walk, calls = yamlread.non_text_key, []
    monkeypatch.setattr(yamlread, "non_text_key", lambda *a: calls.append(1) or walk(*a))
    loaded = cfg.build([(".github/sieve.yml", "\n".join(lines) + "\n")])
    assert loaded.error.startswith(".github/sieve.yml: l0: unknown key")
    assert len(calls) <= 14  # the top level and each of the 13 mappings, once (not 2**13 times)


def test_a_broken_files_valid_exemptions_still_apply_and_never_shrink():
    """A typo elsewhere in the file dropped its whole layer, ``exempt.users`` included, so listed
    teammates were labelled and commented on while the file was broken (found by review). A valid
    ``exempt`` section still adds its people; nothing it leaves out is taken away."""
    text = "exempt:\n  users: ['@alice']\n  associations: [OWNER]\n  agents: true\nthresholds: {medium: 80, high: 60}\n"
    loaded = cfg.build([(".github/sieve.yml", text)])
    assert "must not be above" in loaded.error
    exempt = loaded.config.exempt
    assert exempt.users == ["alice"] and exempt.agents is True
    assert exempt.associations == ["OWNER", "MEMBER", "COLLABORATOR"]  # the narrower list does not apply
    broken_section = cfg.build([(".github/sieve.yml", "exempt:\n  users: [alice, 3]\ncolour: x\n")])
    assert broken_section.config.exempt == cfg.RepoConfig().exempt  # an invalid section adds nothing


def test_a_rate_limited_org_read_fails_the_delivery_instead_of_dropping_the_org_opt_out():
    """GitHub's secondary rate limit is a 403 too: read as "no org repository", an org that opted
    out (``enabled: false``) had its PRs labelled and commented on."""
    from bot.fakegithub import FakeGitHub as LiveGitHub
    from bot.ports import GitHubError

    from .conftest import live_port

    with LiveGitHub() as fake:
        fake.add_repo("acme/.github")
        fake.add_repo("acme/widgets")
        fake.set_file("acme/.github", ".github/sieve.yml", "enabled: false\n")
        assert cfg.load(live_port(fake), "acme/widgets").config.enabled is False
        fake.inject_secondary_rate_limit("GET", r"/repos/acme/\.github/contents", retry_after=60, times=None)
        with pytest.raises(GitHubError) as raised:
            cfg.load(live_port(fake), "acme/widgets")
        assert raised.value.retryable and raised.value.retry_after == 60


def test_a_plain_403_on_the_org_repository_still_means_not_installed_there():
    err = cfg.GitHubError("get_file acme/.github: GitHub answered 403: Resource not accessible", status=403)
    assert cfg.org_unreadable(err)
    assert not cfg.org_unreadable(cfg.GitHubError("rate limited", status=403, retryable=True, retry_after=60.0))
