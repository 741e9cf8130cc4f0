"""GitHub access with PyGithub — the only package that imports ``github``.

``make_github_factory`` gives the worker an ``installation_id -> GitHubPort`` factory whose
ports share one client (and token) per installation; ``PyGithubPort`` implements
``bot.ports.GitHubPort``; every failure is raised as ``bot.ports.GitHubError``.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.github.clients import DEFAULT_BASE_URL, ClientSettings, GitHubClients
from bot.github.port import PyGithubPort
from bot.github.retry import SieveRetry
from bot.ports import GitHubError, GitHubPort

__all__ = ["ClientSettings", "GitHubClients", "PyGithubPort", "SieveRetry",
           "make_github_factory"]


def _default_hooks():
    from bot.obs.metrics import record_api_call, record_retry
    return record_api_call, record_retry


def make_github_factory(*, app_id: int | str, private_key: str,
                        base_url: str = DEFAULT_BASE_URL, on_request=None, on_retry=None,
                        **settings) -> Callable[[int | None], GitHubPort]:
    """``installation_id -> PyGithubPort``; API calls and retries are counted in
    ``bot.obs.metrics`` unless other hooks are given. ``settings``: ``ClientSettings`` fields."""
    if on_request is None and on_retry is None:
        on_request, on_retry = _default_hooks()
    clients = GitHubClients(app_id, private_key,
                            settings=ClientSettings(base_url=base_url, **settings),
                            on_request=on_request, on_retry=on_retry)

    def factory(installation_id: int | None) -> GitHubPort:
        if installation_id is None:
            raise GitHubError("the delivery has no installation id; cannot call GitHub as the App")
        return PyGithubPort(clients, installation_id)
    return factory
