"""``sieve eval``'s notes on its figures: why a set's figures are missing, or read otherwise than
their names say."""

from __future__ import annotations

from bot.evaluation import metrics


_CLASSES = {"agent_vs_human": ("ai_agent", "human"), "low_effort": ("rejected", "merged"),
            "E1": ("ai_agent", "human"), "E1+": ("ai_agent", "human"), "E2": ("ai_agent", "unlabeled"),
            "E3": ("rejected", "merged"), "E4": ("ai_agent", "human")}


def _classes(name: str) -> tuple[str, str]:
    """What a set's positives and negatives are (``FILE:agent_vs_human``: ai_agent and human)."""
    return _CLASSES.get(name.rsplit(":", 1)[-1], _CLASSES.get(name, ("positive", "negative")))


def figure_notes(sets: dict[str, dict]) -> list[str]:
    """Why a set's figures are not there or not what their names say: one line per set that has
    one class only (AUC and TPR@FPR need both, so they are null), and one per set with too few
    negatives for TPR@1% or TPR@5% (see ``_read_at_fpr0``)."""
    out = []
    for name, s in sets.items():
        if "auc" not in s or not s["n"]:  # smoke: counts only
            continue
        for count, cls in zip((s["n_pos"], s["n_neg"]), _classes(name)):
            if not count:
                out.append(f"{name}: 0 {cls} records: AUC and TPR@FPR undefined")
        if s["n_pos"] and s["n_neg"]:
            out.extend(_read_at_fpr0(name, s["n_neg"]))
    return out


def _read_at_fpr0(name: str, n_neg: int) -> list[str]:
    """``metrics.tpr_at_fpr`` takes the best TPR whose FPR is at most the target; the FPRs a set can
    give are k/n_neg, so with fewer than 1/target negatives (100 for 1 %, 20 for 5 %) only FPR 0
    qualifies: the figure is the TPR of a threshold above every negative's score."""
    small = [f"TPR@{round(t * 100)}%" for t in metrics.FPR_TARGETS if 1 / n_neg > t + 1e-12]
    if not small:
        return []
    figures = " and ".join(small) + (" are" if len(small) > 1 else " is")
    return [f"{name}: n_neg={n_neg}: {figures} read at FPR 0 (no negative flagged), not at the FPR named: "
            f"the smallest FPR above 0 is 1/{n_neg} = {100 / n_neg:.1f} %, and TPR@X% is the best TPR "
            "at an FPR of at most X %"]
