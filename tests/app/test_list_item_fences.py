"""A code fence opened on a list item's line ("- ```", "1. ```") holds the lines indented under
the item, as GitHub renders it: a ``/sieve ok`` in there is code, not a command. Before, only a
fence on a line of its own was seen, so a stranger's text a maintainer pasted into such a block to
keep it inert ran as the maintainer's command. A line indented less than the item ends the item
and its fence (CommonMark), so it is read as any other line."""

from __future__ import annotations

import pytest

from bot.app.commands import parse


def _names(body: str) -> list[str]:
    return [c.name for c in parse(body)]


@pytest.mark.parametrize("body", [
    "- the author's log:\n- ```\n  /sieve ok\n  ```",
    "1. ```\n   /sieve ok\n   ```",
    "* ~~~ sh\n  /sieve exempt\n  ~~~",
    "- 1. ```\n     /sieve ok\n     ```",
    "- ```\n  code\n\n  /sieve ok\n  ```",  # a blank line does not end the item
    "10) ````\n    ```\n    /sieve ok\n    ````",  # a shorter fence inside does not close it
])
def test_a_command_inside_a_list_item_fence_is_code(body):
    assert _names(body) == []


def test_a_command_after_the_item_fence_closes_is_read():
    assert _names("1. ```\n   /sieve ok\n   ```\n\n/sieve exempt") == ["exempt"]
    assert _names("10. ```\n    /sieve ok\n    ```\n/sieve exempt") == ["exempt"]  # closed 4 spaces in


def test_a_line_indented_less_than_the_item_ends_its_fence():
    assert _names("- ```\n  code\n/sieve ok") == ["ok"]


def test_fences_on_their_own_lines_behave_as_before():
    assert _names("```\n/sieve ok\n```\n/sieve exempt") == ["exempt"]
    assert _names("- item\n  ```\n  /sieve ok\n  ```") == []
    assert _names("-```\n/sieve ok") == ["ok"]  # no space after the marker: not a list item


def test_a_line_of_list_markers_without_a_fence_ends():
    """Hostile input, not a speed target: each marker's spaces could also be the next one's indent,
    and a line that failed to match tried every split (4^n; 91 characters from any commenter held a
    worker for hours). Run in a child process, so the old pattern fails the test instead of hanging it."""
    import subprocess
    import sys

    code = "from bot.app.commands import parse; print(len(parse('-    ' * 40 + 'x\\n/sieve ok')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "1"  # the command after it is still read
