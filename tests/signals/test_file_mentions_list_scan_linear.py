"""file_mentions.mentioned_paths finds the list a path stands in ("Updated `a.go` and `b.go` …",
whose later paths take the first one's verb) with one scan of the text, not a rescan of the line
for every path (review-sig4 #10: 100 KB on one line took 16.8 s). The work is measured as the
characters the list pattern is run over: doubling the text must about double it, not quadruple it."""

from __future__ import annotations

from bot.signals import file_mentions


class _CountingPattern:
    """Wraps ``_MASKED_LIST`` and adds up the characters each call scans."""

    def __init__(self, pattern):
        self.pattern, self.scanned = pattern, 0

    def finditer(self, string, pos=0, endpos=None):
        self.scanned += (len(string) if endpos is None else min(endpos, len(string))) - pos
        return self.pattern.finditer(string, pos, len(string) if endpos is None else endpos)

    def sub(self, repl, string, count=0):
        self.scanned += len(string)
        return self.pattern.sub(repl, string, count)


def _work(monkeypatch, text: str) -> int:
    counter = _CountingPattern(file_mentions._MASKED_LIST)
    monkeypatch.setattr(file_mentions, "_MASKED_LIST", counter)
    file_mentions.mentioned_paths(text)
    monkeypatch.setattr(file_mentions, "_MASKED_LIST", counter.pattern)
    return counter.scanned


def _line(n: int) -> str:
    return "Updated " + " x ".join(f"p{i}.go" for i in range(n))


def test_the_list_scan_grows_linearly_with_one_long_line(monkeypatch):
    small, large = _work(monkeypatch, _line(400)), _work(monkeypatch, _line(800))
    assert large <= 2.5 * small


def test_later_paths_of_a_list_still_take_its_verb():
    far = "Updated " + ", ".join(f"`pkg/mod{i}/file.go`" for i in range(30))
    assert file_mentions.mentioned_paths(far) == [f"pkg/mod{i}/file.go" for i in range(30)]
    assert file_mentions.mentioned_paths("I ran `a.sh` and `b.sh` then\nsaw `c.go`") == []
