"""``whitespace_or_format_only`` reads a line of escaped quotes in linear time (review 3 #4).

The literal regexes restarted at every quote of a line with no closing quote and read to the line's
end: a 20k-character line of ``\\"`` took 2.2 s, ten such files 22 s. Literals are now split in one
left-to-right pass; the result is the regex's split, case for case.
"""

from __future__ import annotations

import re
import time

import pytest

from bot.signals import literals
from bot.signals.formatting import whitespace_or_format_only
from bot.snapshot import FileChange, PRSnapshot


def _took(path: str, n: int) -> float:
    line = ('\\"' * n)[:n]
    patch = f'@@ -1 +1 @@\n-let s = "{line}";\n+    let s = "{line}";'
    snapshot = PRSnapshot(title="Fix", body="x", files=(FileChange(path=path, additions=1, deletions=1, patch=patch),))
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        whitespace_or_format_only(snapshot)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("path", ["src/lib.rs", "docs/guide.md", "src/app.py", "src/app.js"])
def test_a_line_of_escaped_quotes_is_read_in_linear_time(path):
    """Quadratic, doubling the line took 3.6 times as long (0.61 s to 2.19 s), so four times the line
    takes about 16 times as long; linear, about 4 times. The bound sits between, far from both, so a
    busy machine does not make it fail."""
    small, large = _took(path, 5_000), _took(path, 20_000)
    assert large <= 8 * small + 0.05


_CODE = re.compile(r'("(?:[^"\\\n]|\\.)*+"|\'(?:[^\'\\\n]|\\.)*+\'|`(?:[^`\\\n]|\\.)*+`)')
_PROSE = re.compile(r'("(?:[^"\\\n]|\\.)*+"|`(?:[^`\\\n]|\\.)*+`)')


@pytest.mark.parametrize("text", [
    '', 'plain', '"a" + \'b\' + `c`', '"unclosed \'x\' y', '\\"\\"\\"', '"\\"" x "y', "'it\\'s' and 'x",
    '"a\\\nb"', "don't \"quote\" isn't", '`a "b` "c"', "'\"' \"'\"", '"\\\\" "x"', '"a\nb" \'c\'',
])
def test_the_scan_splits_as_the_regex_did(text):
    assert literals.split(text, literals.CODE_QUOTES) == _CODE.split(text)
    assert literals.split(text, literals.PROSE_QUOTES) == _PROSE.split(text)


def test_a_reindented_line_of_literals_still_reads_as_format_only():
    patch = '@@ -1 +1 @@\n-let s = "a \\" b";\n+    let s = "a \\" b";'
    files = (FileChange(path="src/lib.rs", additions=1, deletions=1, patch=patch),)
    assert whitespace_or_format_only(PRSnapshot(title="Fix", body="x", files=files)).fired
    changed = patch.replace('+    let s = "a \\" b";', '+    let s = "a  \\" b";')
    files = (FileChange(path="src/lib.rs", additions=1, deletions=1, patch=changed),)
    assert not whitespace_or_format_only(PRSnapshot(title="Fix", body="x", files=files)).fired
