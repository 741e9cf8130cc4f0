"""Fake issue search, ``GET /search/issues``, for what PR Sieve asks: an author's pull requests
outside their own repositories created since a time (``is:pr is:public author:LOGIN -user:LOGIN
created:>=ISO``), newest first.

Like GitHub: the query must say ``is:pr``/``is:pull-request`` or ``is:issue`` (422 otherwise);
the token's private repositories are searched too (the fake's installation reaches every one it
holds) unless the query says ``is:public``; ``total_count`` counts every match
and ``items`` holds one page (``per_page``, at most 100). Other qualifiers are refused with a
422 so a test cannot rely on one the fake would silently ignore. A refusal has GitHub's
validation-error shape: ``message`` "Validation Failed", the reason in ``errors`` (resource
``Search``, field ``q``, code ``invalid``), ``documentation_url`` the operation's page.
"""

from __future__ import annotations

from datetime import datetime

from bot.fakegithub import pull_shapes
from bot.fakegithub.router import ROUTER, Abort, Reply, Req
from bot.fakegithub.routes_repo import pull_body
from bot.fakegithub.shapes import error
from bot.fakegithub.state import FakeState

route = ROUTER.route
KINDS = {"pr": "pr", "pull-request": "pr", "issue": "issue"}
DOCS = "https://docs.github.com/rest/search/search#search-issues-and-pull-requests"


def _refused(reason: str) -> Abort:
    """GitHub's 422 for a query it will not run: the reason is one of ``errors``, not the message."""
    return Abort(Reply(422, error("Validation Failed", 422, documentation_url=DOCS, errors=[
        {"resource": "Search", "field": "q", "code": "invalid", "message": reason}])))


def _terms(q: str) -> dict[str, str]:
    """The query's qualifiers; ``is`` is the kind (``is:public`` is kept apart as ``public``)."""
    terms = {}
    for word in q.split():
        key, sep, value = word.partition(":")
        if not sep or key not in ("is", "author", "created", "-user"):
            raise _refused(f"The fake search does not understand {word!r}")
        if (key, value) == ("is", "public"):
            key = "public"
        elif key == "is" and value not in KINDS:
            raise _refused(f"The fake search does not understand {word!r}")
        terms[key] = value
    if KINDS.get(terms.get("is", "")) is None:
        raise _refused("Query must include 'is:issue' or 'is:pull-request'")
    return terms


def _since(created: str | None) -> datetime | None:
    if created is None:
        return None
    if not created.startswith(">="):
        raise _refused("The fake search understands only created:>=TIME")
    return datetime.fromisoformat(created[2:].replace("Z", "+00:00"))


def _matches(body: dict, terms: dict[str, str], since: datetime | None) -> bool:
    author, not_owner = terms.get("author"), terms.get("-user")
    if author is not None and str(body["user"]["login"]).lower() != author.lower():
        return False
    if not_owner is not None and str(body["base"]["repo"]["owner"]["login"]).lower() == not_owner.lower():
        return False
    return since is None or datetime.fromisoformat(body["created_at"].replace("Z", "+00:00")) >= since


@route("GET", "/search/issues")
def search_issues(st: FakeState, base: str, req: Req) -> Reply:
    terms = _terms(req.query.get("q", ""))
    since = _since(terms.get("created"))
    items = []
    if KINDS[terms["is"]] == "pr":
        for repo in (r for r in st.repos.values() if not (r.private and "public" in terms)):
            for number in repo.pulls:
                body = pull_body(st, base, repo, number)
                if _matches(body, terms, since):
                    items.append(pull_shapes.search_item(base, repo.full_name, number, body))
    items.sort(key=lambda item: item["created_at"], reverse=True)
    per_page = min(max(int(req.query.get("per_page") or 30), 1), 100)
    return Reply(200, {"total_count": len(items), "incomplete_results": False, "search_type": "lexical",
                       "items": items[:per_page]})
