"""Loaders build ``PRSnapshot`` values from the formats PR Sieve reads."""

from __future__ import annotations


class LoadError(ValueError):
    """A record or file that cannot be turned into a snapshot; the message names it."""
