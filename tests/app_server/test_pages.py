"""The public pages: /help lists what PR Sieve checks and how to talk to it; /model-card."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from bot.app.commands import NAMES
from bot.app.render import phrases
from bot.signals.registry import SIGNAL_NAMES


def test_root_leads_to_the_help_page(app):
    with TestClient(app) as client:
        response = client.get("/", follow_redirects=False)
    assert response.status_code in (302, 307) and response.headers["location"] == "/help"


def test_help_page_names_every_signal_with_its_kind_and_words(app):
    with TestClient(app) as client:
        response = client.get("/help")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    rows = dict(re.findall(r"<tr>\s*<td><code>(\w+)</code></td>\s*<td>(\w+)</td>", response.text))
    assert list(rows) == list(SIGNAL_NAMES)  # every registered signal, in registry order
    assert rows["ai_attribution"] == "ai" and rows["explains_testing"] == "care"
    assert rows["template_weight"] == "effort"
    for name in ("claims_tests_without_tests", "author_pr_burst"):
        assert phrases()[name]["ask"] in response.text.replace("&#x27;", "'")


def test_help_page_lists_the_commands_bands_and_model(app):
    from bot.app.pages import _model_version

    with TestClient(app) as client:
        text = client.get("/help").text
    for name in NAMES:
        assert f"<code>/sieve {name}</code>" in text
    assert "<code>sieve/needs-review</code>" in text and "<code>sieve/likely-low-effort</code>" in text
    assert f"<code>{_model_version()}</code>" in text and _model_version() != "unknown"
    assert '<a href="model-card">' in text


def test_model_card_page_renders_the_shipped_card_without_raw_html(app):
    with TestClient(app) as client:
        response = client.get("/model-card")
    assert response.status_code == 200
    assert "<h1>Model card: PR Sieve classifier" in response.text and "<table>" in response.text
    assert "<script" not in response.text.lower()


def test_markdown_html_is_shown_as_text_not_passed_through():
    from bot.app.pages import _page

    page = _page("t", "Hello <script>alert(1)</script> & <b>bold</b>")
    assert "<script>" not in page and "&lt;script&gt;" in page and "<b>" not in page
