"""ROC curves of an evaluation run as one PNG (matplotlib, headless Agg backend)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.evaluation import metrics


def plot_roc(scored: dict[str, tuple[np.ndarray, np.ndarray]], path: Path | str,
             title: str = "PR Sieve: ROC per evaluation set") -> Path | None:
    """Draw one ROC curve per set that has both classes; return the path, or None if none had."""
    from matplotlib.figure import Figure  # imported lazily: slow, and only the CLI needs it
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Figure(figsize=(6, 6), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    drawn = 0
    for name, (y, scores) in scored.items():
        points = metrics.roc_points(y, scores)
        if points is None:
            continue
        fpr, tpr = points
        ax.plot(fpr, tpr, label=f"{name} (AUC {metrics.auc(y, scores):.3f}, n={len(y)})")
        drawn += 1
    if not drawn:
        return None
    ax.plot([0, 1], [0, 1], linestyle=":", color="grey", linewidth=1)
    for target in metrics.FPR_TARGETS:
        ax.axvline(target, color="grey", linewidth=0.5, linestyle="--")
    ax.set(xlabel="false positive rate", ylabel="true positive rate",
           xlim=(0, 1), ylim=(0, 1.01), title=title)
    ax.legend(loc="lower right", fontsize="small")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="png")
    return path
