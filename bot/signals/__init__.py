"""Signals: small, named, explainable heuristics over a ``PRSnapshot``.

Each signal is a pure function ``(PRSnapshot) -> SignalHit`` living in a module of this
package; ``ALL_SIGNALS`` fixes their order (the classifier uses the values as features in
this order, so append, never reorder, without retraining). Signals never read the network.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from bot.result import SignalHit
from bot.snapshot import PRSnapshot

SignalFn = Callable[[PRSnapshot], SignalHit]


def all_signals() -> tuple[SignalFn, ...]:
    from bot.signals import registry  # imported lazily: nothing runs at import time

    return registry.ALL_SIGNALS


def run_signals(snapshot: PRSnapshot) -> tuple[SignalHit, ...]:
    return tuple(fn(snapshot) for fn in all_signals())


def run_named(snapshot: PRSnapshot, names: frozenset[str]) -> tuple[SignalHit, ...]:
    """The hits of the signals named in ``names`` only, in ``ALL_SIGNALS`` order."""
    return tuple(fn(snapshot) for fn in _named(names))


@lru_cache(maxsize=8)
def _named(names: frozenset[str]) -> tuple[SignalFn, ...]:
    return tuple(fn for fn in all_signals() if fn.__name__ in names)


def signal_names() -> tuple[str, ...]:
    from bot.signals import registry

    return registry.SIGNAL_NAMES
