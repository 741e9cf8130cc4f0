"""The designs ``cv_variants.py`` can run: each variant of the training design, by name.

``Variant`` says how a design differs from v4's defaults; ``VARIANTS`` names every design a
session has measured (``models/HISTORY.md`` tells why, and what it gave); ``LAYOUTS`` and
``MASKS`` are the text-block layouts and the masked inputs the variants refer to.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.model.blend import REJECT_C


@dataclass(frozen=True)
class Variant:
    leaf: int = 100  # the trees' smallest leaf
    aidev_weight: float = 1.0  # weight factor of AIDev agent rows with a description
    balanced: bool = True  # the v3 description-length balance
    converged: bool = False  # logistic regressions solved to convergence
    blind_factor: float = 0.0  # weight factor of the file-blind copies (0: scored only, never fitted)
    mask: str | None = None  # a MASKS key: structural inputs the trees do not see
    layout: bool = False  # the length balance's bins also split by layout (header / bullets / neither)
    early_unlabeled: float = 0.0  # fit weight of the 2022 `unlabeled` git rows (0: left out entirely)
    blocks: str = "v4"  # a LAYOUTS key: which text blocks the trees' text vote and the heads read
    grouped_text: bool = False  # the trees' inner text folds keep each repository group on one side
    ai_words_masked: bool = False  # the text blocks never read the AI vocabulary (bot.model.aiwords)
    min_vocab_groups: int = 0  # text columns seen in fewer training repositories are dropped (per fold)
    headings_masked: bool = False  # the text blocks never read heading lines (bot.model.headings)
    headed: float = 0.0  # fit weight factor of the human PRs re-laid under headings (bot.model.relaid)
    headed_salt: str = ""  # deals those copies' layouts out anew (a confirmation run)
    copies_in_balance: bool = False  # the length balance also counts those copies (the first runs)
    record_folds: bool = False  # a copy shares its record's inner text fold (StackedClassifier records=)
    ticked: float = 0.0  # fit weight factor of the human PRs followed by a ticked checklist (relaid.ticked)
    ticked_headed: bool = False  # those copies are the heading copies followed by the checklist
    tested: float = 0.0  # fit weight factor of the human PRs followed by how they were tested (relaid.tested)
    tested_headed: bool = False  # those copies are the heading copies followed by the testing paragraph
    care_view: bool = False  # also score every row as score() would with the care signals' inputs at 0
    fit_as_scored: bool = False  # every training row read as score() reads a PR (as_written, AI signals at 0)
    ai_zeroed: bool = False  # the ai signal columns at 0 on every fitted row (the text read as it is)
    code_masked: bool = False  # the text blocks read inline code spans as one placeholder (bot.model.codespans)
    aidev_repo_cap: int = 0  # an AIDev repository's agent rows weigh at most this many rows' worth (0: no cap)
    # (lambda, gate centre[, lambda down]) tuples: the same out-of-fold components also recombined with
    # these blend constants, each reported as its own line "<variant>@lam<l>-c<c>" (nineteenth session; no
    # refit), or "<variant>@up<l>-down<d>-c<c>" when the head reaches down less far (twentieth session);
    # (lambda, c, down, floor, soft): "...-floor<f>-s<s>" with a floor under the downward push (twenty-first)
    blends: tuple[tuple[float, ...], ...] = ()
    lam: float = 1.0  # the blend's weight on the rejection head (v2-v6: 1; v7: 1.5, sieve train's default)
    floor: tuple[float, float] | None = None  # (floor, soft) under its downward push (v8: (0.5, 0.5); v2-v7: none)
    reject_c: float = REJECT_C  # the rejection head's inverse regularisation (v2-v8: 0.3)
    reject_numeric: float = 0.0  # the rejection head also reads the structural columns, at this scale (v2-v8: 0)
    tests_only_lower: bool = False  # the trees' test columns can only lower the score (train.TEST_COLUMNS)
    bodied: float = 0.0  # fit weight factor of the human PRs with their first commit's body as description (0: scored)
    bodied_max_lines: int | None = None  # only those copies of at most this many changed lines fitted (None: all)


REACHES = tuple((lam, c) for lam in (1.0, 1.5, 2.0, 3.0) for c in (1.0, 0.5) if (lam, c) != (1.0, 1.0))
DOWNS = tuple((up, 1.0, down) for up in (1.5, 2.0, 3.0) for down in (0.0, 0.5, 1.0))  # twentieth session
# twenty-first session: v7's reach with a floor under the downward push (lam, c, down, floor, soft)
FLOORS = tuple((1.5, 1.0, None, floor, soft) for floor in (0.5, 1.0, 1.5, 2.0) for soft in (0.0, 0.25, 0.5))
# twenty-first session, second lead: v8's floor with a longer reach (up, c, down, floor 0.5, soft)
FLOORED_REACHES = tuple((up, 1.0, down, 0.5, soft) for up, down in ((2.0, 2.0), (3.0, 3.0), (2.0, 1.5), (3.0, 1.5))
                        for soft in (0.5, 0.25))

VARIANTS = {
    "v3": Variant(leaf=20),
    "v4": Variant(),
    "v5": Variant(headed=4.0),  # the shipped design (= headed-humans-x4-records-balance; sieve train's defaults)
    "ticked-humans-x1": Variant(headed=4.0, ticked=1.0),  # fourteenth session: v5 + checklist copies
    "ticked-humans-x4": Variant(headed=4.0, ticked=4.0),
    "ticked-under-headings-x1": Variant(headed=4.0, ticked=1.0, ticked_headed=True),
    "ticked-under-headings-x4": Variant(headed=4.0, ticked=4.0, ticked_headed=True),
    "v5-fit-as-scored": Variant(headed=4.0, fit_as_scored=True),  # fourteenth session: a v6 candidate
    "as-scored-ticked-under-headings-x4": Variant(headed=4.0, ticked=4.0, ticked_headed=True, fit_as_scored=True),
    "v5-ai-signals-zeroed": Variant(headed=4.0, ai_zeroed=True),
    "as-scored-ticked-x4-headed-x8": Variant(headed=8.0, ticked=4.0, ticked_headed=True, fit_as_scored=True),
    "as-scored-ticked-x4-headed-x8-confirm": Variant(headed=8.0, ticked=4.0, ticked_headed=True, fit_as_scored=True,
                                                     headed_salt="confirm-5"),
    # fifteenth session: the same candidate on three fresh dealings (models/HISTORY.md, "For a next session")
    **{f"as-scored-ticked-x4-headed-x8-next-{i}": Variant(headed=8.0, ticked=4.0, ticked_headed=True,
                                                           fit_as_scored=True, headed_salt=f"next-{i}")
       for i in (1, 2, 3)},
    # fifteenth session: no AIDev repository's agent PRs outweigh 20 PRs (models/HISTORY.md, "Fifteenth session")
    "aidev-repo-cap-20": Variant(headed=4.0, aidev_repo_cap=20),
    # fifteenth session: the ninth session's most promising lead, on v5 (models/HISTORY.md, "Fifteenth session")
    "v5-char-bare-titles": Variant(headed=4.0, blocks="char-bare-titles"),
    # ... with checklist copies under headings, on three dealings (models/HISTORY.md, "Fifteenth session")
    **{f"v5-char-bare-titles-ticked-x4-next-{i}": Variant(headed=4.0, blocks="char-bare-titles", ticked=4.0,
                                                           ticked_headed=True, headed_salt=f"next-{i}")
       for i in (4, 5, 6)},
    **{f"v5-char-bare-titles-ticked-x4-headed-x8-next-{i}": Variant(
        headed=8.0, blocks="char-bare-titles", ticked=4.0, ticked_headed=True, headed_salt=f"next-{i}")
       for i in (7, 8, 9, 10, 11, 12)},  # 10-12: a next session's confirmation (models/HISTORY.md)
    # sixteenth session: v5 + copies of people's words followed by how they tested (models/HISTORY.md)
    **{f"v5-tested-x4-t-{i}": Variant(headed=4.0, tested=4.0, headed_salt=f"t-{i}") for i in (1, 2, 3)},
    # ... the same copies laid under the record's headings first (models/HISTORY.md, "Sixteenth session")
    **{f"v5-tested-under-headings-x4-t-{i}": Variant(headed=4.0, tested=4.0, tested_headed=True,
                                                     headed_salt=f"t-{i}") for i in (4, 5, 6)},
    # seventeenth session: the testing-paragraph trade, written before its runs (models/HISTORY.md)
    **{f"v5-tested-under-headings-x4-u-{i}": Variant(headed=4.0, tested=4.0, tested_headed=True,
                                                     headed_salt=f"u-{i}") for i in (1, 2, 3)},
    **{f"v6-tested-u-{i}": Variant(headed=8.0, blocks="char-bare-titles", ticked=4.0, ticked_headed=True,
                                   tested=4.0, tested_headed=True, headed_salt=f"u-{i}") for i in (1, 2, 3)},
    # eighteenth session: code spans out of the text blocks, written before its runs (models/HISTORY.md)
    **{f"v6-tested-codemasked-w-{i}": Variant(headed=8.0, blocks="char-bare-titles", ticked=4.0, ticked_headed=True,
                                               tested=4.0, tested_headed=True, headed_salt=f"w-{i}", code_masked=True)
       for i in (1, 2, 3)},
    **{f"v5-codemasked-w-{i}": Variant(headed=4.0, headed_salt=f"w-{i}", code_masked=True) for i in (1, 2, 3)},
    # nineteenth session: how far the rejection head reaches, on v6's components (models/HISTORY.md)
    **{f"v6-reach-x-{i}": Variant(headed=8.0, blocks="char-bare-titles", ticked=4.0, ticked_headed=True,
                                  tested=4.0, tested_headed=True, headed_salt=f"x-{i}", code_masked=True,
                                  blends=REACHES) for i in (1, 2, 3)},
    # the shipped design since the nineteenth session (sieve train's defaults)
    "v7": Variant(headed=8.0, blocks="char-bare-titles", ticked=4.0, ticked_headed=True, tested=4.0, tested_headed=True,
                  code_masked=True, lam=1.5),
    # twentieth session: v7's rejection head reaching up further than down (models/HISTORY.md)
    **{f"v7-down-y-{i}": Variant(headed=8.0, blocks="char-bare-titles", ticked=4.0, ticked_headed=True, tested=4.0,
                                 tested_headed=True, code_masked=True, lam=1.5, headed_salt=f"y-{i}", blends=DOWNS)
       for i in (1, 2, 3)},
    # twenty-first session: v7's downward push with a floor (models/HISTORY.md)
    **{f"v7-floor-z-{i}": Variant(headed=8.0, blocks="char-bare-titles", ticked=4.0, ticked_headed=True, tested=4.0,
                                  tested_headed=True, code_masked=True, lam=1.5, headed_salt=f"z-{i}", blends=FLOORS)
       for i in (1, 2, 3)},
    # the shipped design since the twenty-first session (sieve train's defaults)
    "v8": Variant(headed=8.0, blocks="char-bare-titles", ticked=4.0, ticked_headed=True, tested=4.0, tested_headed=True,
                  code_masked=True, lam=1.5, floor=(0.5, 0.5)),
    # twenty-first session, second lead: v8 with the rejection head reaching further (models/HISTORY.md)
    **{f"v8-reach-w-{i}": Variant(headed=8.0, blocks="char-bare-titles", ticked=4.0, ticked_headed=True, tested=4.0,
                                  tested_headed=True, code_masked=True, lam=1.5, floor=(0.5, 0.5), headed_salt=f"w-{i}",
                                  blends=FLOORED_REACHES) for i in (1, 2, 3)},
    # twenty-first session, third lead: v8 with the rejection head regularised more or less (refit; each
    # against v8-reach-w-N's own row, the same dealing)
    **{f"v8-rejc{c:g}-w-{i}": Variant(headed=8.0, blocks="char-bare-titles", ticked=4.0, ticked_headed=True,
                                      tested=4.0, tested_headed=True, code_masked=True, lam=1.5, floor=(0.5, 0.5),
                                      headed_salt=f"w-{i}", reject_c=c) for c in (0.1, 1.0) for i in (1, 2, 3)},
    # twenty-second session: v8 with a rejection head that also reads the structural columns (refit), each
    # against v8-v-N, the same dealing (models/HISTORY.md)
    **{f"v8-v-{i}": Variant(headed=8.0, blocks="char-bare-titles", ticked=4.0, ticked_headed=True, tested=4.0,
                            tested_headed=True, code_masked=True, lam=1.5, floor=(0.5, 0.5), headed_salt=f"v-{i}")
       for i in (1, 2, 3)},
    **{f"v8-rejnum{s:g}-v-{i}": Variant(headed=8.0, blocks="char-bare-titles", ticked=4.0, ticked_headed=True,
                                        tested=4.0, tested_headed=True, code_masked=True, lam=1.5, floor=(0.5, 0.5),
                                        headed_salt=f"v-{i}", reject_numeric=s) for s in (0.3, 1.0) for i in (1, 2, 3)},
    # twenty-third session: v8's design on fresh dealings, run once on the session-start code and once on
    # the code with the audited signals fixed (rows renamed NAME@fixed), and with the trees' test columns
    # only lowering the score (NAME@fixed-testslower is v8-testslower-q-N; models/HISTORY.md)
    **{f"v8-q-{i}": Variant(headed=8.0, blocks="char-bare-titles", ticked=4.0, ticked_headed=True, tested=4.0,
                            tested_headed=True, code_masked=True, lam=1.5, floor=(0.5, 0.5), headed_salt=f"q-{i}")
       for i in (1, 2, 3)},
    **{f"v8-testslower-q-{i}": Variant(headed=8.0, blocks="char-bare-titles", ticked=4.0, ticked_headed=True,
                                       tested=4.0, tested_headed=True, code_masked=True, lam=1.5, floor=(0.5, 0.5),
                                       headed_salt=f"q-{i}", tests_only_lower=True) for i in (1, 2, 3)},
    # twenty-third session, second lead: v9 (reading 2, from a worktree of the rules commit) against v9's
    # design with the test columns only lowering the score on reading 3 (tests apart; rows renamed
    # v9-r-N@testsapart)
    **{f"v9-r-{i}": Variant(headed=8.0, blocks="char-bare-titles", ticked=4.0, ticked_headed=True, tested=4.0,
                            tested_headed=True, code_masked=True, lam=1.5, floor=(0.5, 0.5), headed_salt=f"r-{i}")
       for i in (1, 2, 3)},
    **{f"v9-testsapart-r-{i}": Variant(headed=8.0, blocks="char-bare-titles", ticked=4.0, ticked_headed=True,
                                       tested=4.0, tested_headed=True, code_masked=True, lam=1.5, floor=(0.5, 0.5),
                                       headed_salt=f"r-{i}", tests_only_lower=True) for i in (1, 2, 3)},
    # twenty-sixth session: v9 against v9 with copies of people's PRs whose description is their first
    # commit's body, fitted at x4 and x8 (rows renamed v9-s-N@bodied4 and @bodied8; models/HISTORY.md)
    **{f"v9{tag}-s-{i}": Variant(headed=8.0, blocks="char-bare-titles", ticked=4.0, ticked_headed=True, tested=4.0,
                                 tested_headed=True, code_masked=True, lam=1.5, floor=(0.5, 0.5), headed_salt=f"s-{i}",
                                 bodied=factor)
       for tag, factor in (("", 0.0), ("-bodied1", 1.0), ("-bodied2", 2.0), ("-bodied4", 4.0), ("-bodied8", 8.0))
       for i in (1, 2, 3)},  # x1 and x2: the session's second lead
    # twenty-seventh session: v9 against v9 with only the commit-body copies of at most 20 changed lines
    # fitted, at x4 and x8, the rest scored (rows renamed v9-p-N@small4 and @small8; models/HISTORY.md)
    **{f"v9{tag}-p-{i}": Variant(headed=8.0, blocks="char-bare-titles", ticked=4.0, ticked_headed=True, tested=4.0,
                                 tested_headed=True, code_masked=True, lam=1.5, floor=(0.5, 0.5), headed_salt=f"p-{i}",
                                 bodied=factor, bodied_max_lines=20)
       for tag, factor in (("", 0.0), ("-small4", 4.0), ("-small8", 8.0)) for i in (1, 2, 3)},
    # sixteenth session: v5 itself, also read with the care signals' inputs at 0 (a diagnostic view)
    "v5-care-view": Variant(headed=4.0, care_view=True),
    "v4-converged-solvers": Variant(converged=True),
    "leaf50": Variant(leaf=50),
    "leaf200": Variant(leaf=200),
    "leaf400": Variant(leaf=400),
    "aidev-bodies-x0.3": Variant(leaf=20, aidev_weight=0.3),
    "aidev-bodies-x0.5": Variant(leaf=20, aidev_weight=0.5),
    "aidev-bodies-x0.5-leaf100": Variant(aidev_weight=0.5),
    "aidev-bodies-rejection-head-only": Variant(leaf=20, aidev_weight=0.0),
    "aidev-bodies-rejection-head-only-no-balance": Variant(leaf=20, aidev_weight=0.0, balanced=False),
    "file-blind-x0.5": Variant(blind_factor=0.5),
    "file-blind-x1": Variant(blind_factor=1.0),
    "channel-masked": Variant(mask="channel"),
    "layout-balance": Variant(layout=True),
    "unlabeled-2022-x1": Variant(early_unlabeled=1.0),
    "unlabeled-2022-x0.3": Variant(early_unlabeled=0.3),
    "no-char": Variant(blocks="no-char"),
    "heads-on-words": Variant(blocks="heads-on-words"),
    "lean": Variant(blocks="lean"),
    "char-bare-titles": Variant(blocks="char-bare-titles"),
    "grouped-text-oof": Variant(grouped_text=True),
    "ai-words-masked": Variant(ai_words_masked=True),
    "vocab-3-repos": Variant(min_vocab_groups=3),
    "vocab-10-repos": Variant(min_vocab_groups=10),
    "vocab-2-repos": Variant(min_vocab_groups=2),
    "vocab-5-repos": Variant(min_vocab_groups=5),
    "headings-out-of-text": Variant(headings_masked=True),
    "headed-humans-x0.5": Variant(headed=0.5, copies_in_balance=True),
    "headed-humans-x1": Variant(headed=1.0, copies_in_balance=True),
    "headed-humans-x2": Variant(headed=2.0, copies_in_balance=True),
    "headed-humans-x4": Variant(headed=4.0, copies_in_balance=True),
    "headed-humans-x8": Variant(headed=8.0, copies_in_balance=True),
    "headed-humans-x4-confirm": Variant(headed=4.0, headed_salt="confirm-1", copies_in_balance=True),
    "headed-humans-x4-records-balance": Variant(headed=4.0),
    "headed-humans-x8-records-balance": Variant(headed=8.0),
    "headed-humans-x4-record-folds": Variant(headed=4.0, record_folds=True),
    "headed-humans-x4-ai-words-masked": Variant(headed=4.0, record_folds=True, ai_words_masked=True),
    # a next session's confirmation (models/HISTORY.md, "For a next session"); its full training:
    # sieve train --headed-weight 4 --no-record-folds
    "headed-humans-x4-records-balance-confirm": Variant(headed=4.0, headed_salt="confirm-2"),
}
# (text blocks of the trees' text vote, block of the heads): "word" the title-tagged word 1-2-grams,
# "char" the title char 2-4-grams, "full" the plain word 1-2-grams of title + description + commits
LAYOUTS = {
    "v4": (("word", "char"), "full"),
    "no-char": (("word",), "full"),
    "heads-on-words": (("word", "char"), "word"),
    "lean": (("word",), "word"),
    "char-bare-titles": (("word", "char"), "full"),  # the char block empty unless the PR is a bare title
}
MASKS = {  # the description-layout inputs that separate the data's channels, not its labels
    # (benchmarks/channel_audit.py; models/HISTORY.md, "Where the data's channels differ")
    "channel": ("body_per_churn", "mean_line_len", "log_body_chars", "avg_word_len", "body_lines", "has_body",
                "bullet_density", "bullet_count", "type_token_ratio", "header_density", "header_count"),
}
