"""Which PR template a description follows, when a repository keeps several (pure).

GitHub pre-fills a new PR with the one template file it finds (``FILE_NAMES`` in ``.github/``,
the root or ``docs/``, in that order). A repository may instead keep several in a
``PULL_REQUEST_TEMPLATE/`` folder in one of those places; GitHub then pre-fills nothing, and an
author gets one only by asking for it (``?template=name.md`` in the compare URL). So a description follows one of them or none, and
only the template it visibly follows is the one its sections are judged against.
"""

from __future__ import annotations

import re

from bot.signals.hits import without_comments

FOLDER_PARENTS = (".github", "", "docs")  # where GitHub looks for the folder, in its order
FOLDER_NAME = "pull_request_template"  # matched without regard to case
# the single template's names, matched without regard to case ("not case sensitive, and can have an
# extension such as .md or .txt": GitHub's docs), the usual one first
FILE_NAMES = ("pull_request_template.md", "pull_request_template.txt", "pull_request_template")
MAX_TEMPLATES = 12  # templates read from one folder (each is one API call)
MIN_SHARED_LINES = 2  # a description shares at least this many lines, or one heading, to follow it
_TICKED = re.compile(r"^([-*+]\s+)\[[xX]\]")  # a ticked box follows the template as much as an open one


def is_template_path(path: str) -> bool:
    """Whether ``path`` is where a PR template lives: the single template file in one of
    ``FOLDER_PARENTS``, or a file in a template folder."""
    folder, _, name = path.rpartition("/")
    in_place = folder in FOLDER_PARENTS and name.lower() in FILE_NAMES
    return in_place or folder.rpartition("/")[2].lower() == FOLDER_NAME


def file_paths(parent: str, listing: dict[str, str] | None) -> list[str]:
    """The single-template files in ``parent``'s listing (name -> type): ``.md`` before ``.txt``
    before none, the lower-case spelling first."""
    names = sorted((name for name, kind in (listing or {}).items() if kind == "file" and name.lower() in FILE_NAMES),
                   key=lambda name: (FILE_NAMES.index(name.lower()), name != name.lower(), name))
    return [f"{parent}/{name}" if parent else name for name in names]


def folder_path(parent: str, listing: dict[str, str] | None) -> str | None:
    """The path of the template folder in ``parent``'s listing (name -> type), or None."""
    for name, kind in sorted((listing or {}).items()):
        if kind == "dir" and name.lower() == FOLDER_NAME:
            return f"{parent}/{name}" if parent else name
    return None


def template_paths(folder: str, listing: dict[str, str] | None) -> list[str]:
    """The Markdown or text files of a template folder, in name order, at most ``MAX_TEMPLATES``."""
    names = sorted(name for name, kind in (listing or {}).items()
                   if kind == "file" and name.lower().endswith((".md", ".txt")))
    return [f"{folder}/{name}" for name in names[:MAX_TEMPLATES]]


def _lines(text: str) -> set[str]:
    return {_TICKED.sub(r"\1[ ]", line.strip()) for line in without_comments(text).splitlines() if line.strip()}


def _follows(shared: set[str]) -> bool:
    return len(shared) >= MIN_SHARED_LINES or any(line.startswith("#") for line in shared)


def closest(body: str, templates: list[str]) -> str | None:
    """The template ``body`` follows most (most lines shared word for word, a ticked box as its
    open one; on a tie the shorter template), or None when it follows none of them."""
    seen = _lines(body)
    best, best_key = None, (0, 0)
    for template in templates:
        lines = _lines(template)
        shared = lines & seen
        key = (len(shared), -len(lines))
        if _follows(shared) and (best is None or key > best_key):
            best, best_key = template, key
    return best
