"""Commands are ASCII: ``re.IGNORECASE`` on a ``str`` pattern also folds U+017F (long s) to ``s``
and U+212A (Kelvin sign) to ``k``, so ``/ſieve oK`` ran as ``/sieve ok`` although it is not the
command a reader (or a search of the thread for ``/sieve ok``) sees. Case still does not matter."""

from __future__ import annotations

import pytest

from bot.app.commands import parse


@pytest.mark.parametrize("body", ["/\u017fieve ok", "/sieve o\u212a", "/\u017fieve exempt", "/sieve o\u212a cancel"])
def test_lookalike_letters_are_not_a_command(body):
    assert [c.name for c in parse(body)] in ([], ["unknown"])
    assert not any(c.name in ("ok", "exempt") for c in parse(body))


def test_ascii_case_still_does_not_matter():
    assert [(c.name, c.cancel) for c in parse("/SIEVE OK\n/Sieve Exempt CANCEL")] == [("ok", False), ("exempt", True)]
