"""The machine a model was trained on, as far as it decides the last bits of the arithmetic.

Training is deterministic on one machine, but not across CPUs: ``exp``/``log`` from glibc
and NumPy take different code paths with and without FMA or AVX-512, and OpenBLAS picks its
kernels per CPU. At the default tolerance the logistic regressions stop where those last bits
decide, and the trees turn the difference into another model (``models/HISTORY.md``, "Numerical
noise"; ``sieve train --converged-solvers`` avoids it). Recording these facts beside the model
tells a reproducer whether to expect the same bytes or only the same figures within that noise.
"""

from __future__ import annotations

import platform
from pathlib import Path

SIMD_FEATURES = ("SSE42", "AVX2", "FMA3", "AVX512F")


def cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return platform.processor() or "unknown"
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), "unknown")


def _simd() -> list[str]:
    try:
        from numpy._core._multiarray_umath import __cpu_features__
    except ImportError:  # a NumPy without this table: say nothing rather than guess
        return []
    return [name for name in SIMD_FEATURES if __cpu_features__.get(name)]


def _blas() -> list[str]:
    from threadpoolctl import threadpool_info

    return sorted({f"{i.get('internal_api')} {i.get('version')} {i.get('architecture') or ''}".strip()
                   for i in threadpool_info() if i.get("user_api") == "blas"})


def numeric_environment() -> dict:
    libc, libc_version = platform.libc_ver()
    return {"machine": platform.machine(), "cpu": cpu_model(), "cpu_features": _simd(),
            "blas": _blas(), "libc": f"{libc} {libc_version}".strip()}
