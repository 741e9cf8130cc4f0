"""Default-branch file reads are cached briefly; reads at a ref and errors are not."""

from __future__ import annotations

import pytest

from bot.fakegithub import FakeGitHub
from bot.github import make_github_factory
from bot.github.filecache import TTLCache
from bot.ports import GitHubError

REPO = "octo-org/widgets"


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_ttl_cache_keeps_values_and_misses_until_they_expire():
    clock, loads = Clock(), []
    cache = TTLCache(60, clock=clock)
    load = lambda: loads.append(1) or None  # noqa: E731  a cached miss
    assert cache.get_or_load("k", load) is None and cache.get_or_load("k", load) is None
    clock.now += 61
    cache.get_or_load("k", load)
    assert len(loads) == 2


def test_ttl_cache_does_not_keep_errors_and_zero_disables_it():
    cache = TTLCache(60)
    with pytest.raises(RuntimeError):
        cache.get_or_load("k", lambda: (_ for _ in ()).throw(RuntimeError("boom")))
    assert cache.get_or_load("k", lambda: "loaded") == "loaded"
    off, loads = TTLCache(0), []
    off.get_or_load("k", lambda: loads.append(1))
    off.get_or_load("k", lambda: loads.append(1))
    assert len(loads) == 2


def _port(fake, seconds, **settings):
    factory = make_github_factory(app_id=fake.app_id, private_key=fake.app_private_key,
                                  base_url=fake.base_url, on_request=lambda *a: None,
                                  on_retry=lambda *a: None, file_cache_seconds=seconds, **settings)
    return factory(fake.installation_id)


def test_template_lookups_are_kept_longer_than_config_reads():
    """Finding the PR template reads on every PR event, most of it misses; templates rarely
    change, so those reads have a cache of their own."""
    with FakeGitHub() as fake:
        fake.add_repo(REPO)
        fake.set_file(REPO, ".github/sieve.yml", "shadow: true\n")
        port = _port(fake, 0, template_cache_seconds=600)
        for _ in range(3):
            assert port.get_file(REPO, ".github/sieve.yml") == "shadow: true\n"
            assert port.get_file(REPO, "docs/pull_request_template.md") is None
        assert len(fake.calls("GET", r"/contents/\.github/sieve\.yml")) == 3
        assert len(fake.calls("GET", r"/contents/docs/pull_request_template\.md")) == 1


def test_template_folders_are_listed_once_and_their_templates_kept_as_long():
    with FakeGitHub() as fake:
        fake.add_repo(REPO)
        fake.set_file(REPO, ".github/PULL_REQUEST_TEMPLATE/feature.md", "## Feature\n")
        port = _port(fake, 0, template_cache_seconds=600)
        for _ in range(3):
            assert port.list_folder(REPO, ".github") == {"PULL_REQUEST_TEMPLATE": "dir"}
            assert port.list_folder(REPO, ".github/PULL_REQUEST_TEMPLATE") == {"feature.md": "file"}
            assert port.list_folder(REPO, "docs") is None
            assert port.get_file(REPO, ".github/PULL_REQUEST_TEMPLATE/feature.md") == "## Feature\n"
        assert len(fake.calls("GET", r"/contents/")) == 4


def test_port_reads_the_default_branch_config_once_but_always_reads_a_ref():
    with FakeGitHub() as fake:
        fake.add_repo(REPO)
        fake.set_file(REPO, ".github/sieve.yml", "shadow: true\n")
        port = _port(fake, 60)
        assert port.get_file(REPO, ".github/sieve.yml") == "shadow: true\n"
        fake.set_file(REPO, ".github/sieve.yml", "shadow: false\n")
        assert port.get_file(REPO, ".github/sieve.yml") == "shadow: true\n"  # cached
        assert port.get_file(REPO, ".github/sieve.yml", ref="main") == "shadow: false\n"
        assert len(fake.calls("GET", r"/contents/")) == 2


def test_a_failed_read_is_not_cached():
    with FakeGitHub() as fake:
        fake.add_repo(REPO)
        fake.set_file(REPO, ".github/sieve.yml", "shadow: true\n")
        port = _port(fake, 60)
        fake.inject("GET", r"/contents/", status=500, times=10)
        with pytest.raises(GitHubError):
            port.get_file(REPO, ".github/sieve.yml")
        fake.clear_faults()
        assert port.get_file(REPO, ".github/sieve.yml") == "shadow: true\n"


def test_a_label_is_made_sure_of_once_per_repository_while_the_cache_holds():
    """Every flagged PR's label add first makes sure the label exists: one more call in the
    delivery's path, which the cache keeps to one per repository and label."""
    with FakeGitHub() as fake:
        fake.add_repo(REPO)
        port = _port(fake, 0)
        for _ in range(3):
            port.ensure_label(REPO, "sieve/likely-low-effort", "#d93f0b", "PR Sieve: likely low effort")
        port.ensure_label(REPO, "sieve/needs-review", "#fbca04", "PR Sieve: needs a closer look")
        assert len(fake.calls("POST", r"/labels$")) == 2
        assert fake.repo_labels(REPO)["sieve/likely-low-effort"]["color"] == "d93f0b"
        uncached = _port(fake, 0, label_cache_seconds=0)
        uncached.ensure_label(REPO, "sieve/likely-low-effort", "#d93f0b", "PR Sieve: likely low effort")
        assert len(fake.calls("POST", r"/labels$")) == 3  # the label exists: GitHub answers 422, which is fine


def test_a_file_that_is_not_text_is_cached_like_any_read_and_refused_each_time():
    """A config saved as Latin-1 is permanent until someone fixes it: its ``NotText`` was not
    cached (only values were), so every PR event of the repository fetched it again."""
    from bot.ports import NotText

    with FakeGitHub() as fake:
        fake.add_repo(REPO)
        fake.set_file(REPO, ".github/sieve.yml", 'labels: {medium: {name: "revue/\xe9tendue"}}\n'.encode("latin-1"))
        port = _port(fake, 60)
        for _ in range(3):
            with pytest.raises(NotText) as raised:
                port.get_file(REPO, ".github/sieve.yml")
            assert b"revue/\xe9tendue" in raised.value.content
        assert len(fake.calls("GET", r"/contents/\.github/sieve\.yml")) == 1
        fake.set_file(REPO, ".github/sieve.yml", "shadow: true\n")  # fixed: a read at a ref is never cached
        assert port.get_file(REPO, ".github/sieve.yml", ref="main") == "shadow: true\n"


def test_a_file_that_is_not_text_is_read_again_once_the_cache_expires():
    from bot.ports import NotText

    with FakeGitHub() as fake:
        fake.add_repo(REPO)
        fake.set_file(REPO, ".github/sieve.yml", b"shadow: \xe9\n")
        port = _port(fake, 0)  # no cache: every read asks GitHub
        for _ in range(2):
            with pytest.raises(NotText):
                port.get_file(REPO, ".github/sieve.yml")
        assert len(fake.calls("GET", r"/contents/\.github/sieve\.yml")) == 2


def test_a_file_too_large_to_read_is_cached_like_any_read():
    from bot.ports import FileTooLarge

    with FakeGitHub() as fake:
        fake.add_repo(REPO)
        fake.set_file(REPO, ".github/sieve.yml", "# " + "x" * (1024 * 1024) + "\n")
        port = _port(fake, 60)
        for _ in range(2):
            with pytest.raises(FileTooLarge):
                port.get_file(REPO, ".github/sieve.yml")
        assert len(fake.calls("GET", r"/contents/\.github/sieve\.yml")) == 1
