"""Helpers shared by tests that build odd webhook bodies from a real payload."""

from __future__ import annotations

import copy
import json


def replaced(payload: dict, path: tuple, value) -> bytes:
    """``payload`` as JSON bytes with the value at ``path`` (keys, outermost first) replaced."""
    changed = copy.deepcopy(payload)
    node = changed
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return json.dumps(changed).encode()
