"""The App's public pages: what PR Sieve checks and how to talk to it (``/help``), and the
model card (``/model-card``), like Prow's plugin help page.

Both are Markdown rendered to HTML once per process: ``/help`` from ``templates/help_page.md.j2``
(signals from the registry with their words from ``templates/signals.yml``, the commands'
table the ``/sieve help`` reply uses, the default bands and labels, the shipped model's
version), ``/model-card`` from ``models/MODEL_CARD.md``. Raw HTML in the Markdown is shown as
text, never passed through. Each page is served with a Content-Security-Policy that allows no
script and only the CSS it carries, by hash (``bot.app.headers.page_policy``).
"""

from __future__ import annotations

import json
from functools import lru_cache

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from bot.app.configschema import RepoConfig
from bot.app.headers import page_policy
from bot.app.render import render, signal_ask, signal_phrase
from bot.paths import models_dir, templates_dir
from bot.snapshot import PRSnapshot

_CACHE = "public, max-age=3600"  # the pages change only with a new release


def pages_router() -> APIRouter:
    """``GET /`` (to ``/help``), ``/help`` and ``/model-card``."""
    router = APIRouter()

    @router.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/help")

    @router.get("/help", response_class=HTMLResponse)
    def help_() -> HTMLResponse:
        return _served(help_page())

    @router.get("/model-card", response_class=HTMLResponse)
    def model_card() -> HTMLResponse:
        return _served(model_card_page())

    return router


def _served(page: str) -> HTMLResponse:
    return HTMLResponse(page, headers={"Cache-Control": _CACHE,
                                       "Content-Security-Policy": page_policy(page)})


@lru_cache(maxsize=1)
def help_page() -> str:
    """``/help``: the signals, the bands, the commands and where configuration lives."""
    return _page("PR Sieve: what it checks", render("help_page.md.j2", **_help_context()))


@lru_cache(maxsize=1)
def model_card_page() -> str:
    """``/model-card``: ``models/MODEL_CARD.md`` as HTML."""
    text = (models_dir() / "MODEL_CARD.md").read_text(encoding="utf-8")
    return _page("PR Sieve: model card", text)


def _help_context() -> dict:
    config = RepoConfig()
    return {"signals": _signals(), "model_version": _model_version(),
            "medium": config.thresholds.medium, "high": config.thresholds.high,
            "labels": config.band_labels(), "exempt_label": config.labels.exempt.name, "unknown": None,
            "help_url": None}  # the page itself


def _signals() -> list[dict]:
    """Every registered signal in registry order, with its kind (a run on an empty PR gives each
    signal's hit, fired or not, so no list of kinds is kept by hand)."""
    from bot.signals import run_signals

    return [{"name": h.name, "kind": h.kind, "says": signal_phrase(h.name), "ask": signal_ask(h.name)}
            for h in run_signals(PRSnapshot(title=""))]


def _model_version() -> str:
    metadata = json.loads((models_dir() / "model-metadata.json").read_text(encoding="utf-8"))
    return str(metadata.get("model_version") or "unknown")


def _page(title: str, markdown_text: str) -> str:
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown_text)
    return _html().get_template("page.html.j2").render(title=title, body=Markup(body))


@lru_cache(maxsize=1)
def _html() -> Environment:
    return Environment(loader=FileSystemLoader(str(templates_dir())),
                       autoescape=select_autoescape(["html.j2"]), keep_trailing_newline=True)
