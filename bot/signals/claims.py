"""Description-versus-diff mismatches (kind "effort"): the text claims something the diff
does not show.

- ``claims_tests_without_tests``: "added unit tests" / a ticked test checkbox, but no changed
  file is a test (needs the complete file list);
- ``mentions_missing_files``: the description says it changed files that are not among the
  changed files (needs the complete file list). Only a file named after a change verb on its
  line counts ("Added tests in `rpc/core/missing_block_test.go`"): a file named as context (a
  root cause, a caller, a script to run, an existing test, what new tests are for) is no claim
  (``file_mentions``), and in the training
  split such mentions made most of its firings on human PRs and agent PRs alike. Community
  files such as CONTRIBUTING.md, which are cited as references, do not count; it takes one
  missing path with a directory or two missing bare file names to fire;

Template leftovers (HTML comments, unchecked boxes, "Please …" instruction lines), fenced code,
quoted lines and GitHub's squash-merge commit lists are dropped first: they are not the
author's claims.
- ``issue_link_only``: the description is just "Fixes #N" boilerplate with no explanation.
  Weak evidence (0.4 for a bare link, 0.25 with a few words, never strong): the explanation
  often lives in the linked issue, and in the training split people wrote such descriptions
  six times as often as agents. Only the author's own words count as the few words: not
  headings (a template's "## Description", "### Related issue") and not the end of a cut-off
  title that GitHub moved into the body ("…l based on it (#5638)").
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.result import SignalHit
from bot.signals import file_mentions, filekinds, hits, package_mentions
from bot.signals.caseless import Caseless
from bot.signals.negation import declined
from bot.snapshot import PRSnapshot
from bot.text import is_squash_list

KIND = "effort"

# What follows "test(s)" when the words name the project's test tooling, not tests: "Add test script to
# package.json", "Added test ids to the Button", "test coverage reporting", "so new tests are picked up"
_COVERAGE_TOOLING = r"\s*(?:report|upload|threshold|gate|badge|tool|collection)"
# or a feature of the product that is for trying it out: "a dedicated test button", "a focused test mode",
# "extensive test logging", "a test account for the demo", "a simple test server", "a 2 test limit"
_TEST_FEATURE = (r"(?:buttons?|modes?|logging|logs?|accounts?|users?|pages?|servers?|endpoints?|flags?|credentials?"
                 r"|limits?|tokens?|keys?|emails?|messages?|notifications?|webhooks?|connections?|instances?"
                 r"|networks?|clusters?|databases?|screens?|tabs?|panels?|dialogs?|menus?|options?|toggles?|switch)\b")
_TEST_INFRA = (r"[ \t]*(?:suites?|runners?|matrix|framework|config|env|environments?|infra|harness|setup|utilit|helpers?"
               r"|data|fixtures?|workflow|job|step|target|dependenc|scripts?\b|-?ids?\b|attributes?\b|commands?\b"
               r"|timeouts?\b|results?\b|reports?\b|reporters?\b|selectors?\b"
               r"|are\s+(?:picked\s+up|discovered|detected|collected)\b"
               rf"|coverage{_COVERAGE_TOOLING}|{_TEST_FEATURE})")
# "spec(s)" is a test only as a test kind's ("unit specs", "RSpec specs", "test specs") or as files
# ("spec files"): alone it is as often a specification ("Added the spec for the new file format"), and so
# is a "feature spec" or a "request spec" (a product's or an API's), unless it is RSpec's files with their
# words on the line ("request spec files in spec/requests/", "feature spec files (checkout_spec.rb)")
_RSPEC_WORDS = r"(?=[^\n]{0,200}?(?:_spec\.rb\b|\bspec/|\brspec\b|\bcapybara\b))"
_TEST_NOUN = (r"(?:(?:unit|integration|regression|e2e|end-to-end|comprehensive|test)\s*)?(?:tests?|test\s+cases?)\b"
              r"|(?:unit|integration|regression|e2e|end-to-end|test|rspec|jasmine)\s+specs?\b"
              rf"|(?:request|feature)\s+specs?\s+files?\b{_RSPEC_WORDS}|specs?\s+files?\b")
_TEST_CLAIM = Caseless(
    r"\b(?:add(?:ed|s|ing)?|wr[io]te|written|writing|new|includ(?:e|es|ed|ing)|creat(?:e|ed|es)"
    r"|implement(?:ed|s)?|extend(?:ed|s)?|introduc(?:e|ed|es))\s++"  # possessive: a long run of spaces is read once
    r"(?:(?:a|an|the|some|more|new|few|basic|additional|extra|missing|relevant|corresponding|proper|simple"
    r"|several|comprehensive|thorough|extensive|robust|dedicated|targeted|focused|\d+)\s++){0,3}"
    r"(?:(?:unit|integration|regression|e2e|end-to-end)\s+(?:and|&|/|or)\s+)?"  # "unit and integration tests"
    rf"(?:{_TEST_NOUN})(?!{_TEST_INFRA})"
    r"|\b(?:tests?|test\s+cases?)\s+(?:were\s+|have\s+been\s+|are\s+)?(?:added|included|written|created)\b"
    r"|\b(?:full|complete|improved?|increased?|better|comprehensive|extensive|thorough|adds?)\s+(?:unit\s+)?test"
    r"\s+coverage\b"
    rf"(?!{_COVERAGE_TOOLING})"
    # a ticked item: "added", "wrote", "included", not "New and existing unit tests pass" (tests run)
    r"|^[ \t]*[-*][ \t]*\[x\][^\n]*\b(?:added|add|wrote|written|include[sd]?)\b[^\n]*\btests?\b",
    re.MULTILINE,
)
_TICKED_VERB = re.compile(r"\b(?:added|add|wrote|written|include[sd]?)\b", re.IGNORECASE)
_ISSUE_REF = re.compile(
    r"\b(?:fix(?:e[sd])?|close[sd]?|resolve[sd]?|refs?|related(?:\s+to)?|see|part\s+of|for|addresses)?:?\s*"
    r"(?:[\w.-]+/[\w.-]+)?#\d+\b\.?"
    r"|https?://github\.com/[\w.-]+/[\w.-]+/(?:issues|pull)/\d+\S*",
    re.IGNORECASE,
)
_PREPOSITION_BEFORE = re.compile(r"\b(?:for|about|on|of|how|when|while|before|to)\s+$", re.IGNORECASE)
_ANY_CHECKBOX = re.compile(r"^[ \t]*+(?:~{1,2}[ \t]*+)?[-*+][ \t]+~{0,2}\[[ xX]?\].*$", re.MULTILINE)  # "~- [] …~" too
_INSTRUCTION = Caseless(
    r"\b(?:please|should|must|you|make\s+sure|remember|don't\s+forget|if\s+applicable|e\.g\.|n/a"
    r"|or\s+no\s+tests?|no\s+tests?\s+(?:needed|required))\b"
)
# A template's marks: a line holding one is an instruction wherever it stands
_TEMPLATE_MARK = re.compile(r"\b(?:please|make\s+sure|remember|don't\s+forget|if\s+applicable|e\.g\.|n/a"
                            r"|or\s+no\s+tests?|no\s+tests?\s+(?:needed|required))\b", re.IGNORECASE)
# "should", "must", "you" make an instruction ("You should add tests", "If you added tests, …", "New
# features must include tests") unless the author's past-tense claim comes first: "Added unit tests that
# should cover every edge case", "Added unit tests so you can see the fix works"
_ADDRESS = re.compile(r"\b(?:should|must|you)\b", re.IGNORECASE)
_PAST_CLAIM_VERB = re.compile(r"\b(?:added|wrote|written|included|created|implemented|introduced|extended)\b",
                              re.IGNORECASE)
# A fenced code block, through its closing fence or (unclosed, as GitHub renders it) the end
_FENCED = re.compile(r"^[ \t]{0,3}(```|~~~)[^\n]*\n?.*?(?:^[ \t]{0,3}\1[^\n]*$|\Z)", re.DOTALL | re.MULTILINE)


def _author_text(snapshot: PRSnapshot) -> str:
    """The description minus what a template put there: HTML comments, unchecked boxes and
    instruction lines ("Please add tests …", "You should …"), minus struck-through words (taken
    back), minus fenced code blocks (pasted logs, tracebacks and command examples name files and
    tests nobody claims to edit) and minus quoted lines (the issue's request, a reviewer's words:
    "> Add tests for …"). A
    squash-merge body ("* Update write.go" per commit) claims nothing: a later commit may have
    undone what an earlier one names."""
    body = hits.author_body(snapshot)
    if is_squash_list(body):  # GitHub's squash body: the branch's commit subjects, not the author's claims
        return ""
    return _without_instructions(_without_quotes(_without_fences(_without_struck(body))))


_STRUCK = re.compile(r"~~[^~\n]+~~")  # "- [x] ~~I have added unit tests~~ (docs only)": taken back


def _without_struck(text: str) -> str:
    return _STRUCK.sub("", text) if "~~" in text else text


def _without_fences(text: str) -> str:
    return _FENCED.sub("", text) if "```" in text or "~~~" in text else text


def _without_quotes(text: str) -> str:
    if ">" not in text:
        return text
    return "\n".join(line for line in text.splitlines() if not line.lstrip(" ").startswith(">"))


@lru_cache(maxsize=64)  # both claim signals read it
def _without_instructions(text: str) -> str:
    lines = text.splitlines()
    if not _INSTRUCTION.search(text):  # a line that matches makes the whole text match
        return "\n".join(lines)
    return "\n".join(line for line in lines if not _is_instruction(line))


def _is_instruction(line: str) -> bool:
    if not _INSTRUCTION.regex.search(line):
        return False
    if _TEMPLATE_MARK.search(line):
        return True
    address = _ADDRESS.search(line)
    return not (address and _PAST_CLAIM_VERB.search(line, 0, address.start()))


CLAIM_QUOTE_LIMIT = 80  # characters of the claim's line quoted, around the claim


def claims_tests_without_tests(snapshot: PRSnapshot) -> SignalHit:
    name = "claims_tests_without_tests"
    if not hits.files_complete(snapshot) or _has_tests(snapshot):
        return hits.quiet(name, KIND)
    m = _first_claim(_author_text(snapshot))
    if not m:
        return hits.quiet(name, KIND)
    claim = hits.excerpt_around(m.string, m.start(), m.end(), CLAIM_QUOTE_LIMIT)  # the claim, not the line start
    return hits.fired(name, KIND, 1.0,
                      f"says {hits.quote(claim, CLAIM_QUOTE_LIMIT)} but {_none_of(len(snapshot.files))} a test")


def _first_claim(text: str) -> re.Match | None:
    """The first test claim that is not the object of a preposition ("guidance for writing
    tests", "how to add tests") and not negated, deferred or offered ("I didn't add tests",
    "I'll add tests in a follow-up", "I can add tests if needed": ``negation.declined``)."""
    for m in _TEST_CLAIM.finditer(text):
        start = _claim_start(m)
        if not _PREPOSITION_BEFORE.search(text, max(0, start - 16), start) and not declined(text, start, m.end()):
            return m
    return None


def _claim_start(m: re.Match) -> int:
    """Where the claim's words start: a ticked item's verb ("- [x] I have not added tests")."""
    if m.group()[:1] not in " \t-*":
        return m.start()
    verb = _TICKED_VERB.search(m.group())
    return m.start() + verb.start() if verb else m.start()


def _has_tests(snapshot: PRSnapshot) -> bool:
    return any(filekinds.is_test_path(f.path) or filekinds.patch_has_test_module(hits.patch(f), f.path)
               for f in hits.files(snapshot))



def mentions_missing_files(snapshot: PRSnapshot) -> SignalHit:
    name = "mentions_missing_files"
    if not hits.files_complete(snapshot):
        return hits.quiet(name, KIND)
    text = _without_checkboxes(_author_text(snapshot))  # checklists cite docs/ etc.
    mentioned = file_mentions.mentioned_paths(text)
    if not mentioned:
        return hits.quiet(name, KIND)
    paths = [p for f in hits.files(snapshot) for p in (f.path, f.previous_filename) if p]  # a rename names both
    paths += snapshot.ignored_paths  # touched, though paths.ignore keeps them out of the rest
    missing = [m for m in mentioned if not file_mentions.matches_any(m, paths)]
    if missing:
        missing = _not_in_patches(snapshot, missing, text)
    if _weight(missing) < 1:  # one bare "config.toml" is often a concept, not a claimed edit
        return hits.quiet(name, KIND)
    shown = ", ".join(f"`{m}`" for m in missing[:3]) + (" …" if len(missing) > 3 else "")
    return hits.fired(name, KIND, _weight(missing) / _weight(mentioned),
                      f"names {shown} ({len(missing)} of {len(mentioned)} named {_files(len(mentioned))}) "
                      f"but the diff does not touch {'it' if len(missing) == 1 else 'them'}")


_JS_LIBRARY = re.compile(r"[a-z][\w-]*\.js")  # "chart.js", "hammer.js": packages when package.json changed


def _not_in_patches(snapshot: PRSnapshot, missing: list[str], text: str) -> list[str]:
    """The missing mentions the changed lines of code and config (and the link targets of prose:
    ``file_mentions.referencing_lines``) do not hold word for word, less library names ("Updated
    chart.js and hammer.js") a changed package.json's patch names as a whole quoted name. A
    package.json whose patch is unknown (GitHub omits a large diff's) excuses only the library names
    ``text`` itself calls packages ("bumped chart.js to 4.4.0": ``package_mentions``), not every
    "server.js"."""
    changes = hits.within_patch_budget(hits.files(snapshot))
    changed = file_mentions.referencing_lines((f.path, hits.patch(f)) for f in changes)
    manifests = [f for f in hits.files(snapshot) if f.path.rpartition("/")[2] == "package.json"]
    names = file_mentions.package_names(hits.patch(f) for f in manifests)
    unseen = any(not f.patch or f.patch_truncated for f in manifests)
    return [m for m in missing if not file_mentions.in_patches(m, changed)
            and not (_JS_LIBRARY.fullmatch(m) and _library(m, names, unseen, text))]


def _library(mention: str, names: set[str], unseen: bool, text: str) -> bool:
    """A changed package.json names ``mention``, or may (``unseen`` patch) and ``text`` calls it a package."""
    if names and file_mentions.is_package(mention, names):
        return True
    return unseen and package_mentions.named_as_package(mention, text)


def _without_checkboxes(text: str) -> str:
    """``text`` without checklist lines; each holds "[ ]", "[x]", "[X]" or "[]", so most texts need no scan."""
    return _ANY_CHECKBOX.sub("", text) if any(map(text.__contains__, ("[ ]", "[x]", "[X]", "[]"))) else text


def _weight(mentions: list[str]) -> float:
    """A path with a directory counts 1, a bare file name 0.5."""
    return sum(1.0 if "/" in m else 0.5 for m in mentions)


def _files(n: int) -> str:
    return "file" if n == 1 else "files"


def _none_of(n: int) -> str:
    """"the only changed file is not" / "none of the 3 changed files is"."""
    return "the only changed file is not" if n == 1 else f"none of the {n} changed files is"


ISSUE_ONLY_MAX_CHARS = 600  # a longer description is more than an issue link
ISSUE_ONLY_BARE, ISSUE_ONLY_FEW_WORDS = 0.4, 0.25  # below STRONG_SIGNAL: it never corroborates "high" alone


def issue_link_only(snapshot: PRSnapshot) -> SignalHit:
    name = "issue_link_only"
    raw = hits.body(snapshot)
    if "#" not in raw and "github.com" not in raw:
        return hits.quiet(name, KIND)
    text = hits.without_comments(raw).strip()
    if len(text) > 3 * ISSUE_ONLY_MAX_CHARS:
        return hits.quiet(name, KIND)
    text = hits.without_attribution(text)
    if len(text) > ISSUE_ONLY_MAX_CHARS:
        return hits.quiet(name, KIND)
    own = _without_title_overflow(text)
    refs = _ISSUE_REF.findall(own)
    if not refs:
        return hits.quiet(name, KIND)
    rest = re.findall(r"[A-Za-z]{2,}", _ISSUE_REF.sub(" ", _HEADING_LINE.sub("", own)))  # the author's words
    if len(rest) > 5:
        return hits.quiet(name, KIND)
    value = ISSUE_ONLY_BARE if not rest else ISSUE_ONLY_FEW_WORDS
    return hits.fired(name, KIND, value, f"{hits.quote(text, 80)} is all it says")


_HEADING_LINE = re.compile(r"^[ ]{0,3}#{1,6}(?:[ \t][^\n]*)?$", re.MULTILINE)  # "## Description": a template's


def _without_title_overflow(text: str) -> str:
    """``text`` without its first line when that is the end of a cut-off title: GitHub shortens a
    long title with "…" and opens the body with "…" and the rest of it (not the author's words)."""
    return text.partition("\n")[2].lstrip() if text.startswith("…") else text
