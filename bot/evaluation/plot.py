"""ROC curves of an evaluation run as one figure (matplotlib, headless Agg backend), in a format a
file's suffix names."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.evaluation import metrics

_HEAD = 1024  # how much of a file its signature is looked for in


def _svg(head: bytes) -> bool:
    return head.lstrip().startswith(b"<") and b"<svg" in head


# The formats written (matplotlib's own, or Pillow's raster ones), each with the test of its first
# bytes that tells such a file from any other. Not here: raw and rgba (headerless, so a file in them
# cannot be told from another), pgf (LaTeX text, and needs LaTeX to write) and avif (not every Pillow).
SIGNATURES = {
    "png": lambda h: h.startswith(b"\x89PNG\r\n\x1a\n"),
    "svg": _svg,
    "svgz": lambda h: h.startswith(b"\x1f\x8b"),
    "pdf": lambda h: h.startswith(b"%PDF-"),
    "eps": lambda h: h.startswith(b"%!PS"),
    "ps": lambda h: h.startswith(b"%!PS"),
    "jpg": lambda h: h.startswith(b"\xff\xd8\xff"),
    "jpeg": lambda h: h.startswith(b"\xff\xd8\xff"),
    "tif": lambda h: h[:4] in (b"II*\x00", b"MM\x00*"),
    "tiff": lambda h: h[:4] in (b"II*\x00", b"MM\x00*"),
    "webp": lambda h: h.startswith(b"RIFF") and h[8:12] == b"WEBP",
    "gif": lambda h: h.startswith(b"GIF8"),
}


# matplotlib's formats that are not written (see SIGNATURES): a name with one of these suffixes is refused
NOT_WRITTEN = ("raw", "rgba", "pgf", "avif")


def figure_format(path: Path | str) -> str | None:
    """The format a name's suffix names; ``png`` without a suffix or with one that names no image
    format (``roc-v9.1``, ``roc.png.bak``: a name, as before formats were read from it); None for
    an image format that is not written (``NOT_WRITTEN``)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in NOT_WRITTEN:
        return None
    return suffix if suffix in SIGNATURES else "png"


def names_format(path: Path | str) -> bool:
    """Whether a name's suffix names the format written (a name without one is PNG, as documented)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return not suffix or suffix in SIGNATURES


def holds_format(path: Path | str, fmt: str) -> bool:
    """Whether the file at ``path`` begins as a file in ``fmt`` does (False if it cannot be read)."""
    try:
        with open(path, "rb") as f:
            return SIGNATURES[fmt](f.read(_HEAD))
    except OSError:
        return False


def plot_roc(scored: dict[str, tuple[np.ndarray, np.ndarray]], path: Path | str,
             title: str = "PR Sieve: ROC per evaluation set", fmt: str = "png") -> Path | None:
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
    fig.savefig(path, format=fmt)
    return path
