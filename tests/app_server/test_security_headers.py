"""Security headers: every answer (page, JSON, webhook refusal, error) says nosniff, no referrer,
no framing and carries a Content-Security-Policy; the pages' policy allows their own CSS by hash
and no script."""

from __future__ import annotations

import base64
import hashlib
import json
from html.parser import HTMLParser

import pytest

from bot.app import pages
from bot.app.headers import page_policy
from bot.app.signature import sign
from tests.app_server.conftest import SECRET, headers

WEBHOOK = "/api/github/webhooks"
EVERY = {"x-content-type-options": "nosniff", "referrer-policy": "no-referrer",
         "x-frame-options": "DENY"}
LOCKED = {"default-src": ["'none'"], "base-uri": ["'none'"], "form-action": ["'none'"],
          "frame-ancestors": ["'none'"]}


class _Styles(HTMLParser):
    """The text of each <style> element and each style="..." attribute, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[str] = []
        self.attributes: list[str] = []
        self._open = False

    def handle_starttag(self, tag, attrs):
        self.attributes += [value for name, value in attrs if name == "style"]
        if tag == "style":
            self._open, self.elements = True, [*self.elements, ""]

    def handle_endtag(self, tag):
        self._open = self._open and tag != "style"

    def handle_data(self, data):
        if self._open:
            self.elements[-1] += data


def styles(page: str) -> _Styles:
    parser = _Styles()
    parser.feed(page)
    return parser


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def directives(policy: str) -> dict[str, list[str]]:
    parts = [part.split() for part in policy.split(";") if part.strip()]
    return {words[0]: words[1:] for words in parts}


@pytest.mark.parametrize("path", ["/help", "/model-card"])
def test_page_policy_allows_exactly_the_served_css_and_no_script(client, path):
    response = client.get(path)
    assert response.status_code == 200
    served = styles(response.text)
    assert len(served.elements) == 1 and "body {" in served.elements[0]  # the template's CSS
    policy = directives(response.headers["content-security-policy"])
    assert policy == LOCKED | {"style-src": [sha256_source(served.elements[0])]}
    assert {key: response.headers[key] for key in EVERY} == EVERY


def test_page_policy_follows_the_template_text_not_a_fixed_hash(tmp_path, monkeypatch):
    template = (pages.templates_dir() / "page.html.j2").read_text(encoding="utf-8")
    css = "\nbody { color: #0a0a0a; }\n"
    (tmp_path / "page.html.j2").write_text(
        template.replace(styles(template).elements[0], css), encoding="utf-8")
    monkeypatch.setattr(pages, "templates_dir", lambda: tmp_path)
    pages._html.cache_clear()
    try:
        page = pages._page("t", "hello")
    finally:
        pages._html.cache_clear()
    assert styles(page).elements == [css]
    assert directives(page_policy(page))["style-src"] == [sha256_source(css)]


def test_an_aligned_table_column_keeps_its_style_attribute_by_hash():
    page = pages._page("t", "| n |\n|--:|\n| 1 |\n")
    served = styles(page)
    assert served.attributes and set(served.attributes) == {"text-align:right"}
    sources = directives(page_policy(page))["style-src"]
    assert sources == [sha256_source(served.elements[0]), "'unsafe-hashes'",
                       sha256_source("text-align:right")]


def test_a_page_without_css_gets_the_policy_that_allows_nothing():
    assert directives(page_policy("<!doctype html><p>plain</p>")) == LOCKED


def _ping(client, secret: str = SECRET):
    body = json.dumps({"zen": "Keep it logically awesome.", "hook_id": 1}).encode()
    return client.post(WEBHOOK, content=body, headers=headers(body, "ping", "d-h", secret))


def _signed_without_event_headers(client):
    return client.post(WEBHOOK, content=b"{}", headers={"X-Hub-Signature-256": sign(SECRET, b"{}")})


ANSWERS = {
    "root redirect": (lambda c: c.get("/", follow_redirects=False), 307),
    "healthz json": (lambda c: c.get("/healthz"), 200),
    "readyz json": (lambda c: c.get("/readyz"), 200),
    "metrics text": (lambda c: c.get("/metrics"), 200),
    "unknown path": (lambda c: c.get("/nowhere"), 404),
    "webhook wrong method": (lambda c: c.get(WEBHOOK), 405),
    "webhook ping": (_ping, 200),
    "webhook bad signature": (lambda c: _ping(c, secret="not-the-secret"), 401),
    "webhook no event headers": (_signed_without_event_headers, 400),
}


@pytest.mark.parametrize("name", list(ANSWERS))
def test_every_other_answer_carries_the_headers_and_a_policy_allowing_nothing(client, name):
    call, status = ANSWERS[name]
    response = call(client)
    assert response.status_code == status
    assert {key: response.headers.get(key) for key in EVERY} == EVERY
    assert directives(response.headers["content-security-policy"]) == LOCKED


def test_an_unhandled_error_still_answers_500_with_the_headers(app, client):
    def boom():
        raise RuntimeError("boom")

    app.add_api_route("/boom", boom)
    response = client.get("/boom")
    assert response.status_code == 500 and response.text == "Internal Server Error"
    assert {key: response.headers.get(key) for key in EVERY} == EVERY
    assert directives(response.headers["content-security-policy"]) == LOCKED


def test_headers_are_sent_once_not_duplicated(client):
    for path in ("/help", "/healthz"):
        raw = client.get(path).headers
        for key in [*EVERY, "content-security-policy"]:
            assert len(raw.get_list(key)) == 1, (path, key)
