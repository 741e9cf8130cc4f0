"""``sieve eval``'s report as tables for a person (``--json`` prints the report itself): the figures
per set, the bands ``score()`` gave with ``--as-scored``, and AUC per repository."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text


def _fmt(value) -> str:
    return "–" if value is None else f"{value:.3f}"


def _slice(entry: dict | None) -> str:
    return "–" if not entry else f"{entry['fpr']:.3f} (n={entry['n_neg']})"


def print_tables(report: dict, console: Console) -> None:
    """The report's tables on ``console``, then where the ROC curves went."""
    blind = report.get("threshold_without_files")
    rule = f"probability >= {report['threshold']}" + (f"; without files >= {blind}" if blind is not None else "")
    scorer = "; scored as score() reads PRs, AI signals at 0" if report.get("scorer") == "as_scored" else ""
    table = Table(title=f"Evaluation (flag when {rule}{scorer})")
    for column in ("set", "pos/neg", "AUC", "TPR@1%", "TPR@5%", "FPR@thr", "FPR 1st-time",
                   "FPR short"):  # a narrow terminal folds the set's name; a figure is never cut
        table.add_column(column, justify="left" if column == "set" else "right", overflow="fold",
                         no_wrap=column in ("pos/neg", "AUC", "TPR@1%", "TPR@5%"))
    for name, s in report["sets"].items():
        if "auc" not in s:  # smoke test: counts only
            table.add_row(Text(name), f"{s['n_pos']}/{s['n_neg']}", "–", "–", "–",
                          f"{s['flagged_neg']}/{s['n_neg']}", "–", "–")
            continue
        table.add_row(Text(name), f"{s['n_pos']}/{s['n_neg']}", _fmt(s["auc"]),  # names: file names, not markup
                      _fmt(s["tpr_at_fpr1"]), _fmt(s["tpr_at_fpr5"]), _fmt(s["fpr_at_threshold"]),
                      _slice(s["slices"]["first_time"]), _slice(s["slices"]["short_body"]))
    console.print(table)
    _print_bands(report, console)
    _print_repos(report, console)
    if report.get("roc_png"):
        console.print(f"ROC curves: {report['roc_png']}", highlight=False, markup=False)


def _print_bands(report: dict, console: Console) -> None:
    """``--as-scored``: per set and class, the bands ``score()`` gave (what ``sieve score`` shows)."""
    table = Table(title="Bands as score() gives them (what sieve score and the App show)")
    for column in ("set", "class", "low", "medium", "high", "medium or above"):
        table.add_column(column, justify="left" if column in ("set", "class") else "right", overflow="fold",
                         no_wrap=column not in ("set",))
    for name, s in report["sets"].items():
        for side, label in (("pos", "ai_agent"), ("neg", "human")):
            counts = s.get("bands", {}).get(side)
            n = sum(counts.values()) if counts else 0
            if n:
                up = counts["medium"] + counts["high"]
                table.add_row(Text(name), label, str(counts["low"]), str(counts["medium"]), str(counts["high"]),
                              f"{up}/{n} ({100 * up / n:.1f} %)")
    if table.row_count:
        console.print(table)


def _print_repos(report: dict, console: Console, limit: int = 12) -> None:
    """Per-repository AUC for sets with a few repositories (the JSON report has them all)."""
    table = Table(title="Per repository")
    for column in ("set", "repository", "pos/neg", "AUC"):
        named = column in ("set", "repository")
        table.add_column(column, justify="left" if named else "right", overflow="fold", no_wrap=not named)
    many = []
    for name, s in report["sets"].items():
        groups = s.get("per_repo", {}).get("groups", {})
        if 1 < len(groups) <= limit:
            for repo, g in groups.items():
                table.add_row(Text(name), Text(repo), f"{g['n_pos']}/{g['n_neg']}", _fmt(g["auc"]))
        elif len(groups) > limit:
            many.append(f"{name} ({len(groups)} repositories)")
    if table.row_count:
        console.print(table)
    if many:
        console.print(f"Per-repository AUC of {', '.join(many)}: in the --json report", highlight=False, markup=False)
