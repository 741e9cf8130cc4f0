"""Reading a config file's YAML strictly: one clear line, with a position, for what YAML lets pass.

PyYAML silently keeps the last of two equal keys, composes nested nodes recursively (so a few
thousand brackets raise RecursionError) and reports a control character without a line. YAML 1.1
also reads unquoted ``on``/``off``/``yes``/``no`` keys as booleans. Each becomes a ``YAMLProblem``,
and ``non_text_key`` words a key that is not text (a boolean, a number, a date) in YAML's terms.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import yaml

MAX_DEPTH = 20  # the schema nests 4 levels; PyYAML composes nodes recursively (RecursionError)


class YAMLProblem(ValueError):
    """Text that is not a usable YAML document; the message says where."""


class _Loader(yaml.SafeLoader):
    """``yaml.safe_load`` that refuses duplicate keys (YAML drops all but the last, silently) and
    nesting deeper than MAX_DEPTH, as YAML errors with a line and column."""

    _depth = 0

    def compose_node(self, parent, index):
        if self._depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels",
                                              self.peek_event().start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):
        seen: set = set()
        for key_node, _ in node.value:  # before merge keys ("<<") are flattened: those may repeat
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                key = self.construct_object(key_node)
                if key in seen:
                    raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}",
                                                            key_node.start_mark)
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise YAMLProblem(f"invalid YAML{_where(exc, text)}") from None


def _where(exc: yaml.YAMLError, text: str) -> str:
    if isinstance(exc, yaml.reader.ReaderError):  # a control character: no mark, a position
        line = text.count("\n", 0, exc.position)
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1)
        return f" at line {line + 1}, column {column + 1}: {exc.reason} (#x{exc.character:04x})"
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or "cannot parse"
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    return f"{where}: {problem}"


def non_text_key(data: dict, where: str = "", seen: set[int] | None = None) -> str | None:
    """The first key that is not text, described, or None. Each mapping is read once: aliases
    (``*a``) share one mapping between many places, and nested ones make a tree of a few lines
    that would take exponential time to walk place by place (a 600-character file, minutes)."""
    seen = set() if seen is None else seen
    seen.add(id(data))
    for key, value in data.items():
        if not isinstance(key, str):
            return where + _not_text(key)
        if isinstance(value, dict) and id(value) not in seen \
                and (found := non_text_key(value, f"{where}{key}: ", seen)):
            return found
    return None


def _not_text(key: object) -> str:
    """Why ``key`` is not text, in YAML's terms (not Python's ``datetime.date(...)``)."""
    if isinstance(key, bool):
        return (f"key {str(key).lower()} is not text (YAML reads unquoted on, off, yes and no as true "
                "and false: quote the key)")
    if key is None:
        return "a key left empty (or ~ or null) is not text: write the setting's name"
    if isinstance(key, (int, float)):
        return f"key {key} is a number, not text: quote the key"
    if isinstance(key, (date, datetime)):
        return f"key {key} is a date, not text: quote the key"
    return "a key is not text (a YAML tag such as !!binary): quote the key"
