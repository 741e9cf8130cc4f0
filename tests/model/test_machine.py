"""``bot.model.machine``: the training machine facts recorded beside a model."""

from __future__ import annotations

import json
import platform

from bot.model import machine


def test_numeric_environment_names_this_machine_and_is_plain_json():
    env = machine.numeric_environment()
    assert json.loads(json.dumps(env)) == env
    assert env["machine"] == platform.machine()
    assert set(env["cpu_features"]) <= set(machine.SIMD_FEATURES)
    assert all(isinstance(b, str) and b for b in env["blas"])
    if platform.machine() == "x86_64":
        assert "SSE42" in env["cpu_features"]  # NumPy's x86_64 baseline


def test_cpu_model_reads_proc_cpuinfo_and_falls_back_without_it(tmp_path, monkeypatch):
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor\t: 0\nmodel name\t: Example CPU 9000\nflags\t: fpu\n")
    real_path = machine.Path
    monkeypatch.setattr(machine, "Path", lambda p: cpuinfo if p == "/proc/cpuinfo" else real_path(p))
    assert machine.cpu_model() == "Example CPU 9000"
    monkeypatch.setattr(machine, "Path", lambda p: tmp_path / "missing")
    assert machine.cpu_model() == (platform.processor() or "unknown")
