"""Plain result types shared by the signals, the scorer and everything that reports a score."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Band = Literal["low", "medium", "high"]
BANDS: tuple[Band, ...] = ("low", "medium", "high")

# What a signal says about effort: "effort" signals raise the score, "ai" signals only say
# that AI took part (never low effort by themselves), "care" signals lower the score.
Kind = Literal["effort", "ai", "care", "policy"]


@dataclass(frozen=True)
class SignalHit:
    """One signal's outcome on one PR: a value in [0, 1] and evidence a person can read."""

    name: str
    value: float
    evidence: str = ""
    kind: Kind = "effort"

    @property
    def fired(self) -> bool:
        return self.value > 0


@dataclass(frozen=True)
class Result:
    score: int  # 0..100
    band: Band
    probability: float  # calibrated model probability of "low-effort agent PR"
    confidence: float  # 0..1: how much evidence backs the band
    signals: tuple[SignalHit, ...] = ()
    model_version: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def fired(self) -> tuple[SignalHit, ...]:
        return tuple(s for s in self.signals if s.fired)

    def to_dict(self) -> dict:
        return {
            "score": self.score,
            "band": self.band,
            "probability": round(self.probability, 4),
            "confidence": round(self.confidence, 3),
            "model_version": self.model_version,
            "signals": [
                {"name": s.name, "value": round(s.value, 3), "kind": s.kind, "evidence": s.evidence}
                for s in self.fired
            ],
            "notes": list(self.notes),
        }
