"""Which files a description names as changed, for ``claims.mentions_missing_files``.

Only a file named after a change verb on its line counts ("Added tests in
`rpc/core/missing_block_test.go`"): a file named as context (a root cause, a caller, a script to
run, an existing test, what new tests are for) is no claim. Community files such as
CONTRIBUTING.md, which are cited as references, do not count.
"""

from __future__ import annotations

import bisect
import posixpath
import re

from bot.signals import filekinds, symbols

_EXTENSIONS = (
    "py|go|rs|js|jsx|mjs|cjs|ts|tsx|java|kt|kts|rb|php|c|h|cc|cpp|hpp|cs|swift|scala|m|mm|md|mdx|rst|yml|yaml"
    "|json|toml|cfg|ini|sh|bash|sql|html|css|scss|vue|svelte|proto|lock|mod|sum|xml|gradle|tf|ex|exs|dart|lua|r"
)
# Not after "<": a C header ("#include <string.h>", "`<stdint.h>`") is no file of the project
_PATH_TOKEN = re.compile(rf"(?<![\w/.@:*$<-])((?:[\w.-]+/)*[\w-][\w.-]*\.(?:{_EXTENSIONS}))(?![\w/(-])")
_BACKTICK_DIR = re.compile(r"`((?:[\w.-]+/)+)`")
_PRODUCT_JS = re.compile(r"^[A-Z][A-Za-z]*\.js$")  # Node.js, Vue.js: products, not files
_URL = re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.\S+")
MAX_MENTIONS = 50
# Cues that the next file is cited, not claimed as changed. A run cue ("ran", "see", "existing")
# may stand up to 25 characters before it within the sentence; a tool cue ("updated with",
# "generated using", "via", "by") only right before it or a list of files it heads. Both are read
# with paths and code spans masked (``_before``), so a list ("I ran `a.sh` and `b.sh`") stays
# under the first cue, and neither a path's "." nor the "update" in `hack/update-codegen.sh` counts.
_MASK = "\ue000"  # a path or code span, in ``_before``'s copy of the text
_CUE = re.compile(r"\b(?:(run|runs|running|ran|execute[sd]?|executing|invoke[sd]?|see|existing)"
                  r"|with|using|via|by"
                  # what new tests are for: "added test cases for `pkg/auth/config.go`" claims tests, not an
                  # edit to it; only when the tests are the verb's sole object ("added validation and tests
                  # for `config.go`" claims the validation in config.go)
                  r"|(?:add(?:s|ed|ing)?|wr[io]te|writ(?:es|ten|ing)|includ(?:e|es|ed|ing)|creat(?:e|es|ed|ing)"
                  r"|introduc(?:e|es|ed|ing)|extend(?:s|ed)?|improv(?:e|es|ed)|increas(?:e|es|ed)|expand(?:s|ed)?"
                  r"|updat(?:e|es|ed)|new)\s+(?:(?!(?:and|or|plus)\b)[\w-]+\s+){0,3}?"
                  r"(?:tests?|test\s+cases?|specs?|test\s+coverage)\s+(?:for|of|covering))\b", re.IGNORECASE)
_RUN_GAP = re.compile(r"[^.;!?]{0,25}")
_TOOL_GAP = re.compile(rf"(?:\s|{_MASK}|,|&|\b(?:and|or|the|scripts?)\b)*", re.IGNORECASE)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_MASKED_LIST = re.compile(rf"{_MASK}+(?:\s*(?:,|&|/|\b(?:and|or)\b)\s*{_MASK}+)*", re.IGNORECASE)
_PURPOSE = re.compile(r"\bto\s+$", re.IGNORECASE)  # "run `make generate` to update …": the command's doing
BEFORE_LIMIT = 400  # characters of a line read before a path
_TREE_LINE = re.compile(r"^.*[\u251c\u2514]\u2500\u2500.*$", re.MULTILINE)  # "├── config.toml"


def mentioned_paths(text: str) -> list[str]:
    """The paths and directories ``text`` names as changed, each once, at most ``MAX_MENTIONS``."""
    if "://" in text or "www." in text:  # what every _URL match holds
        text = _URL.sub(" ", text)
    if "\u2500\u2500" in text:  # a directory tree drawn in the description lists files, it claims no edit
        text = _TREE_LINE.sub("", text)
    masked = _masked(text)
    lists = _list_spans(masked)
    found = [m.group(1) for m in (*_PATH_TOKEN.finditer(text), *_BACKTICK_DIR.finditer(text))
             if _claimed(masked, m.start(), lists)]
    unique = dict.fromkeys(p[2:] if p.startswith("./") else p for p in found)
    # README / CONTRIBUTING / LICENSE are cited as references far more often than edited
    return [p for p in unique
            if not filekinds.is_community_file(p.rstrip("/")) and not _PRODUCT_JS.match(p)][:MAX_MENTIONS]


def _masked(text: str) -> str:
    """``text`` with each code span and path token replaced, character for character, by ``_MASK``."""
    def mask(m: re.Match) -> str:
        return _MASK * len(m.group(0))
    return _PATH_TOKEN.sub(mask, _CODE_SPAN.sub(mask, text))


def _before(masked: str, start: int) -> str:
    """The line before ``start`` in the masked text, each run of masked paths and spans (a list:
    "`a.sh`, `b.sh` and `c.sh`") one ``_MASK``, without the opening quote of the path at ``start``."""
    line_start = masked.rfind("\n", 0, start) + 1
    text = masked[max(line_start, start - BEFORE_LIMIT): start].rstrip("`'\"( \t")
    return _MASKED_LIST.sub(_MASK, text) if _MASK in text else text


def _claimed(masked: str, start: int, lists: tuple[list[int], list[int]] | None = None) -> bool:
    """The file at ``start`` is named as changed: a change verb comes before it on its line
    ("Added error handling to `loadConfig` in `internal/config/loader.go`"), and it is not named
    as something to run, to see, that already exists or that did the change ("run
    `scripts/generate-test-files.sh`", "the existing test in `tests/test_scope.py`", "Generated
    files updated with `hack/update-codegen.sh` and `hack/update-openapi-spec.sh`") or that new
    tests are for ("added test cases for `pkg/auth/config.go`": the tests are claimed). A file
    named to explain a cause ("`state.go`'s `addVote` drops the vote") or its callers is context,
    not a claimed edit. ``masked`` is the text with paths and code spans masked (``_masked``):
    a word inside a path or a span is neither a verb nor a cue. The verb is looked for in the
    ``VERB_WINDOW`` characters before the file as written (paths and spans at their length).
    ``lists``: ``_list_spans(masked)``, computed once per text (else here)."""
    line_start = masked.rfind("\n", 0, start) + 1
    if not _has_verb(masked, line_start, start):
        head = _list_head(lists if lists is not None else _list_spans(masked), start)
        if head == start or not _has_verb(masked, line_start, head):
            return False
    return not _cited(_before(masked, start))


def _has_verb(masked: str, line_start: int, at: int) -> bool:
    return bool(symbols.CHANGE_VERB.search(masked, max(line_start, at - symbols.VERB_WINDOW), at))


def _list_spans(masked: str) -> tuple[list[int], list[int]]:
    """The starts and ends, in order, of every list of paths and spans in ``masked``, each within
    its line: one scan of the text, so finding a path's list is a bisection (``_list_head``)."""
    starts: list[int] = []
    ends: list[int] = []
    if _MASK not in masked:
        return starts, ends
    line_start = 0
    while line_start <= len(masked):
        line_end = masked.find("\n", line_start)
        line_end = len(masked) if line_end < 0 else line_end
        if _MASK in masked[line_start:line_end]:
            for m in _MASKED_LIST.finditer(masked, line_start, line_end):
                starts.append(m.start())
                ends.append(m.end())
        line_start = line_end + 1
    return starts, ends


def _list_head(lists: tuple[list[int], list[int]], start: int) -> int:
    """Where the list of paths and spans holding ``start`` begins: a path later in "Updated `a.go`
    and `b.go` and `c.go`" has the first one's verb, however far it stands."""
    starts, ends = lists
    i = bisect.bisect_right(starts, start) - 1
    return starts[i] if i >= 0 and start < ends[i] else start


def _cited(before: str) -> bool:
    """Whether a cue in ``before`` heads the file that follows: nothing but a list of files after
    a tool cue, at most 25 characters of the sentence after a run cue, and no change verb after
    either ("ran `make test` and updated `pkg/a.go`" claims pkg/a.go) but one the cue's command
    does ("Run /init to create a CLAUDE.md file")."""
    for cue in _CUE.finditer(before):
        gap = _RUN_GAP if cue.group(1) else _TOOL_GAP
        if gap.fullmatch(before, cue.end()) and not _own_verb_after(before, cue.end()):
            return True
    return False


def _own_verb_after(before: str, pos: int) -> bool:
    """A change verb after ``pos`` that is not the purpose of a command ("to create")."""
    return any(not _PURPOSE.search(before, max(pos, m.start() - 4), m.start())
               for m in symbols.CHANGE_VERB.finditer(before, pos))


def matches_any(mention: str, paths: list[str]) -> bool:
    """Whether a changed path is the one named. ``.yaml`` and ``.yml`` are one extension, and a
    path whose directory has a slip in one of its names ("workflow/" for "workflows/",
    ``near_miss``) is the changed file of its name; another directory is another file
    ("src/server/config.go" is not "internal/client/config.go"), and so is a longer extension
    (``_extended``)."""
    mention_l = _folded_path(mention).lstrip("/")
    paths = [_folded_path(p) for p in paths]
    if mention_l.endswith("/"):
        return any(("/" + p).find("/" + mention_l) >= 0 for p in paths)
    base = posixpath.basename(mention_l)
    if base == mention_l:
        return any(posixpath.basename(p) == base for p in paths)
    return any(("/" + p).endswith("/" + mention_l) or _extended(mention_l, p) or _slipped_dir(mention_l, p)
               for p in paths)


def _extended(mention: str, path: str) -> bool:
    """``path`` is ``mention`` and more that keeps it the named file: the "x" of JSX, TSX or MDX
    after a mention ending in .js, .ts or .md ("Button.ts" for Button.tsx), or a further suffix
    ("config.yml" for config.yml.example); not a longer extension of another kind ("app.js" is
    not app.json, "util.c" not util.cs, "tokenizer.py" not the Cython tokenizer.pyx)."""
    if not path.startswith(mention):
        return False
    tail = path[len(mention):]
    return (tail == "x" and mention.endswith(_X_EXTENDED)) or tail[:1] in (".", "/")


_X_EXTENDED = (".js", ".ts", ".md")  # .jsx, .tsx, .mdx


def in_patches(mention: str, changed_text: str) -> bool:
    """Whether the changed lines (``referencing_lines``) hold the mention word for word: a path added to
    .gitignore, CODEOWNERS, a tsconfig exclude, a Dockerfile COPY, an import or a link is touched
    by the diff, though no changed file is it."""
    needle = mention.rstrip("/") if mention.endswith("/") else mention
    at = changed_text.find(needle)
    while at >= 0:
        end = at + len(needle)
        if (at == 0 or changed_text[at - 1] not in _WORD_CHARS) and (
                end == len(changed_text) or changed_text[end] not in _WORD_CHARS):
            return True
        at = changed_text.find(needle, at + 1)
    return False


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")


def changed_lines(patches) -> str:
    """The added and removed lines of ``patches``, one text."""
    return "\n".join(line[1:] for patch in patches if patch for line in patch.splitlines()
                     if line[:1] in "+-" and not line.startswith(("+++ ", "--- ")))


# a link's or an image's target in prose: "[install](docs/guide/install.md)", "<a href="…">", "src='…'"
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)|\b(?:href|src)\s*=\s*[\"']([^\"']+)", re.IGNORECASE)


def referencing_lines(changes) -> str:
    """The changed lines of ``(path, patch)`` pairs in which a named path is data, one text: every
    changed line of code and config (an import, a .gitignore or CODEOWNERS entry, a Dockerfile COPY),
    but only the link targets of prose files (README, docs, CHANGELOG): a changed sentence that names
    a file ("the loader in src/config/loader.py validates it") is no edit to it."""
    parts = []
    for path, patch in changes:
        if not patch:
            continue
        text = changed_lines([patch])
        if _is_prose(path):
            text = "\n".join(m.group(1) or m.group(2) for m in _LINK_TARGET.finditer(text))
        parts.append(text)
    return "\n".join(parts)


def _is_prose(path: str) -> bool:
    """Documentation, a changelog or release notes, whose changed lines are sentences (not
    CODEOWNERS, which lists paths)."""
    if posixpath.basename(path).lower() == "codeowners":
        return False
    return filekinds.is_doc_path(path) or filekinds.is_bookkeeping_file(path)


_QUOTED = re.compile(r'"([^"\n]{1,214})"')


def package_names(manifest_patches) -> set[str]:
    """The quoted strings (dependency names, as keys or values) on the changed lines of package.json
    patches, lower case."""
    return {m.group(1).lower() for m in _QUOTED.finditer(changed_lines(manifest_patches))}


def is_package(mention: str, names: set[str]) -> bool:
    """Whether ``mention`` ("chart.js", "hammer.js") is one of ``names`` (``package_names``) whole:
    "chart.js", "hammerjs", "hammer" or a scoped "@x/hammer"; "db.js" is not "mongodb"."""
    low = mention.lower()
    stem = low[:-3]
    if low in names or stem in names or stem + "js" in names:
        return True
    return any(n.startswith("@") and n.rpartition("/")[2] in (low, stem, stem + "js") for n in names)


def _slipped_dir(mention: str, path: str) -> bool:
    """Same file name, and the mention's directories are the path's last ones but for one slip."""
    if posixpath.basename(path) != posixpath.basename(mention):
        return False
    named, have = mention.split("/")[:-1], path.split("/")[:-1]
    if len(named) > len(have):
        return False
    differ = [(a, b) for a, b in zip(named, have[len(have) - len(named):]) if a != b]
    return len(differ) == 1 and near_miss(*differ[0])


_SEPARATORS = str.maketrans("", "", "-_.")


def near_miss(a: str, b: str) -> bool:
    """Whether directory names ``a`` and ``b`` (lower case) are one name with a slip: singular and
    plural ("script", "scripts"; "fixture", "fixtures"; "index", "indexes"), "-" / "_" / "."
    ("e2e-tests", "e2e_tests"), or, in names of 5 letters or more without digits (v1beta1 and v1beta2
    are two versions), one letter added, dropped, changed or swapped ("workfows", "worfklows")."""
    short, long = sorted((a, b), key=len)
    if long in (short + "s", short + "es") or a.translate(_SEPARATORS) == b.translate(_SEPARATORS):
        return True
    return len(short) >= 5 and not any(c.isdigit() for c in a + b) and _one_edit(a, b)


def _one_edit(a: str, b: str) -> bool:
    """Damerau distance 1 between different strings."""
    if abs(len(a) - len(b)) > 1:
        return False
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:] or (a[i + 2:] == b[i + 2:] and a[i: i + 2] == b[i: i + 2][::-1])
    short, long = sorted((a, b), key=len)
    return short[i:] == long[i + 1:]


def _folded_path(path: str) -> str:
    low = path.lower()
    return low[:-5] + ".yml" if low.endswith(".yaml") else low
