"""``sieve eval --roc``: where the ROC curves go, in the format the name's suffix gives, and what
happens to an older figure there when this run draws none."""

from __future__ import annotations

from pathlib import Path

from bot.evaluation import protocol
from bot.evaluation.plot import NOT_WRITTEN, SIGNATURES, figure_format, holds_format, names_format, plot_roc

DEFAULT = Path("out/roc.png")
HELP = ("Where to write the ROC curves (default: out/roc.png), when a set has both labels, in the format "
        "the suffix names: " + ", ".join(f".{s}" for s in SIGNATURES) + " (none, or another: PNG; "
        + ", ".join(f".{s}" for s in NOT_WRITTEN) + " are refused). Given, and no "
        "curve to draw: an older figure of that format there is removed.")


def unwritable(roc: Path) -> str | None:
    """Why the curves cannot go to ``roc`` whatever the run gives (a suffix not written), else None."""
    if figure_format(roc) is not None:
        return None
    *most, last = (f".{s}" for s in SIGNATURES)
    return f"{roc}: cannot write the ROC curves as {roc.suffix} (the suffix names the format: {', '.join(most)} or {last})"


def as_png(roc: Path) -> str | None:
    """A note when the name's suffix names no format written, so the figure there is a PNG."""
    return None if names_format(roc) else f"{roc}: {roc.suffix} names no image format written; the ROC curves are a PNG"


def write(scored: dict, roc: Path) -> tuple[Path | None, str | None]:
    """``(written figure or None, error message or None)``."""
    curves = {k: v for k, v in scored.items() if k not in protocol.NO_FIGURES}
    try:
        return plot_roc(curves, roc, fmt=figure_format(roc)), None
    except OSError as exc:
        return None, f"{roc}: cannot write the ROC curves ({exc.strerror or exc})"


def no_curve(roc: Path, remove: bool) -> str:
    """No set has both labels, so no curve was drawn; an older figure at ``roc`` would read as this
    run's. It is removed only when ``--roc`` named it (``remove``) and it is in the format its suffix
    names: the default path is wherever the command runs, and a file in another format (or none) is
    not an earlier run's curves."""
    missing = "no ROC curve (no set has both labels)"
    if not roc.is_file():
        return missing
    if not remove or not holds_format(roc, figure_format(roc)):
        return f"{missing}; {roc} is not from this run (left as it was)"
    try:
        roc.unlink()
    except OSError as exc:
        return f"{missing}; {roc} is an older run's and could not be removed ({exc.strerror})"
    return f"{missing}; the older {roc} was removed"
