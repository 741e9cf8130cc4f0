"""admits_untested: the excuses for failures the PR repairs, CI the PR fixes, tests the PR adds
and a partial admission stay narrow, so real admissions keep firing (review-sig4 #2).

* "before my change" is an excuse only as when the check fails, with the line going on to say it
  passes with the change: "it passed before my change" is a regression the change made.
* A version is an excuse only when called the released one, not "v20" or "the latest version of serde".
* "This PR …" repairs the failure only with a repair verb whose object is the failure, its cause,
  a code span or "… instead"; a CI excuse needs the PR to repair CI.
* "Untested X … now covered" needs "Untested" to head a noun phrase that *now* has tests.
* A command span that "passes" counts as how it was tested only for a test command said to pass.
"""

from __future__ import annotations

import pytest

from bot.signals.untested import admits_untested
from bot.snapshot import PRSnapshot


def _fires(body: str) -> bool:
    return admits_untested(PRSnapshot(title="t", body=body)).fired


@pytest.mark.parametrize("body", [
    "`make check` fails - it passed before my change, still investigating.",
    "`pytest` fails before the fix is applied and still fails after it, not sure why.",
    "`go test ./...` fails on v1.22 of the toolchain, haven't had time to look into it.",
    "`npm test` fails on v20, not sure why yet.",
    "`cargo test` fails on the latest version of serde, I haven't looked into it.",
    "`yarn test` fails locally; this PR uses the new SDK so that might be why.",
    "It is untested on my fork, this PR fixes the login redirect.",
    "We couldn't run the tests in CI, this PR fixes the login redirect.",
    "Untested - I'm not sure how this module is tested.",
    "Untested: this code path now has no tests since I removed the old ones.",
    "I haven't tested this. However, `validate()` should pass for all inputs.",
    "I didn't run the tests, but `make build` passes.",
])
def test_real_admissions_fire(body):
    assert _fires(body)


@pytest.mark.parametrize("body", [
    "`go test ./...` fails without this patch and passes with it.",
    "`pytest -k regression` failed before the fix; passes now.",
    "`cargo test --test decode` fails on v1.4.2 (the released version) with the panic from #311.",
    "`npm run build` fails on Windows because of the path separator. This PR uses `path.join` instead.",
    "`make test` fails on arm64 because the linker flag is wrong; this PR fixes the flag.",
    "Tests were not run on CI for forks. This PR fixes the workflow trigger.",
    "Untested branches in `retry.go` are now covered by table tests.",
    "I couldn't test on a real device; however `cargo test` and the emulator run pass.",
])
def test_the_intended_excuses_stay_quiet(body):
    assert not _fires(body)
