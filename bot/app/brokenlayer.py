"""What a broken config layer still applies: settings that make PR Sieve do less, and label names.

A layer that does not match the schema is dropped (``bot.app.config``), but a mistake elsewhere
in the file must never turn PR Sieve on, shadow mode off or comments back on, nor get a teammate
it exempts labelled. So its real-boolean ``enabled: false``, ``shadow: true`` and
``comment: {enabled: false}`` still apply (``safe_side``), and so do the exemptions of its
``exempt`` section when that section is valid (``more_exempt``) and the label names of its
``labels`` section when that one is (``kept_labels``). A layer that cannot be read as
settings at all is searched line by line for its top-level ``enabled: false`` and ``shadow: true``
(``scanned_safe_side``), a UTF-16 or UTF-32 file's too, with or without a byte order mark.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from pydantic import ValidationError

from bot.app.configschema import Exempt, Labels, merge

# Settings that only make PR Sieve do less: a broken layer that sets them still gets them, so a
# mistake elsewhere in the file never turns PR Sieve on or shadow mode off (never the reverse),
# nor comments back on
SAFE_SIDE = {"enabled": False, "shadow": True}
SAFE_SECTIONS = {("comment", "enabled"): False}

# Top-level ``enabled: false`` / ``shadow: true`` lines, found in a file YAML cannot read: every
# spelling YAML 1.1 reads as that boolean (``no``, ``off``; ``yes``, ``on``), unquoted
_SAFE_LINES = {key: re.compile(rf"{key}[ \t]*:[ \t]*(?:{words})[ \t]*(?:#.*)?", re.IGNORECASE)
               for key, words in (("enabled", "false|no|off"), ("shadow", "true|yes|on"))}


# The byte order marks of the "Unicode" text editors save besides UTF-8 (UTF-32's first: its
# little-endian mark starts with UTF-16's)
_WIDE = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


# The same without a mark, each with the place of a character's low byte in its code unit
_UNMARKED = (("utf-32-le", 4, 0), ("utf-32-be", 4, 3), ("utf-16-le", 2, 0), ("utf-16-be", 2, 1))


def wide_encoding(data: bytes) -> str | None:
    """``utf-16`` or ``utf-32`` when ``data`` starts with that encoding's byte order mark; the
    codec (``utf-16-le``...) of one saved without a mark (``unmarked_wide``)."""
    return next((name for bom, name in _WIDE if data.startswith(bom)), None) or unmarked_wide(data)


def unmarked_wide(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte order mark, told by its NUL bytes: a config is mostly
    ASCII, each character of which is one byte beside NULs in those encodings (and valid UTF-8
    then, NUL bytes and all); UTF-8 text has no NUL."""
    if b"\x00" not in data:
        return None
    return next((codec for codec, width, low in _UNMARKED
                 if len(data) % width == 0 and _mostly_ascii(data, width, low)), None)


def _mostly_ascii(data: bytes, width: int, low: int) -> bool:
    """Whether at least 3 in 4 of ``data``'s ``width``-byte units hold one byte, at ``low``."""
    units = [data[i:i + width] for i in range(0, len(data), width)]
    single = sum(1 for unit in units if unit[low] and unit.count(0) == width - 1)
    return single * 4 >= len(units) * 3


def scan_text(layer: str | bytes | Exception) -> str:
    """What the line scan reads of an unreadable layer: its text; bytes that are not UTF-8 as
    their byte order mark or NUL bytes say (else as UTF-8, what cannot be read replaced); nothing of a file
    that was never read."""
    if isinstance(layer, bytes):
        return layer.decode(wide_encoding(layer) or "utf-8", errors="replace")
    return layer if isinstance(layer, str) else ""


def scanned_safe_side(text: str) -> dict[str, Any]:
    """The SAFE_SIDE settings an unreadable layer's own top-level lines give; a line may end in
    CRLF (a file saved on Windows) and the first may start with a byte order mark."""
    lines = text.removeprefix("\ufeff").splitlines()
    return {key: SAFE_SIDE[key] for key, line in _SAFE_LINES.items() if any(map(line.fullmatch, lines))}


def safe_side(data: dict[str, Any]) -> dict[str, Any]:
    """The SAFE_SIDE and SAFE_SECTIONS settings ``data`` gives as real booleans (not 0, "false"
    or "yes")."""
    kept: dict[str, Any] = {key: value for key, value in SAFE_SIDE.items() if data.get(key) is value}
    for (section, key), value in SAFE_SECTIONS.items():
        part = data.get(section)
        if isinstance(part, dict) and part.get(key) is value:
            kept[section] = {key: value}
    return kept


def more_exempt(merged: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """A broken layer's ``exempt`` section, when it is valid on its own, on the safe side too: the
    people, teams and associations it lists are added and the kinds it exempts stay exempt, so a
    typo elsewhere never gets a listed teammate labelled; nothing it leaves out is taken away, and
    a field it does not set adds nothing (its default would undo an org's narrower exemptions)."""
    try:
        asked = Exempt.model_validate(data.get("exempt"))
    except ValidationError:
        return {}
    now, kept = merged["exempt"], {}
    for key in asked.model_fields_set:
        value = getattr(asked, key)
        kept[key] = list(dict.fromkeys([*now[key], *value])) if isinstance(value, list) else now[key] or value
    return {"exempt": kept} if kept else {}


def kept_labels(merged: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """A broken layer's ``labels`` section when, over the labels in force, it is valid on its own:
    the file names the labels it will use once fixed, and a default-named label put on meanwhile
    would then be a stranger's, never taken off. Empty when there is none or it is broken (then
    ``ConfigLoad.labels_unknown``: no band label goes on). Its ``model_only`` applies only as
    false: labelling less."""
    section = data.get("labels")
    if not isinstance(section, dict):
        return {}
    try:
        Labels.model_validate(merge(merged["labels"], section))
    except ValidationError:
        return {}
    return {"labels": {key: value for key, value in section.items() if key != "model_only" or value is False}}
