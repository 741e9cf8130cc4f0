"""The fake's refused search (``GET /search/issues``, 422) has the shape of GitHub's real 422.

../shared has no recorded search refusal; it has a real 422 from another operation (octokit's
``errors`` scenario: ``{"message": "Validation Failed", "errors": [{"resource": "Label", "code":
"invalid", "field": "color"}], "documentation_url": ...}``) and the ``validation-error`` schema
that GitHub's description gives search's 422. The fake used to put the reason in ``message`` and
send no ``errors``, which that schema allows (only ``message`` and ``documentation_url`` are
required) but GitHub never sends for a query it refuses.
"""

from __future__ import annotations

import json

import pytest
import requests

from bot.paths import shared_dir

RECORDED = "github/recorded/octokit-fixtures/scenarios/api.github.com/errors/normalized-fixture.json"


@pytest.fixture(scope="module")
def real_422() -> dict:
    """The body of the recorded real 422 (../shared, read in place)."""
    root = shared_dir()
    if root is None or not (root / RECORDED).is_file():
        pytest.skip("../shared not found: set SIEVE_SHARED_DIR to compare with GitHub's recorded 422")
    return next(e["response"] for e in json.loads((root / RECORDED).read_text()) if e["status"] == 422)


@pytest.mark.parametrize("q", [
    "author:alice",  # neither is:issue nor is:pull-request: GitHub refuses it too
    "is:pr author:alice language:python",  # a qualifier the fake does not understand
    "is:pr created:<2024-01-01",  # a date range the fake does not understand
])
def test_a_refused_search_has_githubs_validation_failed_shape(fake, auth, operations, real_422, q):
    refused = requests.get(fake.base_url + "/search/issues", params={"q": q}, headers=auth)
    assert refused.status_code == 422
    body = refused.json()
    assert set(real_422) <= set(body), f"keys of the real 422 missing: {set(real_422) - set(body)}"
    assert body["message"] == real_422["message"] == "Validation Failed"
    [error] = body["errors"]
    assert set(real_422["errors"][0]) <= set(error)  # resource, code, field
    assert {key: error[key] for key in ("resource", "field", "code")} == {
        "resource": "Search", "field": "q", "code": "invalid"}
    assert isinstance(error["message"], str) and error["message"]  # the reason is said here
    search = next(op for op in operations["operations"] if op["path"] == "/search/issues")
    documented = search["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    schema = operations["components"]["schemas"][documented]
    assert set(body) <= set(schema["properties"]) | {"status"}  # as in basic-error: the fake sends it with every error
    assert set(error) <= set(schema["properties"]["errors"]["items"]["properties"])
    assert body["documentation_url"] == search["docs"]  # like the recorded one: its operation's page
