"""``mentions_missing_symbols``: the description claims changes to code names the diff never shows."""

from bot.signals.symbols import claimed_symbols, mentions_missing_symbols
from bot.snapshot import FileChange, PRSnapshot

PATCH = ("@@ -10,6 +10,9 @@ func Load(path string) (*Config, error) {\n"
         " \tdata, err := os.ReadFile(path)\n"
         "+\tif err != nil {\n+\t\treturn nil, fmt.Errorf(\"read %s: %w\", path, err)\n+\t}\n")


def _pr(body: str, patch: str | None = PATCH) -> PRSnapshot:
    return PRSnapshot(title="config: wrap read errors", body=body,
                      files=(FileChange(path="internal/config/loader.go", additions=3, patch=patch),))


def test_celestia_core_2113_describes_an_earlier_version_of_its_diff(git_pr_with_diff):
    # The description (written for a first attempt) says CreateProposalBlock gained a round
    # parameter and a new test was created; the merged diff only adds timestamps to two file names.
    hit = mentions_missing_symbols(git_pr_with_diff("celestia-core", 2113))
    assert hit.fired and hit.kind == "effort"
    assert "`CreateProposalBlock`" in hit.evidence and "`TestSaveFailedProposalBlockIncludesRound`" in hit.evidence


def test_celestia_core_3046_names_what_its_diff_changes(git_pr_with_diff):
    snap = git_pr_with_diff("celestia-core", 3046)
    assert len(claimed_symbols(snap.body)) >= 3  # PartSet.AddPart, Proof.Verify, ErrInvalidPart, a new test
    assert not mentions_missing_symbols(snap).fired


def test_claims_need_a_change_verb_and_a_code_name():
    body = ("Added `validateInput()` and renamed `max_retries` to `--retry-limit`.\n"
            "See `Load` and `go test ./...`; the `config` word is prose.\n"
            "`parseFlags()` is untouched.")
    assert claimed_symbols(body) == ["validateInput()", "max_retries", "--retry-limit"]


def test_fires_when_most_claimed_names_are_nowhere_in_the_patch():
    hit = mentions_missing_symbols(_pr("- Added `validateInput()` helper\n- Introduced the `--strict-mode` flag\n"
                                       "- Updated `config.Load` to wrap errors"))
    assert hit.value == 2 / 3  # Load is in the hunk header; the other two are not in the diff
    assert "`validateInput()`, `--strict-mode`" in hit.evidence


def test_one_missing_name_or_an_unknown_patch_stays_quiet():
    assert not mentions_missing_symbols(_pr("Added `validateInput()` next to `config.Load`.")).fired
    claims = "Added `validateInput()` and `sanitize_path()`."
    assert mentions_missing_symbols(_pr(claims)).fired
    assert not mentions_missing_symbols(_pr(claims, patch=None)).fired  # a binary or huge file could hold them
    assert not mentions_missing_symbols(PRSnapshot(title="t", body=claims)).fired  # no file list at all
