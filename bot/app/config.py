"""Repository configuration: ``.github/sieve.yml`` read from the DEFAULT branch only.

Layers, later wins: built-in defaults < the org's ``<owner>/.github`` repository
(``.github/sieve.yml`` or ``sieve.yml``) < the repository's own ``.github/sieve.yml``.
Mappings merge key by key; lists and scalars replace. A layer that is not valid YAML or does not
match the schema (``bot.app.configschema``) is dropped and reported as ONE line
(``ConfigLoad.error``); the PR is still handled with the remaining layers and with what a dropped
layer still applies on the safe side (``bot.app.brokenlayer``). A layer that cannot be read as
settings at all (not YAML, not a mapping, too large) hides what it asks for: only its
``enabled: false`` and ``shadow: true`` lines are found, line by line, and the load is
``unreadable``, so the App writes nothing but the failing check until the file is fixed. The PR
head is never read: a PR must not configure its own review. See ``docs/sieve.example.yml`` for
every key with its default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from bot.app import yamlread
from bot.app.brokenlayer import more_exempt, safe_side, scanned_safe_side
from bot.app.configfields import first_error
from bot.app.configschema import RepoConfig
from bot.ports import FileTooLarge, GitHubError, GitHubPort

REPO_PATH = ".github/sieve.yml"
ORG_REPO = ".github"
ORG_PATHS = (".github/sieve.yml", "sieve.yml")
MAX_CONFIG_CHARS = 64_000  # a config is a few hundred bytes; anything huge is a mistake


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
