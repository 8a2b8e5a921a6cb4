"""The MLX proposal's matrix exponential written in MLX operations, for the worker's `mlx` backend.

The algorithm and scalars are those of the post in the MLX feature request for `expm` (ml-explore/mlx
issue #1779, comment by N8python, 2025-01-19), as the native candidate `mlx-proposal-t8` describes them
(Sources/Candidates/MLXProposalT8.swift, MLXProposalT8Constants.swift): Taylor polynomials T1, T2, T4, T8
chosen by ||A||_1 against the posted thresholds, then scaling and squaring with T8. The posted T8 scalars
are kept as posted, x7 included (it divides by 5040*x3 where Bader, Blanes & Casas 2019 divide by
5040*x3^2), so that MLX's own arithmetic runs the object under verification.
"""
import glob
import math
import os
from typing import Any, Dict, List, Optional, Tuple

import numpy as np

# The posted scalars, computed in Python doubles in the posted order (MLXProposalT8Coefficients).
SQRT_177 = 0.1330413469565007072504e+2
X3 = 2.0 / 3.0
X1 = X3 * ((1 + SQRT_177) / 88)
X2 = X3 * ((1 + SQRT_177) / 352)
X4 = (-271 + 29 * SQRT_177) / (315 * X3)
X5 = (-11 + 11 * SQRT_177) / (1260 * X3)
X6 = (-99 + 11 * SQRT_177) / (5040 * X3)
X7 = (89 - SQRT_177) / (5040 * X3)  # as posted (see the module note)
Y2 = (857 - 58 * SQRT_177) / 630

# The posted thresholds theta_1, theta_2, theta_4, theta_8 per precision (MLXProposalT8Thresholds; the
# post takes PyTorch's thetas_float and thetas_double).
THETAS: Dict[str, Tuple[float, float, float, float]] = {
    "float32": (1.192092800768788e-07, 5.978858893805233e-04, 5.116619363445086e-02, 5.800524627688768e-01),
    "float64": (2.220446049250313e-16, 2.580956802971767e-08, 3.397168839976962e-04, 4.991228871115323e-02),
}


def bundled_blas(mlx_module: Any) -> Optional[str]:
    """What BLAS the mlx[cpu] wheel bundles, from its library folder's file names."""
    site = os.path.dirname(os.path.dirname(mlx_module.__file__))
    libs = sorted(os.path.basename(p) for p in glob.glob(os.path.join(site, "mlx_cpu.libs", "libblas*")))
    if not libs:
        return None
    return "%s bundled in the mlx[cpu] wheel (Netlib reference BLAS: slow, unoptimised)" % ", ".join(libs)


class MLXBackend:
    """The worker backend: MLX arrays on the CPU device, float32 and float64."""

    name = "mlx"
    precisions: List[str] = ["float32", "float64"]

    def __init__(self) -> None:
        import mlx.core as mx
        mx.set_default_device(mx.cpu)  # float64 runs only on the CPU
        self.mx = mx
        self.blas = bundled_blas(mx)

    def versions(self) -> Dict[str, str]:
        import platform
        return {"python": platform.python_version(), "numpy": np.__version__, "mlx": self.mx.__version__}

    def to_native(self, a: np.ndarray) -> Any:
        # mx.array of a float64 NumPy array becomes float32 unless the dtype is given.
        dtype = self.mx.float64 if a.dtype == np.float64 else self.mx.float32
        return self.mx.array(a, dtype=dtype)

    def to_numpy(self, x: Any, dtype: Any) -> np.ndarray:
        return np.array(x, copy=True)

    def sync(self, x: Any) -> Any:
        self.mx.eval(x)
        return x

    def matmul(self, a: Any, b: Any) -> Any:
        return self.mx.matmul(a, b)

    def expm(self, a: Any) -> Any:
        mx = self.mx
        n = a.shape[0]
        if n == 0:
            return a
        if n == 1:
            return mx.exp(a)
        theta1, theta2, theta4, theta8 = THETAS["float64" if a.dtype == mx.float64 else "float32"]
        norm = mx.max(mx.sum(mx.abs(a), axis=0)).item()
        eye = mx.eye(n, dtype=a.dtype)
        if norm <= theta1:
            return eye + a
        a2 = mx.matmul(a, a)
        if norm <= theta2:
            return (eye + a) + a2 / 2
        if norm <= theta4:
            inner = (eye / 2 + a / 6) + a2 / 24
            return (eye + a) + mx.matmul(a2, inner)
        # The smallest s >= 0 with norm * 2^-s <= theta8, and T8 on 2^-s * A squared s times.
        s = 0
        scaled_norm = norm
        while math.isfinite(scaled_norm) and scaled_norm > theta8:
            scaled_norm /= 2
            s += 1
        x = a * (2.0 ** -s) if s > 0 else a
        x2 = mx.matmul(x, x)
        x4 = mx.matmul(x2, X1 * x + X2 * x2)
        left = X3 * x2 + x4
        right = ((X4 * eye + X5 * x) + X6 * x2) + X7 * x4
        result = ((eye + x) + Y2 * x2) + mx.matmul(left, right)
        for _ in range(s):
            result = mx.matmul(result, result)
        return result
