"""The schema of ``.github/sieve.yml``: every setting, its type and its default.

Strict: an unknown key, or a value of the wrong type (``'80'`` for a number, ``0`` for a
boolean), is an error, worded by ``bot.app.configfields.first_error``. Reading, layering and
broken files are ``bot.app.config``'s; ``docs/sieve.example.yml`` lists every key.
"""

from __future__ import annotations

from typing import Any, Literal, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from bot.app.configfields import CheckName, LabelName, Login, PolicyUrl, Team

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
    def _ordered(self, info: ValidationInfo) -> "Thresholds":
        if self.medium > self.high:
            raise ValueError(f"thresholds.medium ({self._value('medium', info)}) must not be above "
                             f"thresholds.high ({self._value('high', info)})")
        return self

    def _value(self, name: str, info: ValidationInfo) -> str:
        """``90, from <file>`` for a value an earlier file set, ``50, the default`` for one left at
        its default: the file in error may not mention either."""
        value, origins = getattr(self, name), (info.context or {}).get("origins", {})
        origin = origins.get(f"thresholds.{name}")  # "": the file in error sets it itself
        if origin is not None:
            return f"{value}, from {origin}" if origin else str(value)
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



def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` layered on ``base``: mappings merge key by key, lists and values replace."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def section(model: type[BaseModel], key: object) -> type[BaseModel] | None:
    """The model of ``model``'s field ``key`` when that field is a section of settings."""
    kind = _annotation(model, key)
    return kind if isinstance(kind, type) and get_origin(kind) is None and issubclass(kind, BaseModel) else None


def collection(model: type[BaseModel], key: object) -> bool:
    """Whether ``model``'s field ``key`` holds a list or a mapping (``check_run.conclusions``)."""
    return get_origin(_annotation(model, key)) in (list, dict)


def _annotation(model: type[BaseModel], key: object) -> object:
    field = model.model_fields.get(key) if isinstance(key, str) else None
    return field.annotation if field is not None else None
