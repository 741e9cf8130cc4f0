"""tests_without_assertions: a Rust line's strings and ``//`` comment are cut in one left-to-right
scan (review 2 AB #4). 3102996 looked for ``//`` again after each string, and on a line without one
every look read to the end of the line: a one-line array of 50,000 strings ("let v =
vec![\"a\", \"b\", …];", a word list or generated fixture) took seconds. The work is measured as the
characters the scan's patterns are run over: doubling the line must about double it."""

from __future__ import annotations

import pytest

from bot.signals import assertions


class _Counting:
    """Wraps a compiled pattern and adds up the characters its searches and matches read."""

    def __init__(self, pattern):
        self.pattern, self.scanned = pattern, 0

    def search(self, string, pos=0):
        m = self.pattern.search(string, pos)
        self.scanned += (m.end() if m else len(string)) - pos
        return m

    def match(self, string, pos=0):
        m = self.pattern.match(string, pos)
        self.scanned += (m.end() if m else len(string)) - pos
        return m


def _work(monkeypatch, line: str) -> int:
    stop, rest = _Counting(assertions._CODE_STOP), _Counting(assertions._STRING_REST)
    monkeypatch.setattr(assertions, "_CODE_STOP", stop)
    monkeypatch.setattr(assertions, "_STRING_REST", rest)
    assertions._rust_code(line)
    monkeypatch.setattr(assertions, "_CODE_STOP", stop.pattern)
    monkeypatch.setattr(assertions, "_STRING_REST", rest.pattern)
    return stop.scanned + rest.scanned


def _array(n: int, unit: str) -> str:
    return "    let v = vec![" + unit * n + "];"


@pytest.mark.parametrize("unit", ['"a",', '""', '\\"', "'\"',"])
def test_the_scan_of_a_line_grows_linearly(monkeypatch, unit):
    small, large = _work(monkeypatch, _array(25_000, unit)), _work(monkeypatch, _array(50_000, unit))
    assert small <= 2 * len(_array(25_000, unit))
    assert large <= 2.5 * small


def test_strings_and_comments_are_still_cut():
    """An unclosed quote (the end of a multi-line string) leaves the rest of its line as code."""
    text = 'let a = "x // y?"; f()?; // c?\nlet c = \'"\'; g("\\"q?")?;\nend of text"; h()?;'
    assert assertions._rust_code(text) == 'let a = ""; f()?; \nlet c = \'"\'; g("")?;\nend of text"; h()?;'
