"""The value types of ``.github/sieve.yml`` and the one-line errors a maintainer reads.

Names are trimmed and may not be blank; ``exempt.users`` are logins (``@alice`` loses its
``@``), ``exempt.teams`` are ``org/team-slug``; ``policy_url`` is an https link that renders as
a Markdown link (``SAFE_URL``, which ``bot.app.render`` also uses). ``first_error`` words
pydantic's first error in the file's own terms.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, StringConstraints, ValidationError


def _not_blank(value: str) -> str:
    if not value:
        raise ValueError("must not be empty or only spaces")
    return value


def _one_line(value: str) -> str:
    """A label or check name GitHub shows on one line: a line break, tab or other control
    character would be refused by GitHub (its 422 reached the PR as a failed delivery), so the
    file names it instead."""
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in value):  # U+2028/9 break lines too
        raise ValueError(f"{_quoted(value.encode('unicode_escape').decode('ascii'))} must be one line "
                         "without control characters")
    return value


def _quoted(value: str) -> str:
    return f'"{value[:60]}"'


# Letters, digits and hyphens (an enterprise-managed user's ends in ``_shortcode``), an app's
# bot account ``name[bot]``: an email address, a name with a dot or a list in one entry never is
LOGIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(?:\[bot\])?")


def _login(value: str) -> str:
    """A GitHub login; written as a mention (``@alice``) it loses the ``@``."""
    login = value.strip().removeprefix("@")
    if "/" in login:
        raise ValueError(f"{_quoted(value)} is a team: list it under exempt.teams")
    if not LOGIN.fullmatch(login):
        raise ValueError(f"{_quoted(value)} must be a GitHub login, such as octocat")
    return login


TEAM = re.compile(r"[^/\s]+/[^/\s]+")


def _team(value: str) -> str:
    """``org/team-slug`` (``@org/team-slug`` loses the ``@``); a bare slug names no organisation."""
    team = value.strip().removeprefix("@")
    if not TEAM.fullmatch(team):
        raise ValueError(f'{_quoted(value)} must be written "org/team-slug", such as acme/maintainers')
    return team


# An https link that renders as a Markdown link: no whitespace, control characters, brackets,
# backticks or backslashes. bot.app.render links only what this matches, so a URL the config
# accepts is never dropped from the comment (which would read "See the .").
SAFE_URL = re.compile(r"https://[^\s\x00-\x1f\x7f<>()\[\]`\\]+")


def _safe_url(value: str) -> str:
    if not SAFE_URL.fullmatch(value):
        raise ValueError(FORMS["policy_url"])
    return value


LabelName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=50), AfterValidator(_not_blank),
                     AfterValidator(_one_line)]
CheckName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=80), AfterValidator(_not_blank),
                     AfterValidator(_one_line)]
Login = Annotated[str, AfterValidator(_login)]
Team = Annotated[str, AfterValidator(_team)]
PolicyUrl = Annotated[str, StringConstraints(max_length=300), AfterValidator(_safe_url)]


MESSAGES = {  # pydantic's wording where it names internals (a class, a regular expression)
    "extra_forbidden": "unknown key",
    "model_type": "should be a mapping of settings (key: value lines)",
}
FORMS = {"policy_url": "must be an https:// link without spaces, brackets or backslashes",
         "color": "must be six hex digits, such as fbca04 (in quotes when all are digits: '000000')"}


def first_error(exc: ValidationError) -> str:
    errors = exc.errors()
    first = errors[0]
    where = ".".join(str(p) for p in first["loc"]) or "top level"
    message = MESSAGES.get(first["type"], first["msg"].removeprefix("Value error, "))
    if first["type"] in ("string_pattern_mismatch", "string_type") and str(first["loc"][-1]) in FORMS:
        message = FORMS[str(first["loc"][-1])]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return " ".join(f"{where}: {message}{more}".split())
