"""Reading files from a repository's contents: ``get_file`` and ``list_folder`` of the GitHub port.

Default-branch reads are cached briefly, the PR template's paths and folders longer. A file over
GitHub's 1 MB contents limit raises ``FileTooLarge``, one that is not UTF-8 ``NotText`` (with its
bytes): neither is read as something it is not. Both are what the file is until someone changes
it, so they are cached like a read (and raised again from the cache): a config saved as Latin-1
is not fetched again on every PR event.
"""

from __future__ import annotations

from dataclasses import dataclass

from github import GithubException

from bot.ports import FileTooLarge, GitHubError, NotText
from bot.prtemplates import is_template_path


class ContentReads:
    """Mixed into ``PyGithubPort``, whose ``_repo``, ``_translated``, ``_clients`` and
    ``installation_id`` it uses."""

    def get_file(self, repo: str, path: str, ref: str | None = None) -> str | None:
        """Default-branch reads (``ref=None``) are cached briefly (``file_cache_seconds``), the
        PR template's paths longer (``template_cache_seconds``): it rarely changes, and finding
        it lists three folders of the repository and its organisation's on every PR event."""
        if ref is not None:
            return self._read_file(repo, path, ref)
        key = (self.installation_id, repo.lower(), path)
        cache = self._clients.templates if is_template_path(path) else self._clients.files
        return _given(cache.get_or_load(key, lambda: _kept(lambda: self._read_file(repo, path, None))))

    def list_folder(self, repo: str, path: str) -> dict[str, str] | None:
        """Only the PR template lookup lists folders: cached as long as templates."""
        key = (self.installation_id, repo.lower(), path, "folder")
        return self._clients.templates.get_or_load(key, lambda: self._list_folder(repo, path))

    def _list_folder(self, repo: str, path: str) -> dict[str, str] | None:
        with self._translated(f"list_folder {repo}:{path or '/'}"):
            try:
                found = self._repo(repo).get_contents(path)
            except GithubException as exc:
                if exc.status == 404:
                    return None
                raise
        if not isinstance(found, list):
            return None  # a file, not a folder
        return {entry.name: entry.type for entry in found}

    def _read_file(self, repo: str, path: str, ref: str | None) -> str | None:
        with self._translated(f"get_file {repo}:{path}"):
            try:
                found = (self._repo(repo).get_contents(path, ref=ref) if ref
                         else self._repo(repo).get_contents(path))
            except GithubException as exc:
                if exc.status == 404:
                    return None
                raise
        if isinstance(found, list) or found.type != "file":
            return None  # a directory, symlink or submodule is not a config file
        if found.encoding != "base64":
            raise FileTooLarge(f"get_file {repo}:{path}: file too large for the contents API")
        try:
            return found.decoded_content.decode("utf-8")
        except UnicodeDecodeError:
            raise NotText(f"get_file {repo}:{path}: not UTF-8 text", found.decoded_content) from None



@dataclass(frozen=True)
class _Refused:
    """A read's lasting refusal (``NotText``, ``FileTooLarge``), kept in the cache as a value."""

    error: GitHubError


def _kept(read):
    """``read()``, or its lasting refusal as a value the cache keeps (other errors are not kept)."""
    try:
        return read()
    except (NotText, FileTooLarge) as exc:
        return _Refused(exc)


def _given(found):
    """A cached read as ``get_file`` gives it: a refusal is raised again."""
    if isinstance(found, _Refused):
        raise found.error.with_traceback(None)
    return found
