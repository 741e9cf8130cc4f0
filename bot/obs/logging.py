"""Structured logs: one JSON object per line, tagged with the delivery being handled, redacted.

* ``configure_logging(level, json=True, secrets=...)`` installs one stderr handler on the root
  logger (idempotent). Run uvicorn with ``log_config=None`` so its loggers propagate here.
* ``delivery_context(delivery_id, **fields)`` tags every record logged inside it (in this thread
  or asyncio task) with ``delivery_id`` and the extra fields, through a ``ContextVar``.
* ``redact(text)`` removes registered secret values (webhook secret, private key, database
  password...) and anything shaped like a token, JWT, PEM key or ``Authorization`` value. The
  handler's filter redacts each message and the formatter redacts the final line, so
  tracebacks and ``extra`` fields are covered too.
"""

from __future__ import annotations

import json as _json
import logging
import re
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import IO, Any

REDACTED = "[REDACTED]"
_MIN_SECRET_LEN = 4  # shorter values would shred ordinary words; settings should refuse them

_context: ContextVar[dict[str, Any]] = ContextVar("sieve_log_context", default={})
_secrets: set[str] = set()
_secrets_lock = threading.Lock()
_secret_re: re.Pattern[str] | None = None

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)",
                re.DOTALL), REDACTED),
    (re.compile(r"\b(?:gh[pousr]_|github_pat_)[A-Za-z0-9_.\-]{8,}"), REDACTED),
    (re.compile(r"\beyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*"), REDACTED),
    (re.compile(r"(?i)\b(token|bearer|basic)\s+[A-Za-z0-9_.\-+/=]{8,}"), r"\1 " + REDACTED),
    (re.compile(r"(?i)(\b[a-z][a-z0-9+.\-]*://[^:/@\s]+:)[^@\s]+(@)"), r"\1" + REDACTED + r"\2"),
    (re.compile(r"(?i)(\b[\w\-]*(?:secret|password|passwd|private_key|api_key|access_token)"
                r"[\w\-]*[\"']?\s*[:=]\s*[\"']?)[^\s\"',;}&]+"), r"\1" + REDACTED),
)

_STANDARD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message", "asctime", "taskName"}


def register_secret(value: str | None) -> None:
    """Never log ``value`` (and each of its lines, for multi-line values like PEM keys)."""
    global _secret_re
    if not value:
        return
    parts = {value, *(line.strip() for line in value.splitlines())}
    parts |= {_json.dumps(p, ensure_ascii=False)[1:-1] for p in parts}  # as a JSON log line escapes it (" and \\)
    with _secrets_lock:
        _secrets.update(p for p in parts if len(p) >= _MIN_SECRET_LEN)
        ordered = sorted(_secrets, key=len, reverse=True)
        _secret_re = re.compile("|".join(re.escape(s) for s in ordered)) if ordered else None


def clear_secrets() -> None:
    """Forget every registered secret (tests)."""
    global _secret_re
    with _secrets_lock:
        _secrets.clear()
        _secret_re = None


def redact(text: str) -> str:
    secret_re = _secret_re
    if secret_re is not None:
        text = secret_re.sub(REDACTED, text)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


@contextmanager
def delivery_context(delivery_id: str | None, **fields: Any) -> Iterator[None]:
    """Tag log records emitted inside the block with ``delivery_id`` (and ``fields``)."""
    token = _context.set({**_context.get(), "delivery_id": delivery_id, **fields})
    try:
        yield
    finally:
        _context.reset(token)


def current_context() -> dict[str, Any]:
    return dict(_context.get())


class ContextFilter(logging.Filter):
    """Copies the current delivery context onto each record (``record.delivery_id``...)."""

    def filter(self, record: logging.LogRecord) -> bool:
        for key, value in _context.get().items():
            if not hasattr(record, key):
                setattr(record, key, value)
        if not hasattr(record, "delivery_id"):
            record.delivery_id = None
        return True


class RedactionFilter(logging.Filter):
    """Redacts the rendered message in place, so every later handler sees the safe text."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must not drop the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg, record.args = redact(message), None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, msg, delivery_id, pid, extras, exc."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "delivery_id": getattr(record, "delivery_id", None),
            "pid": record.process,  # tells the server's lines from its worker process's
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return redact(_json.dumps(entry, default=str, ensure_ascii=False))


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(delivery_id)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def make_handler(stream: IO[str] | None = None, *, json: bool = True) -> logging.Handler:
    """A stream handler with the context and redaction filters and the chosen formatter."""
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.addFilter(ContextFilter())
    handler.addFilter(RedactionFilter())
    handler.setFormatter(JsonFormatter() if json else TextFormatter())
    handler._sieve = True  # type: ignore[attr-defined]  # marks the handler as ours
    return handler


def configure_logging(level: str | int = "INFO", json: bool = True, *,
                      secrets: Iterable[str | None] = (), stream: IO[str] | None = None) -> None:
    """Install the sieve handler on the root logger (replacing a previous one) and register
    ``secrets`` for redaction. Safe to call more than once."""
    for value in secrets:
        register_secret(value)
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_sieve", False)]:
        root.removeHandler(old)
    root.addHandler(make_handler(stream, json=json))
    root.setLevel(level.upper() if isinstance(level, str) else level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        uv = logging.getLogger(name)
        uv.handlers.clear()
        uv.propagate = True
