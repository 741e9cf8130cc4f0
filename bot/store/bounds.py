"""The bounds the store holds its purge and listing arguments to, whoever calls it.

``sieve deliveries purge`` / ``sieve decisions purge`` and the settings refuse a retention past
``MAX_RETENTION_DAYS`` or not finite, and the listings take a ``--limit`` of at least 1, but the
store methods took anything: a negative retention put the cutoff in the future and deleted every
finished delivery and every decision but each PR's kept ones; NaN, infinity or a huge number ended
in an ``OverflowError`` or a driver error; a limit of ``None`` (or, on SQLite, a negative one)
read the whole table, and a negative batch deleted everything in one write transaction. Each is
now a ``ValueError`` naming the argument, before anything is read or deleted. 0 days is accepted,
as the CLI's ``--days 0`` is: it deletes everything finished (the server never purges with 0).
"""

from __future__ import annotations

import math
from numbers import Real

from bot.settings import MAX_RETENTION_DAYS

MAX_BATCH = 100_000  # rows per purge transaction: ``batches.PURGE_BATCH`` is 1000


def retention_days(days, name: str = "older_than_days") -> float:
    """``days`` when it is a finite number from 0 to ``MAX_RETENTION_DAYS``, else a ``ValueError``."""
    if not _number(days) or not math.isfinite(days) or not 0 <= days <= MAX_RETENTION_DAYS:
        raise ValueError(f"{name} must be a finite number of days from 0 to {MAX_RETENTION_DAYS}, not {days!r}")
    return float(days)


def count(value, name: str, most: int | None = None) -> int:
    """``value`` when it is a whole number from 1 (to ``most``, if given), else a ``ValueError``."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 1 or (most is not None and value > most):
        upto = f" to {most}" if most is not None else " or more"
        raise ValueError(f"{name} must be a whole number from 1{upto}, not {value!r}")
    return value


def _number(value) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)
