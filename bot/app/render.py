"""Jinja2 over ``templates/``: every user-facing word the App writes comes from there.

Every ``{{ value }}`` is neutralised unless the value is ``Trusted`` (text the bot made), so a
template cannot forget to escape a PR title: ``*.md.j2`` templates get inert Markdown
(``markdown.inline``), ``*.txt.j2`` templates (check run titles) get plain one-line text.
Filters: ``code`` (code span for file names), ``clip(n)`` (shorter neutralised text),
``link(text)`` (a config-vetted https URL as a Markdown link), ``pct`` (0.42 -> "42%"),
``phrase`` (a signal's plain words) and ``asks`` (what to do about fired signals), both from
``templates/signals.yml``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from bot.app import markdown
from bot.app.configfields import SAFE_URL
from bot.app.markdown import Trusted
from bot.paths import templates_dir

GITHUB_TEXT_LIMIT = 60_000  # comments and check-run summaries are capped at 65,535 characters
DEFAULT_LIMIT = 300
_TRUNCATED = "\n\n_(truncated)_\n"


def render(template: str, **context: Any) -> str:
    """Render ``templates/<template>`` with neutralised values; bounded for GitHub."""
    text = _environment(template.endswith(".md.j2")).get_template(template).render(**context)
    if len(text) > GITHUB_TEXT_LIMIT:
        text = text[: GITHUB_TEXT_LIMIT - len(_TRUNCATED)] + _TRUNCATED
    return text


@lru_cache(maxsize=1)
def phrases() -> dict[str, dict[str, str]]:
    """``templates/signals.yml``: plain-words text for each signal name."""
    data = yaml.safe_load((templates_dir() / "signals.yml").read_text(encoding="utf-8")) or {}
    return {str(k): dict(v or {}) for k, v in data.items()}


@lru_cache(maxsize=1)
def check_buttons() -> dict[str, dict[str, str]]:
    """``templates/check_actions.yml``: each check-run button's label and description."""
    data = yaml.safe_load((templates_dir() / "check_actions.yml").read_text(encoding="utf-8")) or {}
    return {str(k): {"label": str(v["label"]), "description": str(v["description"])} for k, v in data.items()}


def signal_phrase(name: str) -> str:
    entry = phrases().get(name) or {}
    return entry.get("says") or name.replace("_", " ")


def signal_ask(name: str) -> str:
    """What the comment asks the author to do about a fired effort signal ("" when nothing)."""
    return (phrases().get(name) or {}).get("ask") or ""


MAX_ASKS = 3  # a short comment: the three most important requests


def ask_texts(hits) -> list[str]:
    """The distinct requests for the given fired signals (in their order), at most ``MAX_ASKS``."""
    return [text for text in dict.fromkeys(signal_ask(h.name) for h in hits) if text][:MAX_ASKS]


def asks(hits) -> list[Trusted]:
    """The distinct requests for the given fired signals (strongest first), as safe Markdown."""
    return [markdown.inline(text, 300) for text in ask_texts(hits)]


@lru_cache(maxsize=2)
def _environment(markdown_mode: bool) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates_dir())),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize_markdown if markdown_mode else _finalize_plain,
    )
    env.filters.update(code=markdown.code, clip=_clip(markdown_mode), link=_link, pct=_pct,
                       phrase=lambda name: Trusted(markdown.inline(signal_phrase(name), 300)), asks=asks)
    return env


def _finalize_markdown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (Trusted, int, float)):
        return str(value)
    return markdown.inline(value, DEFAULT_LIMIT)


def _finalize_plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    return markdown.plain(value, DEFAULT_LIMIT)


def _clip(markdown_mode: bool):
    def clip(value: Any, limit: int = 120) -> str:
        return markdown.inline(value, limit) if markdown_mode else Trusted(markdown.plain(value, limit))
    return clip


def _link(url: str | None, text: str) -> Trusted:
    """A Markdown link to a config-provided URL (https, checked with the config's own pattern)."""
    if not url or not SAFE_URL.fullmatch(url):
        return Trusted("")
    return Trusted(f"[{markdown.inline(text, 80)}]({url})")


def _pct(value: float) -> str:
    return f"{round(float(value) * 100)}%"
