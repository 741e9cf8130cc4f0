"""A "feature spec" or a "request spec" is a specification, not a test claim (review 4 #2).

f99abb5 let "feature spec(s)" and "request spec(s)" count as test kinds; a design-doc PR that says
"Added the feature spec for offline mode" was told "… but the only changed file is not a test". They
count now only as RSpec's files with RSpec's words on the line ("request spec files in spec/requests/").
"""

from __future__ import annotations

import pytest

from tests.signals.claimcases import claim_fires


@pytest.mark.parametrize("body", [
    "Added the feature spec for offline mode.",
    "Wrote a feature spec for the export wizard (docs/design/offline-mode.md).",
    "Added feature specs for the three onboarding flows.",
    "Includes the feature spec and the API sketch.",
    "Added a request spec for the new webhook payloads (docs/design/offline-mode.md).",
    "Added request specs for the partner API in docs/api.md.",
    "Added the feature spec files for Q3 planning.",
])
@pytest.mark.parametrize("path", ["docs/design/offline-mode.md", "src/app/export.py"])
def test_a_feature_or_request_spec_is_no_test_claim(body, path):
    assert not claim_fires(body, path)


@pytest.mark.parametrize("body", [
    "Added request spec files in spec/requests/webhooks_spec.rb.",
    "Added feature spec files (checkout_spec.rb) driven by Capybara.",
    "Added unit specs for the validator.",
    "Added integration specs.",
    "Added e2e specs for the checkout.",
    "Added RSpec specs for the new endpoint.",
    "Added spec files for the serializer.",
])
def test_rspec_claims_still_fire(body):
    assert claim_fires(body, "app/controllers/webhooks_controller.rb")
