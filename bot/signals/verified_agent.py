"""Whether a "verified by/with" phrase ``explains_testing`` found reports a tester's check or only says
what the code does: "Signatures are verified by the middleware", "Each webhook is verified by computing an
HMAC", "Payloads are verified with Ed25519 signatures" and "This will be verified by CI" report no check;
"This was verified by hand", "The fix was verified with a Postgres 15 database locally", "The patch was
verified with the updated SDK on Android 14", "This was verified with our test server", "The upgrade was
verified with the new SDK" and "is verified by the new unit tests" do. Also the places a
tester checks in (``ENVIRONMENT``), which ``care`` reads in "Checked on an iPhone 13".
"""

from __future__ import annotations

import re

# a place to test in: a browser, device, OS, environment or a version number ("on Firefox", "in Chrome 120")
ENVIRONMENT = (
    r"(?:(?:an?|the|my|our|both|several|multiple|two|three|real|physical|local|latest|current|stable)\s+){0,3}"
    r"(?:chrome|chromium|firefox|safari|edge|opera|brave|browsers?|iphones?|ipads?|android|pixel|samsung|galaxy"
    r"|ios|ipados|macos|mac|os\s*x|windows|linux|ubuntu|debian|fedora|arch|centos|rhel|alpine|wsl\d?|freebsd"
    r"|devices?|emulators?|simulators?|phones?|tablets?|laptops?|desktops?|staging|production|prod|dev"
    r"|node(?:\.?js)?|python|go|rust|java|jdk|ruby|php|vms?|virtual\s+machines?|docker|containers?|kubernetes"
    r"|k8s|clusters?|raspberry|arm64|aarch64|x86(?:_64)?|amd64|apple\s+silicon|m[1-4]|v?\d[\d.]*+)\b"
)
# "Signatures are verified by the middleware", "Input is verified with an HMAC", "The token was verified
# by the auth handler", "Payloads are verified with Ed25519 signatures", "Each webhook is verified by
# computing an HMAC": what the code does, with no tester. A passive before the verb, present or past,
# whose agent is a part of the code (``_CODE_AGENT``), or a present one whose agent is a computation
# (``_COMPUTED``: "is verified by checking its signature"); or a future or modal one ("will be verified by
# CI", "can be verified by:"), which reports no check yet. A person's check keeps its credit whatever the
# tense: "This was verified by hand", "Everything is verified by hand on Firefox", "All changes are
# manually verified with Firefox 120", "This was verified by running the server locally", "The fix was
# verified with a local Postgres database", "… with a Postgres 15 database locally", "… with the updated
# SDK on Android 14", "I verified that …", "is verified by the new unit tests".
_MODAL = re.compile(
    r"\b(?:will|would|can|could|should|must|may|might|shall|to)\s+(?:(?:also|then|still|first|only|\w+ly)\s+)*"
    r"be\s+(?:(?:now|also|then|still|always|first|again|only|\w+ly)\s+)*$",
    re.IGNORECASE)
_PASSIVE = re.compile(
    r"\b(?:(?P<present>is|are|gets?|getting|being)|was|were|been)\s+"
    r"(?:(?:now|also|then|still|always|first|again|only|\w+ly)\s+)*$",
    re.IGNORECASE)
# a part of the code as the agent: "the middleware", "the schema validator", "an HMAC", "Ed25519
# signatures", "strict JSON schemas", "a shared secret"; not a person's way or place of checking: a gerund
# right after "by"/"with" ("by running the server", "by using the API"), a tester's setting or own thing
# before the noun ("a local Postgres database", "my Python code", "our test server", "the reproduction code")
_CODE_AGENT = re.compile(
    r"\s+(?!\w+ing\b)(?:(?:the|a|an|our|its|their|each|every|this|that)\s+)?"
    r"(?:(?!(?:local|real|live|fresh|clean|staging|production|prod|dev|sandbox|my|own|test|testing|reproduction"
    r"|repro|reproducer|example|sample|demo|failing|minimal)\b)[\w.-]+\s+){0,2}?"
    r"(?:middleware|handlers?|code|server|functions?|methods?|validators?|library|module|service|backend|parser"
    r"|schemas?|hooks?|interceptors?|filters?|controllers?|router|framework|compiler|layer|package|class|decorator"
    r"|helpers?|gateway|proxy|database|db|api|sdk|runtime|kernel|signatures?|checksums?|hmacs?|hash(?:es)?"
    r"|secrets?|keys?|tokens?|certificates?|certs?|digests?|jwks|jwts?|nonces?)\b",
    re.IGNORECASE)
# a tester's setup around that noun: a version in or right after it ("a Postgres 15 database", "the Python
# 3.12 runtime", "the v2.3 server", "the kernel 6.8 module"), or a place after it ("… locally", "… on
# Android 14"); not "SHA-256" nor "a 2048-bit key"
_VERSION = re.compile(r"(?<![\w-])v?\d+(?:\.\d+)*(?![\w-])", re.IGNORECASE)
_TESTERS_SETTING = re.compile(rf"\s+(?:v?\d+(?:\.\d+)*(?![\w-])|locally\b|(?:on|in)\s+{ENVIRONMENT})", re.IGNORECASE)
# in the present passive, a computation as the agent: "is verified by computing an HMAC", "by checking its
# signature", "by using constant-time comparison"; not "by running the reproduction script"
_COMPUTED = re.compile(
    r"(?<=by)\s+(?:(?:re-?)?comput|check|compar|us|hash|validat|match|calculat|pars|decod|sign|look|enforc"
    r"|inspect|quer|consult)(?:ing|ying)\b",
    re.IGNORECASE)
# a tester's own setting in the rest of the clause keeps a present check's credit ("Everything is verified
# by checking the output on Firefox")
_TESTERS_CLAUSE = re.compile(rf"[^.;\n]{{0,80}}?\b(?:locally|manually|by\s+hand|(?:on|in)\s+{ENVIRONMENT})",
                             re.IGNORECASE)
# "is verified by the new unit tests", "is verified by TestRetryStops": tests the PR names, not the code
_TEST_AGENT = re.compile(r"\s+(?:(?:the|a|an|new|added|existing|unit|integration|e2e|regression)\s+){0,3}"
                         r"(?:tests?\b|specs?\b|test\s+suite\b|Test[A-Z_]\w*)")



def code_does(text: str, m: re.Match) -> bool:
    """Whether the phrase ``m`` ("verified by", "verified with") reports no tester's check: a passive
    whose agent is the code ("is verified by the middleware", "was verified by the auth handler",
    "is verified by computing an HMAC") or a future or modal one ("will be verified by CI")."""
    if not m.group(0).lower().startswith("verified"):
        return False
    before = text[max(0, m.start() - 40): m.start()]
    if _MODAL.search(before):
        return True  # "will be verified by CI": not checked yet
    passive = _PASSIVE.search(before)
    if not passive or _TEST_AGENT.match(text, m.end()):
        return False  # "Verified by running …", "is verified by the new unit tests"
    if passive.group("present") and _COMPUTED.match(text, m.end()):
        return not _TESTERS_CLAUSE.match(text, m.end())  # "Each webhook is verified by computing an HMAC"
    agent = _CODE_AGENT.match(text, m.end())
    if not agent or (not passive.group("present") and _used_new(m, agent)):
        return False  # "The upgrade was verified with the new SDK": what the tester checked with
    return not _VERSION.search(agent.group()) and not _TESTERS_SETTING.match(text, agent.end())


# a new or updated thing a past check was made with ("was verified with the new SDK", "… with the updated
# library"): the tester's setup; "was verified by the new handler" names the code's part as the agent
_NEW = re.compile(r"\b(?:new|newer|updated|upgraded|latest|patched|fixed)\b", re.IGNORECASE)


def _used_new(m: re.Match, agent: re.Match) -> bool:
    return m.group(0).lower().endswith("with") and bool(_NEW.search(agent.group()))
