"""Snapshot -> model inputs: structural numbers, signal values and cleaned text.

Everything here is pure and cheap (no I/O). Attribution lines are stripped from ALL text
before the classifier sees it (``bot.text.strip_attribution``, through its fast path
``bot.signals.hits.without_attribution``) so the model learns style and effort, never
trailers. GitHub's default squash body ("* commit 1\\n\\n* commit 2") is read as commit
messages, not as a description: on GitHub a PR body is the author's description, and the
pre-2022 training rows would otherwise teach "lists of commits = human".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from bot.snapshot import PRSnapshot
from bot.signals.caseless import Caseless
from bot.signals.hits import without_attribution
from bot.text import LineStartCount, is_squash_list

MAX_TEXT_CHARS = 6000  # per field; bounds work on giant PRs
MAX_COMMITS = 50
MAX_FILES = 300
PATH_CACHE = 256  # paths whose kinds are remembered (a batch of 300 PRs touches ~350 distinct paths)

_TEST = re.compile(
    r"(^|/)(tests?|__tests__|spec|specs|testdata|e2e)/|_test\.\w+$|(^|/)test_[^/]*\.py$"
    r"|\.(test|spec)\.[cm]?[jt]sx?$|(^|/)conftest\.py$|(Test|Tests|Spec)\.(java|kt|cs|swift|php)$"
)
_DOC = re.compile(r"\.(md|mdx|markdown|rst|adoc|txt)$|(^|/)(docs?|documentation)/", re.IGNORECASE)
_CONFIG = re.compile(
    r"\.(ya?ml|toml|json|ini|cfg|lock|mod|sum|gradle|xml|env)$|(^|/)(Makefile|Dockerfile|\.github/)",
    re.IGNORECASE,
)
_HEADER = re.compile(r"^\s{0,3}#{1,6}\s", re.MULTILINE)
# _HEADER's count: the white space after the marks looked at, not taken, so that no match ends
# just after a line break (LineStartCount's condition); a taken "\n" only ever led to the next
# line start, where the scan goes on either way, so the count is the same.
_HEADER_COUNT = LineStartCount(r"\s{0,3}#{1,6}(?=\s)")
_BULLET = LineStartCount(r"[^\S\n]*(?:[-*+]|\d+[.)])\s+\S")  # [^\S\n]*: linear on runs of blank lines
_CHECKBOX = LineStartCount(r"[^\S\n]*[-*]\s+\[[ xX]\]")
_BOLD = re.compile(r"\*\*[^*\n]+\*\*")
_CODE_SPAN = re.compile(r"`[^`\n]+`")
_FENCE = LineStartCount(r"[^\S\n]*```")
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\u2705\u274C\u2B50]")
_ISSUE_REF = Caseless(r"(?:fix(?:es|ed)?|close[sd]?|resolve[sd]?)\s+#\d+")
_LINK = re.compile(r"https?://\S+")
_CONVENTIONAL = re.compile(r"^\s*[a-z]+(\([^)]*\))?!?:\s")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_WORD_BYTES_LOWERED = bytes(b | 32 if chr(b).isascii() and chr(b).isalpha() else b if b in b"'-" else 32
                            for b in range(256))  # a bytes.translate table: letters lower-cased, ' and - kept
_LOWER_WORD = re.compile(rb"[a-z][a-z'-]+")

STRUCTURAL_NAMES: tuple[str, ...] = (
    "has_files", "log_files", "log_additions", "log_deletions", "log_churn", "del_share",
    "test_file_share", "doc_file_share", "config_file_share", "code_file_share", "added_file_share",
    "only_docs", "touches_tests",
    "log_commits", "has_commit_text", "commit_multiline_share", "log_commit_chars_mean",
    "commit_conventional_share", "commit_dup_share",
    "has_body", "log_body_chars", "body_per_churn", "body_lines", "header_count", "bullet_count",
    "checkbox_count", "bold_count", "code_span_count", "fence_count", "emoji_count",
    "issue_ref", "link_count", "bullet_density", "header_density", "mean_line_len",
    "avg_word_len", "type_token_ratio", "body_from_squash_list",
    "log_title_chars", "title_words", "title_conventional", "title_capitalised", "title_ends_period",
    "title_emoji", "title_has_backtick", "title_only",
)


@dataclass(frozen=True)
class Texts:
    """The three cleaned text fields of a snapshot."""

    title: str
    body: str
    commits: str
    squash_list: bool

    @property
    def all(self) -> str:
        return f"{self.title}\n{self.body}\n{self.commits}"

    def mapped(self, read) -> Texts:
        """The same texts with ``read`` applied to the title, the description and the commits."""
        return Texts(read(self.title), read(self.body), read(self.commits), self.squash_list)


def _clean(text: str | None) -> str:
    return without_attribution((text or "")[:MAX_TEXT_CHARS])


def texts_of(snapshot: PRSnapshot) -> Texts:
    title = _clean(snapshot.title)
    body = _clean(snapshot.body)
    joined = "\n".join(c.message[:MAX_TEXT_CHARS] for c in snapshot.commits[:MAX_COMMITS])
    commits = without_attribution(joined[: MAX_TEXT_CHARS * 2])  # one pass for all messages
    squash = is_squash_list(body)
    if squash:
        commits = "\n".join(filter(None, [*body.split("\n\n* "), commits]))
        body = ""
    return Texts(title, body, commits[: MAX_TEXT_CHARS * 2], squash)


def _log(x: float) -> float:
    return math.log1p(max(x, 0.0))


@lru_cache(maxsize=PATH_CACHE)
def _path_kinds(path: str) -> tuple[bool, bool, bool]:
    """Whether ``path`` is a test, a doc and a config file. Memoised: a repository's PRs touch
    the same files (CHANGELOG.md, its main package), and three searches cost more than a lookup."""
    return bool(_TEST.search(path)), bool(_DOC.search(path)), bool(_CONFIG.search(path))


def _file_features(snapshot: PRSnapshot) -> list[float]:
    files = snapshot.files[:MAX_FILES]
    n = max(len(files), 1)
    add, dele = snapshot.total_additions, snapshot.total_deletions
    kinds = [_path_kinds(f.path) for f in files]
    tests, docs, config = (sum(column) for column in zip(*kinds)) if kinds else (0, 0, 0)
    added = sum(f.status == "added" for f in files)
    has = 1.0 if snapshot.has_file_info else 0.0
    return [
        has, _log(snapshot.total_files), _log(add), _log(dele), _log(add + dele),
        dele / (add + dele) if add + dele else 0.0,
        tests / n, docs / n, config / n, max(len(files) - tests - docs - config, 0) / n, added / n,
        1.0 if files and docs == len(files) else 0.0, 1.0 if tests else 0.0,
    ]


def _commit_features(snapshot: PRSnapshot, texts: Texts) -> list[float]:
    msgs = [m for m in texts.commits.split("\n") if m] if texts.commits else []
    raw = [c.message for c in snapshot.commits[:MAX_COMMITS]]
    n = len(raw)
    multiline = sum("\n" in m.strip() for m in raw)
    conventional = sum(bool(_CONVENTIONAL.match(m)) for m in raw)
    dup = n - len(set(m.strip() for m in raw))
    mean_chars = sum(len(m) for m in raw) / n if n else 0.0
    return [
        _log(len(snapshot.commits) or (1 if texts.squash_list else 0)), 1.0 if msgs else 0.0,
        multiline / n if n else 0.0, _log(mean_chars), conventional / n if n else 0.0,
        dup / n if n else 0.0,
    ]


def _count(pattern: re.Pattern, text: str, needle: str) -> int:
    """Matches of ``pattern``, which all contain ``needle`` (so no scan without it)."""
    return len(pattern.findall(text)) if needle in text else 0


def lower_words(text: str) -> list[bytes]:
    """``[w.lower() for w in _WORD.findall(text)]``, as ASCII bytes. ``_WORD`` is made of ASCII
    letters, ``'`` and ``-``: translating the UTF-8 bytes of the text lower-cases the letters and
    blanks every other byte (each byte of a non-ASCII character too, which ``_WORD`` never
    matches either), and the same words come out lower-cased, without a ``str.lower`` each."""
    return _LOWER_WORD.findall(text.encode("utf-8", "surrogatepass").translate(_WORD_BYTES_LOWERED))


def _body_features(texts: Texts, churn: int) -> list[float]:
    body = texts.body
    lines = [ln for ln in body.splitlines() if ln.strip()]
    words = lower_words(body)
    n_lines = max(len(lines), 1)
    bullets = _BULLET.count(body)
    headers = _HEADER_COUNT.count(body) if "#" in body else 0
    checkboxes = _CHECKBOX.count(body) if "[" in body else 0
    fences = _FENCE.count(body) if "```" in body else 0
    return [
        1.0 if body else 0.0, _log(len(body)), _log(len(body)) - _log(churn), _log(len(lines)),
        _log(headers), _log(bullets), _log(checkboxes), _log(_count(_BOLD, body, "**")),
        _log(_count(_CODE_SPAN, body, "`")), _log(fences),
        _log(0 if body.isascii() else len(_EMOJI.findall(body))),  # every emoji is outside ASCII
        1.0 if "#" in body and _ISSUE_REF.search(body) else 0.0,
        _log(_count(_LINK, body, "http")), bullets / n_lines, headers / n_lines,
        sum(map(len, lines)) / n_lines / 80.0,
        (sum(map(len, words)) / len(words) / 10.0) if words else 0.0,
        (len(set(words)) / len(words)) if words else 0.0,
        1.0 if texts.squash_list else 0.0,
    ]


def bare_title(texts: Texts, snapshot: PRSnapshot) -> bool:
    """A PR known by its title alone: no description, no commit text, no file information."""
    return not (texts.body or texts.commits or snapshot.has_file_info)


def _title_features(texts: Texts, snapshot: PRSnapshot) -> list[float]:
    t = texts.title.strip()
    only = bare_title(texts, snapshot)
    return [
        _log(len(t)), len(t.split()) / 10.0, 1.0 if _CONVENTIONAL.match(t) else 0.0,
        1.0 if t[:1].isupper() else 0.0, 1.0 if t.endswith(".") else 0.0,
        1.0 if _EMOJI.search(t) or re.search(r":[a-z_]+:", t) else 0.0,
        1.0 if "`" in t else 0.0, 1.0 if only else 0.0,
    ]


def structural_vector(snapshot: PRSnapshot, texts: Texts | None = None) -> list[float]:
    texts = texts or texts_of(snapshot)
    churn = snapshot.total_additions + snapshot.total_deletions
    return (_file_features(snapshot) + _commit_features(snapshot, texts)
            + _body_features(texts, churn) + _title_features(texts, snapshot))


def signal_vector(snapshot: PRSnapshot, names: tuple[str, ...], run: frozenset[str] | None = None) -> list[float]:
    """Signal values in ``names`` order (0 for a signal that is not registered, or not in ``run``
    when it is given)."""
    if not names:
        return []
    from bot.signals import run_named, run_signals

    return signal_values(run_signals(snapshot) if run is None else run_named(snapshot, run), names)


def signals_read(names: tuple[str, ...], columns_read: frozenset[int] | None) -> frozenset[str] | None:
    """The signals in ``names`` whose numeric column (after the structural ones) is among
    ``columns_read`` (None: all of them). The batch scorer runs only those: the shipped trees
    split on 5 of the 17 signals, and a column the classifier never reads cannot move its
    probability, so the other 12 would be computed for nothing (a quarter of batch time)."""
    if columns_read is None:
        return None
    first = len(STRUCTURAL_NAMES)
    return frozenset(name for i, name in enumerate(names) if first + i in columns_read)


def signal_values(hits, names: tuple[str, ...]) -> list[float]:
    values = {hit.name: float(hit.value) for hit in hits}
    return [values.get(name, 0.0) for name in names]


def numeric_matrix(snapshots, signal_names: tuple[str, ...]) -> np.ndarray:
    rows = [structural_vector(s) + signal_vector(s, signal_names) for s in snapshots]
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(STRUCTURAL_NAMES) + len(signal_names))
