"""Scoring a batch from the offline CLI so that one PR the scorer cannot handle loses nothing else.

``score_many`` scores the whole batch with one model call. Should it raise on some record (a bug
the loaders did not catch), the batch is scored again one PR at a time: each PR that fails is
reported as one line naming its record, and the others are still scored. A model that does not
match its metadata is not a per-record problem and is raised as it is.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.loaders import LoadError

log = logging.getLogger(__name__)


def score_all(inputs: list[tuple[str, object]], config, on_error: Callable[[LoadError], None]) -> list[tuple[str, object]]:
    """``[(reference, Result)]`` for every input that could be scored, in input order."""
    from bot.model.persist import ModelMismatchError
    from bot.scoring import score_many

    try:
        return list(zip((ref for ref, _ in inputs), score_many([s for _, s in inputs], config)))
    except ModelMismatchError:
        raise
    except Exception:  # noqa: BLE001 - find the record(s), keep the rest
        log.debug("batch scoring failed; scoring one PR at a time", exc_info=True)
    return [scored for ref, snapshot in inputs if (scored := _one(ref, snapshot, config, on_error))]


def _one(ref: str, snapshot, config, on_error) -> tuple[str, object] | None:
    from bot.scoring import score_many

    try:
        return ref, score_many([snapshot], config)[0]
    except Exception as exc:  # noqa: BLE001 - one line per PR, never a traceback that loses the batch
        on_error(unscored(ref, exc))
        return None


def unscored(ref: str, exc: Exception) -> LoadError:
    """The one line for a PR the scorer raised on (``sieve score``, ``report`` and ``eval``)."""
    return LoadError(f"{ref}: could not be scored ({type(exc).__name__}: {exc})"[:300])
