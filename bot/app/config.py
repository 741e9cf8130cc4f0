"""Repository configuration: ``.github/sieve.yml`` read from the DEFAULT branch only.

Layers, later wins: built-in defaults < the org's ``<owner>/.github`` repository
(``.github/sieve.yml`` or ``sieve.yml``) < the repository's own ``.github/sieve.yml``.
Mappings merge key by key; lists and scalars replace. A layer that is not valid YAML or does not
match the schema is dropped and reported as ONE line (``ConfigLoad.error``); the PR is still
handled with the remaining layers, except that a dropped layer's top-level ``enabled: false`` and
``shadow: true`` still apply (a typo must not make an opted-out repository start writing), as does
its ``comment: {enabled: false}``, and so
do the exemptions of its ``exempt`` section when that section is valid (``more_exempt``). A layer
that cannot be read as settings at all (not YAML, not a mapping, too large) hides what it asks
for: its ``enabled: false`` and ``shadow: true`` lines are still found line by line, and the load
is ``unreadable``, so the App writes nothing but the failing check until the file is fixed. The PR
head is never read: a PR must not configure its own review. See ``docs/sieve.example.yml`` for every key with its default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.app import yamlread
from bot.app.configfields import CheckName, LabelName, Login, PolicyUrl, Team, first_error
from bot.ports import FileTooLarge, GitHubError, GitHubPort

REPO_PATH = ".github/sieve.yml"
ORG_REPO = ".github"
ORG_PATHS = (".github/sieve.yml", "sieve.yml")
MAX_CONFIG_CHARS = 64_000  # a config is a few hundred bytes; anything huge is a mistake

Conclusion = Literal["neutral", "success", "failure", "action_required"]
Association = Literal[
    "OWNER", "MEMBER", "COLLABORATOR", "CONTRIBUTOR", "FIRST_TIME_CONTRIBUTOR", "FIRST_TIMER", "MANNEQUIN", "NONE"
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Thresholds(_Strict):
    # A band starts at its score (0-100), so 0 would flag every PR: both are at least 1.
    medium: int = Field(50, ge=1, le=100)  # the scorer maps its 5 %-FPR probability here
    high: int = Field(75, ge=1, le=100)  # ... and its 1 %-FPR probability here

    @model_validator(mode="after")
    def _ordered(self) -> "Thresholds":
        if self.medium > self.high:
            raise ValueError(f"thresholds.medium ({self._value('medium')}) must not be above "
                             f"thresholds.high ({self._value('high')})")
        return self

    def _value(self, name: str) -> str:
        """``50, the default`` for a value left at its default (the file may not mention it)."""
        value = getattr(self, name)
        return f"{value}, the default" if value == type(self).model_fields[name].default else str(value)


class LabelSpec(_Strict):
    name: LabelName
    color: str = Field(pattern=r"^[0-9a-fA-F]{6}$")
    description: str = Field("", max_length=100)


class Labels(_Strict):
    medium: LabelSpec = LabelSpec(name="sieve/needs-review", color="fbca04",
                                  description="PR Sieve: please give this PR a careful look")
    high: LabelSpec = LabelSpec(name="sieve/likely-low-effort", color="d93f0b",
                                description="PR Sieve: strong low-effort signals, see the bot comment")
    exempt: LabelSpec = LabelSpec(name="sieve/exempt", color="0e8a16",
                                  description="PR Sieve: a maintainer exempted this PR")
    # A medium flag from the model alone (no effort or policy signal fired) is labelled too; false
    # keeps the label queue to flags that name their evidence (the check run still shows them).
    model_only: bool = True

    @model_validator(mode="after")
    def _distinct(self) -> "Labels":
        names = {self.medium.name.lower(), self.high.name.lower(), self.exempt.name.lower()}
        if len(names) != 3:
            raise ValueError("labels.medium, labels.high and labels.exempt need three different names")
        return self


class Exempt(_Strict):
    users: list[Login] = []  # logins; "@alice" means alice
    teams: list[Team] = []  # "org/team-slug", checked when the GitHub adapter can resolve teams
    bots: bool = True  # bot accounts (dependabot, renovate, ...), but not coding agents: see ``agents``
    agents: bool = False  # coding agents' own accounts (Copilot, Devin, Codex, ...): scored unless true
    associations: list[Association] = ["OWNER", "MEMBER", "COLLABORATOR"]
    drafts: bool = True  # skip draft PRs until they are ready for review


class Paths(_Strict):
    ignore: list[str] = []  # globs of files the signals and the comment leave out (vendored, generated); the model reads them


class CommentConfig(_Strict):
    enabled: bool = True
    # Bands that get a NEW comment. [high]: medium PRs are labelled for maintainers only; a
    # comment already on the PR is still kept up to date.
    bands: list[Literal["medium", "high"]] = ["medium", "high"]
    # A PR flagged by the model alone has no signal to name and nothing specific to fix: by
    # default it gets the label and the check (the maintainers' queue) but no new comment.
    model_only: bool = False


class CheckConfig(_Strict):
    enabled: bool = True
    name: CheckName = "PR Sieve"
    conclusions: dict[Literal["low", "medium", "high"], Conclusion] = Field(
        default_factory=lambda: {"low": "neutral", "medium": "neutral", "high": "neutral"})

    def conclusion(self, band: str) -> str:
        return self.conclusions.get(band, "neutral")


class AuthorActivityConfig(_Strict):
    # Look up the author's pull requests across public GitHub (one search per author, cached)
    # for the author_pr_burst signal: PRs in 5+ other repositories within the window.
    enabled: bool = True
    window_hours: int = Field(24, ge=1, le=168)


class CommandsConfig(_Strict):
    # A help reply, or a refusal of the same command, to the same person on one PR is posted at
    # most once in this many minutes (a repeat gets no comment); 0 answers every time.
    quiet_minutes: int = Field(10, ge=0, le=1440)


class Profile(_Strict):
    large_pr_lines: int = Field(500, ge=1)  # "kubernetes": AI PRs above this many changed lines


class RepoConfig(_Strict):
    enabled: bool = True
    profile: Literal["default", "kubernetes", "disclosure-required"] = "default"
    profile_options: Profile = Profile()
    thresholds: Thresholds = Thresholds()
    labels: Labels = Labels()
    exempt: Exempt = Exempt()
    paths: Paths = Paths()
    author_activity: AuthorActivityConfig = AuthorActivityConfig()
    comment: CommentConfig = CommentConfig()
    check_run: CheckConfig = CheckConfig()
    commands: CommandsConfig = CommandsConfig()
    shadow: bool = False
    policy_url: PolicyUrl | None = None

    def band_labels(self) -> dict[str, str]:
        return {"medium": self.labels.medium.name, "high": self.labels.high.name}

    def own_labels(self) -> tuple[LabelSpec, ...]:
        return (self.labels.medium, self.labels.high, self.labels.exempt)


class ConfigError(ValueError):
    """A config layer that cannot be used; the message is one line for the check run."""


@dataclass(frozen=True)
class ConfigLoad:
    config: RepoConfig
    error: str | None = None  # one line, e.g. ".github/sieve.yml: thresholds.high: ..."
    sources: tuple[str, ...] = ()
    unreadable: bool = False  # a layer could not be read as settings at all: its wishes are unknown


def read_layer(text: str, source: str) -> dict[str, Any]:
    """YAML text -> mapping of settings, not yet checked against the schema."""
    if len(text) > MAX_CONFIG_CHARS:
        raise ConfigError(f"{source}: file too large ({len(text)} characters, limit {MAX_CONFIG_CHARS})")
    try:
        data = yamlread.load(text) if text.strip() else {}
    except yamlread.YAMLProblem as exc:
        raise ConfigError(f"{source}: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: the top level must be a mapping of keys, not {type(data).__name__}")
    if problem := yamlread.non_text_key(data):
        raise ConfigError(f"{source}: {problem}")
    return {key: {} if value is None and key in SECTIONS else value for key, value in data.items()}


# Keys whose value is a mapping of settings: left empty (every line under it commented out),
# such a section means its defaults
SECTIONS = frozenset(name for name, field in RepoConfig.model_fields.items()
                     if isinstance(field.default, BaseModel))


def defaults() -> dict[str, Any]:
    """Every setting at its default, as plain data: each layer is merged over it, so a partial
    mapping (a label given only a new ``name``) keeps the rest of its defaults."""
    return RepoConfig().model_dump()


def validate(data: dict[str, Any], source: str = "config") -> RepoConfig:
    try:
        return RepoConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{source}: {first_error(exc)}") from None


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def build(layers: list[tuple[str, str | ConfigError | None]]) -> ConfigLoad:
    """Merge ``(source, text)`` layers in order; broken layers are skipped and reported (a
    layer given as a ConfigError could not be read at all)."""
    merged: dict[str, Any] = defaults()
    errors: list[str] = []
    used: list[str] = []
    unreadable = False
    for source, text in layers:
        if text is None:
            continue
        merged, error, unread = _apply_layer(merged, source, text)
        unreadable = unreadable or unread
        if error:
            errors.append(error)
        else:
            used.append(source)
    return ConfigLoad(config=validate(merged), error="; ".join(errors) or None, sources=tuple(used),
                      unreadable=unreadable)


# Settings that only make PR Sieve do less: a broken layer that sets them still gets them, so a
# mistake elsewhere in the file never turns PR Sieve on or shadow mode off (never the reverse),
# nor comments back on
SAFE_SIDE = {"enabled": False, "shadow": True}
SAFE_SECTIONS = {("comment", "enabled"): False}


def _apply_layer(merged: dict[str, Any], source: str,
                 text: str | ConfigError) -> tuple[dict[str, Any], str | None, bool]:
    """``merged`` with the layer over it, or with only its SAFE_SIDE settings and the error; the
    flag says the layer could not be read as settings at all."""
    try:
        if isinstance(text, ConfigError):
            raise text
        data = read_layer(text, source)
    except ConfigError as exc:  # unreadable: only what its own lines say on the safe side is known
        return merge(merged, scanned_safe_side(text if isinstance(text, str) else "")), str(exc), True
    try:
        validate(merge(defaults(), data), source)
        candidate = merge(merged, data)
        validate(candidate, source)
    except ConfigError as exc:
        return merge(merged, safe_side(data) | more_exempt(merged, data)), str(exc), False
    return candidate, None, False


# Top-level ``enabled: false`` / ``shadow: true`` lines, found in a file YAML cannot read
_SAFE_LINES = {key: re.compile(rf"^{key}:[ \t]*{value}[ \t]*(?:#.*)?$", re.IGNORECASE | re.MULTILINE)
               for key, value in (("enabled", "false"), ("shadow", "true"))}


def scanned_safe_side(text: str) -> dict[str, Any]:
    """The SAFE_SIDE settings an unreadable layer's own top-level lines give."""
    return {key: SAFE_SIDE[key] for key, line in _SAFE_LINES.items() if line.search(text)}


def safe_side(data: dict[str, Any]) -> dict[str, Any]:
    """The SAFE_SIDE and SAFE_SECTIONS settings ``data`` gives as real booleans (not 0, "false"
    or "yes")."""
    kept: dict[str, Any] = {key: value for key, value in SAFE_SIDE.items() if data.get(key) is value}
    for (section, key), value in SAFE_SECTIONS.items():
        part = data.get(section)
        if isinstance(part, dict) and part.get(key) is value:
            kept[section] = {key: value}
    return kept


def more_exempt(merged: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """A broken layer's ``exempt`` section, when it is valid on its own, on the safe side too: the
    people, teams and associations it lists are added and the kinds it exempts stay exempt, so a
    typo elsewhere never gets a listed teammate labelled; nothing it leaves out is taken away."""
    try:
        asked = Exempt.model_validate(data.get("exempt"))
    except ValidationError:
        return {}
    now = merged["exempt"]
    lists = {key: list(dict.fromkeys([*now[key], *getattr(asked, key)]))
             for key in ("users", "teams", "associations")}
    flags = {key: now[key] or getattr(asked, key) for key in ("bots", "agents", "drafts")}
    return {"exempt": lists | flags}


def load(github: GitHubPort, repo: str) -> ConfigLoad:
    """Read the org and repo layers from their default branches (never from a PR head)."""
    return build([_org_layer(github, repo), (REPO_PATH, _read(github, repo, REPO_PATH, REPO_PATH))])


def _read(github: GitHubPort, repo: str, path: str, source: str) -> str | ConfigError | None:
    try:
        return github.get_file(repo, path, ref=None)
    except FileTooLarge:
        return ConfigError(f"{source}: file too large (over GitHub's 1 MB limit for reading files)")


def org_repo(repo: str) -> str | None:
    """The organisation's ``.github`` repository for ``repo``; None when ``repo`` is that one."""
    org = f"{repo.split('/', 1)[0]}/{ORG_REPO}"
    return None if org.lower() == repo.lower() else org


def org_unreadable(exc: GitHubError) -> bool:
    """No organisation ``.github`` repository, or the App is not installed there; not a rate limit
    (GitHub answers those 403 too): an org's opt-out read as absent would label its PRs."""
    return exc.status in (403, 404) and not exc.retryable and exc.retry_after is None


def _org_layer(github: GitHubPort, repo: str) -> tuple[str, str | ConfigError | None]:
    org = org_repo(repo)
    if org is None:
        return (repo, None)
    for path in ORG_PATHS:
        try:
            text = _read(github, org, path, f"{org}:{path}")
        except GitHubError as exc:
            if org_unreadable(exc):
                return (org, None)
            raise
        if text is not None:
            return (f"{org}:{path}", text)
    return (org, None)
