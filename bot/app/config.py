"""Repository configuration: ``.github/sieve.yml`` read from the DEFAULT branch only.

Layers, later wins: built-in defaults < the org's ``<owner>/.github`` repository
(``.github/sieve.yml`` or ``sieve.yml``) < the repository's own ``.github/sieve.yml``.
Mappings merge key by key; lists and scalars replace. A layer that is not valid YAML or does not
match the schema (``bot.app.configschema``) is dropped and reported as ONE line
(``ConfigLoad.error``); the PR is still handled with the remaining layers and with what a dropped
layer still applies on the safe side (``bot.app.brokenlayer``). A layer that cannot be read as
settings at all (not UTF-8, not YAML, not a mapping, too large) hides what it asks for: only its
``enabled: false`` and ``shadow: true`` lines are found, line by line, and the load is
``unreadable``, so the App writes nothing but the failing check until the file is fixed. The PR
head is never read: a PR must not configure its own review. See ``docs/sieve.example.yml`` for
every key with its default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from bot.app import yamlread
from bot.app.brokenlayer import kept_labels, more_exempt, safe_side, scan_text, scanned_safe_side, wide_encoding
from bot.app.configfields import first_error
from bot.app.configschema import RepoConfig, collection, merge, section
from bot.ports import FileTooLarge, GitHubError, GitHubPort, NotText

REPO_PATH = ".github/sieve.yml"
ORG_REPO = ".github"
ORG_PATHS = (".github/sieve.yml", "sieve.yml")
MAX_CONFIG_CHARS = 64_000  # a config is a few hundred bytes; anything huge is a mistake


class ConfigError(ValueError):
    """A config layer that cannot be used; the message is one line for the check run."""


# A layer as read: its text, its bytes when they are not UTF-8 (``NotText``), or why it could
# not be read at all
Layer = str | bytes | ConfigError


@dataclass(frozen=True)
class ConfigLoad:
    config: RepoConfig
    error: str | None = None  # one line, e.g. ".github/sieve.yml: thresholds.high: ..."
    sources: tuple[str, ...] = ()
    unreadable: bool = False  # a layer could not be read as settings at all: its wishes are unknown
    labels_unknown: bool = False  # a broken layer renames labels in a section that is broken too: no band label goes on


def decoded(data: bytes, source: str) -> str:
    """A file's bytes as UTF-8 text (nothing replaced: a mangled label name would be created on
    GitHub), or one line that names the problem. UTF-16 or UTF-32 is named as such, even without
    a byte order mark (mostly ASCII, it is valid UTF-8, NUL bytes and all)."""
    if wide := wide_encoding(data):
        raise ConfigError(f"{source}: the file is {wide.upper()} text, not UTF-8: save the file as UTF-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{source}: {_not_utf8(data, exc.start)}") from None


def _not_utf8(data: bytes, start: int) -> str:
    line = data.count(b"\n", 0, start) + 1
    return f"not UTF-8 text (byte 0x{data[start]:02x} at line {line}): save the file as UTF-8"


def read_layer(text: str, source: str) -> dict[str, Any]:
    """YAML text -> mapping of settings, not yet checked against the schema (nor its keys for
    being text: a ``1:`` key is a mistake like an unknown one, in a file that was read)."""
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
    return without_blanks(data)


def without_blanks(data: dict[str, Any], model: type[BaseModel] = RepoConfig) -> dict[str, Any]:
    """``data`` without the sections and lists left empty (every line under them commented
    out), at any depth: such a key means what it would mean unwritten, its defaults."""
    kept: dict[str, Any] = {}
    for key, value in data.items():
        inner = section(model, key)
        if value is None and (inner is not None or collection(model, key)):
            continue
        kept[key] = without_blanks(value, inner) if inner is not None and isinstance(value, dict) else value
    return kept


def defaults() -> dict[str, Any]:
    """Every setting at its default, as plain data: each layer is merged over it, so a partial
    mapping (a label given only a new ``name``) keeps the rest of its defaults."""
    return RepoConfig().model_dump()


def validate(data: dict[str, Any], source: str = "config", origins: dict[str, str] | None = None) -> RepoConfig:
    """``data`` as settings; ``origins``: which file set a setting (``""``: the one checked), for
    an error that names its value."""
    try:
        return RepoConfig.model_validate(data, context={"origins": origins or {}})
    except ValidationError as exc:
        raise ConfigError(f"{source}: {first_error(exc)}") from None


def set_paths(data: dict[str, Any], model: type[BaseModel] = RepoConfig, prefix: str = "") -> set[str]:
    """The settings a layer sets, as dotted paths (``thresholds.high``); only the schema's own
    sections are walked, so aliases that repeat a mapping cost nothing."""
    paths: set[str] = set()
    for key, value in data.items():
        inner = section(model, key)
        if inner is not None and isinstance(value, dict):
            paths |= set_paths(value, inner, f"{prefix}{key}.")
        else:
            paths.add(f"{prefix}{key}")
    return paths


def build(layers: list[tuple[str, Layer | None]]) -> ConfigLoad:
    """Merge ``(source, text)`` layers in order; broken layers are skipped and reported (a
    layer given as a ConfigError could not be read at all; as bytes, it is decoded strictly)."""
    merged = _Merged()
    for source, text in layers:
        if text is not None:
            merged.add(source, text)
    return ConfigLoad(config=validate(merged.data), error="; ".join(merged.errors) or None,
                      sources=tuple(merged.used), unreadable=merged.unreadable,
                      labels_unknown=merged.labels_unknown)


@dataclass
class _Merged:
    """The layers merged so far over the defaults, and what the load reports."""

    data: dict[str, Any] = field(default_factory=defaults)
    origins: dict[str, str] = field(default_factory=dict)  # a setting's path -> the used layer that set it
    errors: list[str] = field(default_factory=list)
    used: list[str] = field(default_factory=list)
    unreadable: bool = False  # a layer could not be read as settings at all
    labels_unknown: bool = False  # a broken layer's labels section is broken too

    def add(self, source: str, text: Layer) -> None:
        """The layer over the others when the result is valid (checked as a whole: an org file
        may set what makes a repository's value valid), else only what it gives on the safe side."""
        try:
            if isinstance(text, ConfigError):
                raise text
            layer = read_layer(decoded(text, source) if isinstance(text, bytes) else text, source)
        except ConfigError as exc:  # unreadable: only what its own lines say on the safe side is known
            self._broken(str(exc), scanned_safe_side(scan_text(text)), unreadable=True)
            return
        own = set_paths(layer)
        candidate = merge(self.data, layer)
        try:
            if problem := yamlread.non_text_key(layer):
                raise ConfigError(f"{source}: {problem}")
            validate(candidate, source, self.origins | dict.fromkeys(own, ""))
        except ConfigError as exc:
            labels = kept_labels(self.data, layer)
            self.labels_unknown = self.labels_unknown or ("labels" in layer and not labels)
            self._broken(str(exc), safe_side(layer) | more_exempt(self.data, layer) | labels)
            return
        self.data = candidate
        self.used.append(source)
        self.origins |= dict.fromkeys(own, source)

    def _broken(self, error: str, kept: dict[str, Any], unreadable: bool = False) -> None:
        self.data = merge(self.data, kept)
        self.errors.append(error)
        self.unreadable = self.unreadable or unreadable


def load(github: GitHubPort, repo: str) -> ConfigLoad:
    """Read the org and repo layers from their default branches (never from a PR head)."""
    return build([_org_layer(github, repo), (REPO_PATH, _read(github, repo, REPO_PATH, REPO_PATH))])


def _read(github: GitHubPort, repo: str, path: str, source: str) -> Layer | None:
    try:
        text = github.get_file(repo, path, ref=None)
    except NotText as exc:  # its bytes: build says why they are not text, and scans what it can
        return exc.content
    except FileTooLarge:
        return ConfigError(f"{source}: file too large (over GitHub's 1 MB limit for reading files)")
    # NUL bytes: UTF-16 or UTF-32 without a byte order mark, perhaps, that read as UTF-8
    return text.encode("utf-8") if text is not None and "\x00" in text else text


def org_repo(repo: str) -> str | None:
    """The organisation's ``.github`` repository for ``repo``; None when ``repo`` is that one."""
    org = f"{repo.split('/', 1)[0]}/{ORG_REPO}"
    return None if org.lower() == repo.lower() else org


def org_unreadable(exc: GitHubError) -> bool:
    """No organisation ``.github`` repository, or the App is not installed there; not a rate limit
    (GitHub answers those 403 too): an org's opt-out read as absent would label its PRs."""
    return exc.status in (403, 404) and not exc.retryable and exc.retry_after is None


def _org_layer(github: GitHubPort, repo: str) -> tuple[str, Layer | None]:
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
