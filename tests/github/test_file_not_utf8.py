"""A file that is not UTF-8 is not read as mangled text: the adapter raises ``NotText`` with the
file's bytes (it decoded with ``errors="replace"``, so a config's label ``revue/\xe9tendue`` became
``revue/\ufffdtendue`` and was created on GitHub with no error anywhere)."""

from __future__ import annotations

import pytest

from bot.app import config as cfg

REPO = "octo/repo"
LATIN1 = 'labels:\n  medium:\n    name: "revue/\xe9tendue"\n'.encode("latin-1")


def test_a_file_that_is_not_utf8_raises_not_text_with_its_bytes(fake, port):
    from bot.ports import NotText

    fake.set_file(REPO, ".github/sieve.yml", LATIN1)
    with pytest.raises(NotText) as raised:
        port.get_file(REPO, ".github/sieve.yml")
    assert raised.value.content == LATIN1 and not raised.value.retryable


def test_a_config_that_is_not_utf8_is_one_clear_error_through_the_adapter(fake, port):
    fake.set_file(REPO, ".github/sieve.yml", LATIN1)
    loaded = cfg.load(port, REPO)
    assert loaded.error == ".github/sieve.yml: not UTF-8 text (byte 0xe9 at line 3): save the file as UTF-8"
    assert loaded.config.labels.medium.name == "sieve/needs-review"


def test_utf8_text_is_still_read_as_it_is(fake, port):
    fake.set_file(REPO, ".github/sieve.yml", "labels: {medium: {name: revue/étendue}}\r\n")
    assert port.get_file(REPO, ".github/sieve.yml") == "labels: {medium: {name: revue/étendue}}\r\n"
