"""Runtime settings of the GitHub App, read from ``SIEVE_*`` environment variables or ``.env``.

Every field carries a description: ``sieve serve --print-settings`` lists them and the README
is written from them. Secrets are ``SecretStr`` so they never appear in logs or reprs.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


# The longest retention, in days (100 years): a longer one overflowed the date arithmetic of every
# comment's stale check and of the purge. 0, not a huge number, is how to keep everything.
MAX_RETENTION_DAYS = 36500


class SettingsError(ValueError):
    """A configuration that cannot work; the message says which setting to fix."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SIEVE_", env_file=".env",
                                      env_file_encoding="utf-8", extra="ignore")

    webhook_secret: SecretStr | None = Field(
        None, description="Secret shared with GitHub to sign webhook deliveries "
        "(X-Hub-Signature-256). Required unless insecure_dev is set.")
    insecure_dev: bool = Field(
        False, description="Allow running without a webhook secret, accepting unsigned "
        "deliveries. For local development only; never in production.")
    app_id: int | None = Field(None, description="The GitHub App's numeric App ID.")
    private_key: SecretStr | None = Field(
        None, description="The App's PEM private key itself (alternative to private_key_path).")
    private_key_path: Path | None = Field(
        None, description="Path of a file holding the App's PEM private key.")
    database_url: str = Field(
        "sqlite:///./sieve.db", description="SQLAlchemy URL of the delivery/state database, "
        "e.g. sqlite:///./sieve.db or postgresql+psycopg://user:pass@host:5432/sieve.")
    github_api_url: str = Field(
        "https://api.github.com", description="GitHub REST API base URL "
        "(https://HOST/api/v3 for GitHub Enterprise Server, or a fake server in tests).")
    max_body_bytes: int = Field(
        5 * 1024 * 1024, gt=0, description="Largest webhook body accepted, in bytes; larger "
        "requests get 413 without being read in full (GitHub caps payloads at 25 MB).")
    workers: int = Field(
        2, ge=0, description="Worker threads processing stored deliveries inside `sieve serve` "
        "(0 = intake only; run `sieve serve --workers-only` elsewhere).")
    worker_process: bool = Field(
        True, description="Run the workers of `sieve serve` in a child process "
        "(`sieve serve --workers-only`), so scoring never delays a webhook answer; false runs "
        "them as threads of the server process.")
    worker_nice: int = Field(
        10, ge=0, le=19, description="Niceness added to a workers-only process (the child of "
        "`sieve serve`, or `sieve serve --workers-only`): on a shared host the webhook intake "
        "gets the CPU first. 0 leaves the priority alone.")
    metrics_port: int = Field(
        0, ge=0, le=65535, description="`sieve serve --workers-only` has no web server: serve "
        "its Prometheus metrics on this port (at /metrics) instead; 0 = none. The webhook server "
        "always serves /metrics, including its worker child's.")
    poll_interval: float = Field(
        1.0, gt=0, description="Seconds an idle worker waits before looking for due deliveries.")
    max_attempts: int = Field(
        8, ge=1, description="Attempts per delivery before it is marked failed.")
    max_rate_limited_attempts: int = Field(
        48, ge=1, description="Attempts per delivery before it is marked failed when its last "
        "attempt hit a GitHub rate limit or GitHub's own trouble (a 5xx, a timeout): a rate-limited "
        "attempt waits for the limit's reset (within the hour), so a delivery rides out up to about "
        "two days of rate limiting, and with the backoff cap of 600 s about 3 to 7 hours of GitHub "
        "server errors.")
    backoff_base: float = Field(
        2.0, gt=0, description="Seconds of the first retry delay; doubles on every attempt.")
    backoff_cap: float = Field(
        600.0, gt=0, description="Longest retry delay in seconds (a GitHub Retry-After wins).")
    lease_seconds: float = Field(
        60.0, ge=3, description="How long a worker's claim on a delivery lasts before another "
        "worker may take it over; renewed every third of it while the worker is alive, so "
        "this is how soon a killed worker's delivery is picked up again.")
    max_handling_seconds: float = Field(
        900.0, ge=60, description="A handler still running after this long is taken as hung: its "
        "claim is no longer renewed, so another worker retries the delivery once the lease lapses "
        "(every GitHub call has a timeout and bounded retries, so a healthy one ends far sooner).")
    retention_days: float = Field(
        14.0, ge=0, le=MAX_RETENTION_DAYS, allow_inf_nan=False, description="Done and ignored "
        "deliveries (with their payloads) are deleted this many days after they finish (at most "
        "36500); failed ones are kept. 0 keeps everything. GitHub "
        "redelivers only within 3 days, so duplicates are still recognised. A pull request or "
        "comment delivery is kept an hour longer, and at least 3 days and 2 hours, while a comment "
        "whose own time is older than this (at least 3 days and 1 hour) is refused as stale, "
        "as its replay could no longer be recognised (0: never).")
    decision_retention_days: float = Field(
        90.0, ge=0, le=MAX_RETENTION_DAYS, allow_inf_nan=False, description="Recorded decisions (a "
        "PR's score and band at a commit) are deleted this many days after they were made (at most "
        "36500), except each PR's newest and the one that posted its comment. 0 keeps everything.")
    config_cache_seconds: float = Field(
        60.0, ge=0, description="How long `.github/sieve.yml` (repo and org) read from the default "
        "branch is cached per process; a config change takes effect at most this much later. 0 "
        "reads it on every event.")
    template_cache_seconds: float = Field(
        600.0, ge=0, description="How long the PR template's default-branch reads (three folder "
        "listings in the repository and three in its organisation's `.github`, found or not, and the "
        "templates) are cached per process. 0 reads them on every event.")
    shadow: bool = Field(
        False, description="Global shadow mode: score and record decisions but do not label, "
        "comment or set check runs.")
    public_url: str | None = Field(
        None, pattern=r"^https://[^\s<>()\[\]`]+$", max_length=200,
        description="The App's public https:// address (e.g. https://sieve.example.org). When set, the "
        "comment and the check run link to its /help page, which explains every signal. Unset: no link.")
    log_level: str = Field("INFO", description="Python logging level (DEBUG, INFO, WARNING...).")

    def help_url(self) -> str | None:
        """``<public_url>/help``, or None without a public address."""
        return f"{self.public_url.rstrip('/')}/help" if self.public_url else None

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"):
            raise ValueError("use one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return level

    @field_validator("database_url")
    @classmethod
    def _parsable_url(cls, value: str) -> str:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError
        try:
            make_url(value)
        except ArgumentError:
            raise ValueError("not a SQLAlchemy URL such as sqlite:///./sieve.db") from None
        return value

    @model_validator(mode="after")
    def _one_private_key(self) -> Settings:
        if self.private_key is not None and self.private_key_path is not None:
            raise ValueError("set only one of SIEVE_PRIVATE_KEY and SIEVE_PRIVATE_KEY_PATH")
        return self

    def require_webhook_secret(self) -> None:
        """Raise ``SettingsError`` unless a secret is set or insecure_dev says it may be absent."""
        if self.webhook_secret is None or not self.webhook_secret.get_secret_value():
            if not self.insecure_dev:
                raise SettingsError(
                    "no webhook secret: set SIEVE_WEBHOOK_SECRET (or SIEVE_INSECURE_DEV=1 "
                    "for local development only)")

    def private_key_pem(self) -> str | None:
        """The App private key text, from ``private_key`` or ``private_key_path``."""
        if self.private_key is not None:
            return self.private_key.get_secret_value()
        if self.private_key_path is None:
            return None
        try:
            return self.private_key_path.read_text(encoding="utf-8")
        except OSError as exc:
            raise SettingsError(f"cannot read SIEVE_PRIVATE_KEY_PATH "
                                f"{self.private_key_path}: {exc.strerror}") from exc


def load_settings(**overrides) -> Settings:
    """Settings from the environment and ``.env``; bad values raise a one-line SettingsError."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(part) for part in first["loc"]) or "settings"
        where = f"SIEVE_{name.upper()}" if first["loc"] else "settings"
        raise SettingsError(f"invalid {where}: {first['msg']}") from None


def describe_settings() -> list[tuple[str, str, str]]:
    """(ENV_NAME, default, description) for every setting, in declaration order."""
    rows = []
    for name, field in Settings.model_fields.items():
        default = "" if field.default is None else str(field.default)
        rows.append((f"SIEVE_{name.upper()}", default, field.description or ""))
    return rows
