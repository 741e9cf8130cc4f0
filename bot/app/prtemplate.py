"""Find the PR template an author was shown (I/O through the GitHub port).

GitHub pre-fills a new PR with the repository's template file (``.github/``, the root, then
``docs/``; the name in any case), else its organisation's default from the ``.github``
repository. A repository with a ``PULL_REQUEST_TEMPLATE/`` folder of several templates instead
offers them on request; the one the description follows (``bot.prtemplates.closest``) is the
template, and none when it follows none. Three folder listings per repository tell where
everything is, so a repository without a template costs three (cached) calls.
"""

from __future__ import annotations

from bot import prtemplates
from bot.app import config as repo_config
from bot.ports import FileTooLarge, GitHubError, GitHubPort, NotText


def find(github: GitHubPort, repo: str, body: str) -> str | None:
    """The template for a PR of ``repo`` whose description is ``body``: the repository's own,
    else its organisation's (an organisation repository the App cannot read: none). Only
    ``github.list_folder`` and ``github.get_file`` are called."""
    own = _template(github, repo, body)
    org = repo_config.org_repo(repo)
    if own is not None or org is None:
        return own
    try:
        return _template(github, org, body)
    except GitHubError as exc:
        if repo_config.org_unreadable(exc):
            return None
        raise


def _template(github: GitHubPort, repo: str, body: str) -> str | None:
    listings = {parent: github.list_folder(repo, parent) for parent in prtemplates.FOLDER_PARENTS}
    for parent, listing in listings.items():
        for path in prtemplates.file_paths(parent, listing):
            text = _read(github, repo, path)
            if text is not None:
                return text
    for parent, listing in listings.items():
        folder = prtemplates.folder_path(parent, listing)
        if folder is not None:
            return prtemplates.closest(body, _folder_templates(github, repo, folder))
    return None


def _read(github: GitHubPort, repo: str, path: str) -> str | None:
    try:
        return github.get_file(repo, path, ref=None)
    except FileTooLarge:  # over 1 MB: not a template anyone fills in; the PR is still scored
        return None
    except NotText as exc:  # not UTF-8: what can be read of it is still the template
        return exc.content.decode("utf-8", errors="replace")


def _folder_templates(github: GitHubPort, repo: str, folder: str) -> list[str]:
    paths = prtemplates.template_paths(folder, github.list_folder(repo, folder))
    return [text for text in (_read(github, repo, p) for p in paths) if text is not None]
