"""``policy_url``: the config accepts exactly the links the comment renders, so a URL the
comment would drop ("See the .") is a config error the check run reports instead."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.app import config as cfg
from bot.app.render import _link


def test_a_backslash_in_policy_url_is_a_config_error():
    loaded = cfg.build([("repo", "policy_url: 'https://example.org\\evil.com/policy'\n")])
    assert loaded.error == "repo: policy_url: must be an https:// link without spaces, brackets or backslashes"
    assert loaded.config.policy_url is None


@pytest.mark.parametrize("url", [
    "https://example.org/CONTRIBUTING.md#ai",
    "https://example.org\\evil.com/",
    "https://example.org/a)b",
    "https://example.org/a`b",
    "https://example.org/policy\n",
    "https://example.org/\x1cpolicy",
    "https://example.org/\x01policy",
    "https://example.org/\u00a0policy",
    "http://example.org/policy",
])
def test_config_accepts_exactly_the_policy_urls_the_comment_links(url):
    try:
        cfg.RepoConfig(policy_url=url)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted == (_link(url, "policy") != ""), url


def test_control_characters_are_neither_accepted_nor_linked():
    assert _link("https://example.org/\x01policy", "policy") == ""
    with pytest.raises(ValidationError):
        cfg.RepoConfig(policy_url="https://example.org/\x7fpolicy")
