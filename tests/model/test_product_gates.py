"""``benchmarks/product_gates.py``: the PRs a candidate model must band right before it ships."""

from __future__ import annotations

import sys

from tests.benchmark_scripts import load


def test_the_shipped_model_holds_every_gate(monkeypatch, capsys):
    gates = load("product_gates")
    monkeypatch.setattr(sys, "argv", ["product_gates.py"])
    assert gates.main() == 0
    out = capsys.readouterr().out
    assert "ok   demo #102" in out and "every gate holds" in out
    assert len([line for line in out.splitlines() if line.startswith("ok ")]) == len(gates.GATES)


def test_a_pr_out_of_its_band_fails_the_run(monkeypatch, capsys):
    gates = load("product_gates")
    monkeypatch.setattr(gates, "GATES", gates.GATES | {"demo #102": ("high",)})
    monkeypatch.setattr(sys, "argv", ["product_gates.py"])
    assert gates.main() == 1
    out = capsys.readouterr().out
    assert "FAIL demo #102" in out and "1 gate(s) fail" in out
