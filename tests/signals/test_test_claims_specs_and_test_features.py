"""A specification and a product's test feature are no test claims (review 3 #2).

"Added the spec for the new file format" (a format document) and "Added a dedicated test button to
the settings page" (a feature) were read as claiming tests, with the evidence "… but the only
changed file is not a test".
"""

from __future__ import annotations

import pytest

from tests.signals.claimcases import claim_fires

_NOT_CLAIMS = [
    "Added the spec for the new file format.",
    "Added a comprehensive spec for the wire format in docs/format.md.",
    "Wrote a thorough spec of the plugin API.",
    "Includes 3 specs: OpenAPI, AsyncAPI and JSON Schema.",
    "Added a dedicated test button to the settings page.",
    "Added a focused test mode to the CLI (--focus).",
    "Added extensive test logging.",
    "Created a dedicated test account for the demo.",
    "Added a new test mode for the printer.",
    "Added a simple test server for local development.",
    "Added new test credentials to the sample config.",
    "Introduced a 2 test limit per worker.",
    "Added an extra test flag.",
    "Added a test endpoint that echoes the payload.",
    "Added test users to the seed script.",
]


@pytest.mark.parametrize("body", _NOT_CLAIMS)
@pytest.mark.parametrize("path", ["src/prime.py", "docs/format.md"])
def test_a_spec_document_or_a_test_feature_is_no_test_claim(body, path):
    assert not claim_fires(body, path)


@pytest.mark.parametrize("body", [
    "Added comprehensive unit tests.",
    "Added unit tests for the parser.",
    "Added a dedicated test for the retry.",
    "Added focused tests for the boundary.",
    "Added extensive test coverage for `split_at`.",
    "Added unit specs for the validator.",
    "Added RSpec specs for the new endpoint.",
    "Added spec files for the serializer.",
    "Added integration specs.",
    "Added test cases for the empty input.",
    "Added a test for the new mode.",
    "Added tests for the settings page.",
])
def test_test_claims_still_fire(body):
    assert claim_fires(body)
