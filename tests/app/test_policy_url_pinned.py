"""``policy_url`` with each URL's verdict written out: the config accepts, and the comment links,
an https URL that renders as one Markdown link, and refuses (and never links) one holding a
space, a control character, a bracket, a backtick or a backslash (the config error reads "must
be an https:// link without spaces, brackets or backslashes").

``test_policy_url.py`` asserts only that the config and the renderer agree, and both read one
regex, so loosening it (letting ``)`` through, which ends the Markdown link early: the rest of
the URL spills into the comment as text) kept them equal and passed."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.app import config as cfg
from bot.app.render import _link

ACCEPTED = [
    "https://example.org/CONTRIBUTING.md#ai",  # the README's example: an anchor is fine
    "https://example.org/docs/ai-policy?lang=en&v=2",
    "https://example.org/~team/policy.html",
]
REFUSED = [
    "https://example.org/a)b",  # ")" would close the Markdown link
    "https://example.org/a(b",
    "https://example.org/a]b",  # "]" / "[" would break the link's text
    "https://example.org/a[b",
    "https://example.org/a<b>",  # angle brackets: an autolink or HTML
    "https://example.org/a`b",  # a backtick opens a code span
    "https://example.org\\evil.com/",  # browsers read "\" as "/": a link to evil.com
    "https://example.org/a b",  # a space ends the link
    "https://example.org/\u00a0policy",  # a no-break space, still a space
    "https://example.org/policy\n",  # a newline ends the line
    "https://example.org/\x01policy",  # control characters
    "https://example.org/\x1cpolicy",
    "https://example.org/\x7fpolicy",
    "http://example.org/policy",  # https only
    "javascript:alert(1)",
    "",  # an empty string is no link (leave the key out for no policy)
]


def _accepted(url: str) -> bool:
    try:
        cfg.RepoConfig(policy_url=url)
        return True
    except ValidationError:
        return False


@pytest.mark.parametrize("url", ACCEPTED)
def test_a_plain_https_url_is_accepted_and_linked_as_is(url):
    assert _accepted(url)
    assert _link(url, "policy") == f"[policy]({url})"


@pytest.mark.parametrize("url", REFUSED)
def test_a_url_that_would_break_the_link_is_refused_and_never_linked(url):
    assert not _accepted(url), url
    assert _link(url, "policy") == "", url


def test_the_refusal_is_reported_as_a_config_error_naming_the_field():
    loaded = cfg.build([("repo", "policy_url: 'https://example.org/a)b'\n")])
    assert loaded.error == "repo: policy_url: must be an https:// link without spaces, brackets or backslashes"
    assert loaded.config.policy_url is None
