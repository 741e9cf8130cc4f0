"""``PullExporter``: pull requests saved as the REST bundles the offline CLI reads.

``sieve fetch`` uses it to turn a repository's PRs into JSONL that ``sieve score``, ``sieve
report`` and ``sieve eval --data`` read (``bot.loaders.github_json``): per PR, GitHub's own
``pulls/get``, ``pulls/list-files`` and ``pulls/list-commits`` JSON, read as the App reads them
(``PyGithubPort``: same limits, retries and error messages), with a person's token or none.
"""

from __future__ import annotations

from itertools import islice

from bot.github.clients import ClientSettings, TokenClients
from bot.github.port import PyGithubPort

STATES = ("open", "closed", "all")


class PullExporter(PyGithubPort):
    @classmethod
    def for_token(cls, token: str | None, **settings) -> "PullExporter":
        """An exporter reading with ``token`` (none: anonymously, 60 requests an hour on
        github.com); ``settings`` are ``ClientSettings`` fields."""
        return cls(TokenClients(token, settings=ClientSettings(**settings)), 0)

    def numbers(self, repo: str, state: str = "open", limit: int = 30) -> list[int]:
        """The numbers of ``repo``'s newest ``limit`` PRs in ``state`` (GitHub's default order:
        newest first)."""
        if state not in STATES:
            raise ValueError(f"state must be one of {', '.join(STATES)}, not {state!r}")
        with self._translated(f"list_pulls {repo}"):
            return [pull.number for pull in islice(self._repo(repo).get_pulls(state=state), limit)]

    def bundle(self, repo: str, number: int) -> dict:
        """``{"pull": …, "files": […], "commits": […]}``, as ``bot.loaders.github_json`` reads it."""
        pull, files, commits = self._read_pull(repo, number, "fetch")
        return {"pull": pull, "files": files, "commits": commits}
