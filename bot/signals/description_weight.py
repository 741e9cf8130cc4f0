"""How heavy the description is for the size of the change (kind "effort").

- ``template_weight``: templated structure (markdown headers, emoji, checklists, bold bullet
  lists) relative to the lines changed; a big formatted wall on a tiny diff fires. Structure
  that the repository's own PR template brings (when known) is not counted;
- ``tiny_diff_long_body``: a very small diff carrying a very long description. A file whose
  size no line count gives is not a 0-line change: a new logo or a moved package can take 200
  words to explain. Such a file is one moved or copied with no line changed, or one with no
  patch and 0/0 lines whose path is no known text file (a binary). It counts as UNSIZED_LINES
  (a tiny diff's whole size) rather than 0, and a PR of such files only stays quiet. A text file
  with no patch and 0/0 lines is an empty file (``__init__.py``, ``.gitkeep``) or a mode change
  (``chmod +x``): 0 lines, as a record's bare paths are, sized by the PR's own counts.
  Only the author's own words count: quoted lines, indented code blocks and ``<details>`` logs
  are left out, as fenced code is.

Both stay quiet when the diff size is unknown.
"""

from __future__ import annotations

import math
import re

from bot.result import SignalHit
from bot.signals import hits
from bot.snapshot import PRSnapshot
from bot.signals.disclosure import without_disclosures
from bot.text import LineStartCount, strip_attribution, words

KIND = "effort"

_HEADER = LineStartCount(r"\s{0,3}#{1,6}\s+\S")
# Indentation is [^\S\n]*, not \s*: the same counts (a match that ran over blank lines ended
# where the one from its own line does), without running over every following blank line
# from each line start (quadratic: 8,000 blank characters took ~3 s)
_CHECKBOX = LineStartCount(r"[^\S\n]*[-*+]\s+\[[ xX]\]")
_BOLD_BULLET = LineStartCount(r"[^\S\n]*(?:[-*+]|\d+\.)\s+\*\*[^*\n]+\*\*")
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2B55\u2705\u274C]")
_TICK = re.compile(r"\[[xX]\]")
_NON_WORD = re.compile(r"[\W_]+")
_FENCE = re.compile(r"```.*?(?:```|$)", re.DOTALL)
SMALL_DIFF = 20  # lines changed at or below which a diff counts as tiny
LARGE_DIFF = 500  # lines changed at or above which a long description is expected
LONG_BODY_WORDS = 200  # a careful explanation of a subtle one-line fix can take 100+ words
UNSIZED_LINES = SMALL_DIFF  # lines a file of unknown size counts for: up to a tiny diff's whole size
_TEXT_FILE = re.compile(
    r"\.(?:py|pyi|go|rs|js|jsx|mjs|cjs|ts|tsx|java|kt|kts|scala|groovy|rb|php|c|h|cc|cpp|cxx|hpp|cs|swift|m|mm"
    r"|dart|lua|pl|pm|r|jl|ex|exs|erl|hs|ml|clj|sh|bash|zsh|fish|ps1|bat|sql|md|mdx|rst|txt|adoc|org|json|jsonc"
    r"|ya?ml|toml|ini|cfg|conf|env|xml|html?|css|scss|sass|less|vue|svelte|graphql|proto|tf|hcl|gradle|properties"
    r"|lock|mod|sum|csv|tsv|gitkeep|keep|gitignore|gitattributes|dockerignore|editorconfig|npmignore|nvmrc)$"
    r"|(?:^|/)(?:Makefile|Dockerfile|Gemfile|Rakefile|Procfile|Jenkinsfile|Vagrantfile|LICENSE|README|CODEOWNERS"
    r"|OWNERS|AUTHORS|NOTICE|VERSION)$",
    re.IGNORECASE,
)


def _size_factor(changed: int) -> float:
    """1.0 for tiny diffs, falling on a log scale to 0.0 at LARGE_DIFF lines."""
    if changed <= SMALL_DIFF:
        return 1.0
    span = math.log(LARGE_DIFF) - math.log(SMALL_DIFF)
    return max(0.0, 1.0 - (math.log(changed) - math.log(SMALL_DIFF)) / span)


def _structure(text: str) -> dict[str, int]:
    return {
        "headers": _HEADER.count(text),
        "bold bullets": _BOLD_BULLET.count(text),
        "checkboxes": _CHECKBOX.count(text),
        "emoji": len(_EMOJI.findall(text)),
    }


_SINGULAR = {"headers": "header", "bold bullets": "bold bullet", "checkboxes": "checkbox", "emoji": "emoji"}


def line_change(changed: int) -> str:
    """"a 2-line change", "an 8-line change", "an 11-line change" (the article as the number is said)."""
    digits = str(changed)
    vowel_sound = digits[0] == "8" or (len(digits) % 3 == 2 and digits[:2] in ("11", "18"))
    return f"{'an' if vowel_sound else 'a'} {changed}-line change"


def _layout(snapshot: PRSnapshot) -> str:
    """The description the author laid out: without the template's lines, code fences, AI
    disclosures (an "## AI disclosure" heading and its sentence) and attribution lines (a "🤖
    Generated with" footer): saying that AI was used never makes a description heavier."""
    text = without_disclosures(_FENCE.sub("", hits.own_body(snapshot)))
    return strip_attribution(text)[0]


def _fold(line: str) -> str:
    """A line's words, case folded, a ticked box read as an open one: "- [x] Tests added" and
    "- [ ] Tests added", "## Summary:" and "## summary" fold the same."""
    return _NON_WORD.sub(" ", _TICK.sub("[ ]", line).casefold()).strip()


def _template_left_changed(snapshot: PRSnapshot) -> str:
    """The template's visible lines that the description holds in a changed form only (a ticked
    box, a heading with other case or punctuation). ``_layout`` already dropped the lines it
    holds as they are, and a deleted line is in neither, so only these are taken off the counts:
    taking the whole template off again would discount the author's own headings and lists."""
    template = hits.without_comments(snapshot.pr_template[: hits.TEMPLATE_LIMIT])
    body = hits.without_comments(hits.body(snapshot)).splitlines()
    kept, folded = {line.strip() for line in body}, {_fold(line) for line in body}
    return "\n".join(line for line in template.splitlines()
                     if line.strip() not in kept and _fold(line) in folded)


def template_weight(snapshot: PRSnapshot) -> SignalHit:
    name = "template_weight"
    changed = hits.changed_lines(snapshot)
    if changed is None:
        return hits.quiet(name, KIND)
    counts = _structure(_layout(snapshot))
    if snapshot.pr_template:  # the project's own template structure is not the author's
        template = _structure(_template_left_changed(snapshot))
        counts = {k: max(0, n - template[k]) for k, n in counts.items()}
    weight = counts["headers"] + counts["bold bullets"] + 0.5 * (counts["checkboxes"] + counts["emoji"])
    if weight < 4:
        return hits.quiet(name, KIND)
    value = min(1.0, weight / 12) * _size_factor(changed)
    if value < 0.05:
        return hits.quiet(name, KIND)
    parts = ", ".join(f"{n} {_SINGULAR[k] if n == 1 else k}" for k, n in counts.items() if n)
    return hits.fired(name, KIND, value, f"description has {parts} for {line_change(changed)}")


def _unsized(change) -> bool:
    """A changed file no line count measures: moved or copied with no line changed, or a binary
    (no patch, 0/0 lines, and no known text file). An empty new text file or a mode change of
    one has 0 lines, which is its size."""
    if hits.file_changed_lines(change):
        return False
    if change.status in ("renamed", "copied") or change.previous_filename:
        return True
    return change.patch is None and not _TEXT_FILE.search(change.path)


def _sizes(snapshot: PRSnapshot) -> tuple[int, int] | None:
    """(lines changed, files of unknown size), or None when the diff's size is unknown: no
    statistics, only files of unknown size, or bare paths with no count anywhere."""
    changed, files = hits.changed_lines(snapshot), hits.files(snapshot)
    if changed is None:
        return None
    unsized = sum(map(_unsized, files))
    no_counts = snapshot.additions is None and snapshot.deletions is None and not any(
        f.patch is not None or f.additions or f.deletions for f in files)
    if files and (unsized == len(files) or no_counts):
        return None
    return changed, unsized


_ALERT = re.compile(r"[ \t]*>[ \t]*\[!(?:note|tip|important|warning|caution)\]", re.IGNORECASE)
_LIST_ITEM = re.compile(r"[-*+]\s|\d{1,9}[.)]\s")
# a line that starts a block of its own ends a quote rather than running on from it (lazy continuation
# is for a paragraph's text only): a heading, a list item, a fence, HTML or a thematic break
_STARTS_BLOCK = re.compile(r"#{1,6}(?:[ \t]|$)|[-*+][ \t]|\d{1,9}[.)](?:[ \t]|$)|```|~~~|<|(?:[-*_][ \t]*+){3,}$")


def _without_details(text: str) -> str:
    """``text`` without ``<details>…</details>`` blocks opened at a line's start (a folded log;
    one inside a quote or an alert is part of it); an unclosed one runs to the end. Found with
    ``str.find``: linear however many blocks are left open."""
    low, out, pos, at = text.lower(), [], 0, 0
    while (start := low.find("<details", at)) != -1:
        at = start + 1
        if text[text.rfind("\n", 0, start) + 1:start].strip(" \t"):
            continue  # not at the line's start
        out.append(text[pos:start])
        end = low.find("</details>", start)
        pos = at = len(text) if end == -1 else end + len("</details>")
    return "".join(out) + text[pos:]


def _without_indented_code(text: str) -> str:
    """``text`` without Markdown indented code blocks: lines indented 4 columns or a tab after a
    blank line (a pasted stack trace) outside a list, not list items nor a list item's continued
    lines or paragraphs ("1. Refactored …" then a blank line and an indented paragraph is part of
    the item, as Markdown reads it). A list ends at an unindented line after a blank line."""
    kept, code, blank, in_list = [], False, True, False
    for line in text.splitlines():
        body = line.lstrip(" \t")
        indented = line.startswith(("    ", "\t"))
        if not body:
            blank = True
            kept.append(line)
            continue
        item = bool(_LIST_ITEM.match(body))
        code = indented and (code or (blank and not item and not in_list))
        if not code:
            if item:
                in_list = True
            elif blank and not indented:
                in_list = False  # an unindented paragraph, heading or fence after a blank line ends the list
            kept.append(line)
        blank = False
    return "\n".join(kept)


def _without_quotes(text: str) -> str:
    """``text`` without quoted lines ("> …" and the paragraph lines that run on from one, as Markdown
    reads them: a heading, list item, fence or HTML line ends the quote), but for a GitHub alert ("> [!NOTE]" and the lines under it): the author's own callout."""
    kept, quote, alert = [], False, False  # a line after a quoted one, up to a blank line, continues it
    for line in text.splitlines():
        body = line.lstrip(" \t")
        if body.startswith(">"):
            alert = (alert and quote) or bool(_ALERT.match(line))
            quote = True
        elif not body or _STARTS_BLOCK.match(body):
            quote = alert = False
        if not quote or alert:
            kept.append(line)
    return "\n".join(kept)


def _authors_words(text: str) -> str:
    """The description's own words: quoted lines (the issue, an RFC; an alert is the author's own), indented code blocks and
    ``<details>`` logs are someone else's text or a program's output, as fenced code is."""
    text = _without_quotes(text) if ">" in text else text
    return _without_indented_code(_without_details(text))


def tiny_diff_long_body(snapshot: PRSnapshot) -> SignalHit:
    name = "tiny_diff_long_body"
    sizes = _sizes(snapshot)
    if sizes is None or sizes[0] + UNSIZED_LINES * sizes[1] > SMALL_DIFF * 2:
        return hits.quiet(name, KIND)
    changed, unsized = sizes
    n_words = len(words(_authors_words(hits.without_comments(_layout(snapshot)))))
    ratio = n_words / (changed + UNSIZED_LINES * unsized + 5)
    if n_words < LONG_BODY_WORDS or ratio < 8:
        return hits.quiet(name, KIND)
    value = min(1.0, ratio / 30)
    more = f" and {unsized} binary or moved file{'s' if unsized > 1 else ''}" if unsized else ""
    return hits.fired(name, KIND, value, f"{n_words}-word description for {line_change(changed)}{more}")
