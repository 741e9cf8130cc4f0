"""Compare cv_variants runs: each candidate row against a baseline, figure by figure.

Run: ``python benchmarks/cv_compare.py RUN.jsonl [--base v5]`` on the JSON lines that
``cv_variants.py`` prints. For every candidate (every row but the baseline) it prints the change of
each figure a model decision reads, and the mean over the candidates (several dealings of one
design): per-repository E1-/E2-like means in the product view (``as_scored``) and the protocol
view, pooled E1- to E4-like, every probe above the medium threshold and as ``score()`` bands it
(``scored_medium_or_above``), the same people as written, the written-description humans
above the 5 % threshold (in PRs of 186), and the E1+-like figures (``markers_back``: merged
records with their attribution lines put back, in the protocol view). Rules stay each session's
own (``models/HISTORY.md``): this prints the figures they are judged on, so no session writes the
comparison again.

``--paired`` compares every row named ``NAME@SUFFIX`` with the row ``NAME`` of the same run (the
recombined blends of one dealing against that dealing's own model) and prints, per suffix, the
mean change over the dealings and the change of the dealing that moved most against it (``worst``:
the largest rise of a probe, the largest fall of an AUC).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def figures(row: dict) -> dict[str, float]:
    """The figures of one run (``None`` where a run has no such figure)."""
    scored = row.get("as_scored", {})
    out = {f"product {k}": scored.get(f"mean_per_repo_{k}") for k in ("E1_like", "E2_like")}
    out |= {f"protocol {k}": row.get(f"mean_per_repo_{k}") for k in ("E1_like", "E2_like")}
    out |= {f"pooled {k}": row.get(k) for k in ("E1_like", "E2_like", "E3_like", "E4_like")}
    markers = row.get("markers_back") or {}  # the E1+ reading: attribution lines put back
    out |= {"markers-back pooled E1_like": markers.get("E1_like"),
            "markers-back per-repo E1_like": markers.get("mean_per_repo_E1_like")}
    probes = scored.get("headed_probes") or row.get("headed_probes") or {}
    for name, probe in probes.items():
        out[f"probe {name} above medium"] = probe.get("above_medium")
        out[f"probe {name} scored medium+"] = probe.get("scored_medium_or_above")
    copies = scored.get("commit_body_copies") or row.get("commit_body_copies") or {}
    for name, part in copies.items():  # people's PRs with their first commit's body as description
        out[f"probe commit-body {name} above medium"] = part.get("above_medium")
        out[f"probe commit-body {name} scored medium+"] = part.get("scored_medium_or_above")
    first = next(iter(probes.values()), {})
    out["as written above medium"] = first.get("as_written_above_medium")
    out["as written scored medium+"] = first.get("as_written_scored_medium_or_above")
    written = (scored.get("written_description_humans") or {}).get("above_5pct_threshold")
    out["written humans above 5 % (PRs)"] = None if written is None else written * 186
    return out


def compare(rows: list[dict], base: str) -> list[tuple[str, float | None, list[float | None], float | None]]:
    """``(figure, baseline, change per candidate, mean change)`` for every figure of the baseline."""
    by_name = {r["variant"]: r for r in rows}
    if base not in by_name:
        raise SystemExit(f"cv_compare: no row named {base!r} (have: {', '.join(by_name)})")
    reference = figures(by_name[base])
    others = [figures(r) for name, r in by_name.items() if name != base]
    table = []
    for key, value in reference.items():
        changes = [None if value is None or o.get(key) is None else o[key] - value for o in others]
        known = [c for c in changes if c is not None]
        table.append((key, value, changes, sum(known) / len(known) if known else None))
    return table


def paired(rows: list[dict]) -> dict[str, list[dict[str, float | None]]]:
    """Per suffix, each dealing's change of every figure: ``NAME@SUFFIX`` minus ``NAME``."""
    by_name = {r["variant"]: figures(r) for r in rows}
    out: dict[str, list[dict[str, float | None]]] = {}
    for name, values in by_name.items():
        if "@" not in name:
            continue
        base, suffix = name.split("@", 1)
        if base not in by_name:
            raise SystemExit(f"cv_compare: {name!r} has no row {base!r} to be compared with")
        out.setdefault(suffix, []).append({k: None if v is None or by_name[base].get(k) is None
                                           else v - by_name[base][k] for k, v in values.items()})
    return out


def worst(key: str, changes: list[float]) -> float:
    """The change that counts against a candidate: a probe's largest rise, an AUC's largest fall."""
    return max(changes) if key.startswith(("probe", "as written", "written")) else min(changes)


def print_paired(rows: list[dict]) -> None:
    for suffix, dealings in paired(rows).items():
        print(f"== {suffix} ({len(dealings)} dealings): mean change · worst dealing")
        for key in dealings[0]:
            changes = [d[key] for d in dealings if d.get(key) is not None]
            if changes:
                print(f"  {key.ljust(36)} {sum(changes) / len(changes):+.4f} · {worst(key, changes):+.4f}")


def _cell(value: float | None, signed: bool = True) -> str:
    if value is None:
        return "–"
    return f"{value:+.4f}" if signed else f"{value:.4f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", type=Path)
    parser.add_argument("--base", default="v5")
    parser.add_argument("--paired", action="store_true", help="compare NAME@SUFFIX rows with NAME, per suffix")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.run.read_text().splitlines() if line.strip()]
    if args.paired:
        print_paired(rows)
        return 0
    names = [r["variant"] for r in rows if r["variant"] != args.base]
    print("figure".ljust(36), "base".rjust(9), *(n[-12:].rjust(12) for n in names), "mean".rjust(9))
    for key, value, changes, mean in compare(rows, args.base):
        print(key.ljust(36), _cell(value, signed=False).rjust(9), *(_cell(c).rjust(12) for c in changes),
              _cell(mean).rjust(9))
    return 0


if __name__ == "__main__":
    sys.exit(main())
