#!/usr/bin/env python3
"""A worker of the expm-harness worker protocol (docs/worker-protocol.md) for Python libraries.

    expm_worker.py --backend scipy|torch|jax|mlx
    expm_worker.py --function module:func | path/to/file.py:func

Each backend computes exp(A) in the requested precision with its library's own arithmetic and times
the call alone inside this process, after synchronising lazy libraries (JAX `block_until_ready`, MLX
`mx.eval`). A `--function` takes a NumPy array and returns one. Imports happen before `hello` is
answered, so they are never timed.
"""
import argparse
import importlib
import importlib.util
import json
import os
import platform
import re
import sys
import time
from typing import Any, Callable, Dict, List, Optional, Tuple

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from npy_io import read_matrix, write_matrix  # beside this file  # noqa: E402

DTYPES = {"float32": np.float32, "float64": np.float64}


class Backend:
    """One library: its name, versions, BLAS, precisions, and how to convert, multiply and exponentiate."""

    name = "numpy"
    precisions: List[str] = ["float32", "float64"]
    blas: Optional[str] = None

    def versions(self) -> Dict[str, str]:
        return {"python": platform.python_version(), "numpy": np.__version__}

    def to_native(self, a: np.ndarray) -> Any:
        return a

    def to_numpy(self, x: Any, dtype: Any) -> np.ndarray:
        return np.asarray(x)

    def sync(self, x: Any) -> Any:
        return x

    def matmul(self, a: Any, b: Any) -> Any:
        return a @ b

    def expm(self, a: Any) -> Any:
        raise NotImplementedError


def numpy_blas() -> Optional[str]:
    """The BLAS NumPy (and so SciPy's products) links, as NumPy's build configuration names it."""
    try:
        config = np.show_config(mode="dicts")
        blas = config["Build Dependencies"]["blas"]
        return "%s %s" % (blas.get("name", "?"), blas.get("version", ""))
    except Exception:  # an older NumPy without mode="dicts"
        return None


class SciPyBackend(Backend):
    name = "scipy"

    def __init__(self) -> None:
        import scipy
        import scipy.linalg
        self.scipy = scipy
        self.blas = numpy_blas()

    def versions(self) -> Dict[str, str]:
        return {**super().versions(), "scipy": self.scipy.__version__}

    def expm(self, a: Any) -> Any:
        return self.scipy.linalg.expm(a)


class TorchBackend(Backend):
    name = "torch"

    def __init__(self) -> None:
        import torch
        self.torch = torch
        # The build settings are one long comma-separated line; keep the BLAS and LAPACK entries.
        settings = re.findall(r"\b(BLAS_INFO|LAPACK_INFO)=([^,\s]+)", torch.__config__.show())
        self.blas = ", ".join("%s=%s" % kv for kv in settings) or None

    def versions(self) -> Dict[str, str]:
        return {**super().versions(), "torch": self.torch.__version__}

    def to_native(self, a: np.ndarray) -> Any:
        return self.torch.from_numpy(np.ascontiguousarray(a))

    def to_numpy(self, x: Any, dtype: Any) -> np.ndarray:
        return x.numpy()

    def expm(self, a: Any) -> Any:
        return self.torch.linalg.matrix_exp(a)


class JaxBackend(Backend):
    name = "jax"

    def __init__(self) -> None:
        import jax
        jax.config.update("jax_enable_x64", True)  # else float64 silently becomes float32
        jax.config.update("jax_platforms", "cpu")
        import jax.numpy as jnp
        import jax.scipy.linalg
        self.jax, self.jnp = jax, jnp
        self.blas = "XLA CPU (Eigen)"

    def versions(self) -> Dict[str, str]:
        import jaxlib
        return {**super().versions(), "jax": self.jax.__version__, "jaxlib": jaxlib.__version__}

    def to_native(self, a: np.ndarray) -> Any:
        return self.jnp.asarray(a, dtype=a.dtype)

    def sync(self, x: Any) -> Any:
        return x.block_until_ready()

    def expm(self, a: Any) -> Any:
        return self.jax.scipy.linalg.expm(a)


class FunctionBackend(Backend):
    """Any Python function that takes a NumPy array and returns one: `module:func` or `file.py:func`."""

    def __init__(self, spec: str) -> None:
        where, _, func = spec.rpartition(":")
        if not where or not func:
            raise SystemExit("--function expects module:func or path/to/file.py:func, got %r" % spec)
        if where.endswith(".py"):
            loader = importlib.util.spec_from_file_location("user_expm", where)
            if loader is None or loader.loader is None:
                raise SystemExit("--function: cannot load %s" % where)
            module = importlib.util.module_from_spec(loader)
            loader.loader.exec_module(module)
        else:
            module = importlib.import_module(where)
        self.function: Callable[[np.ndarray], Any] = getattr(module, func)
        self.name = spec
        self.blas = numpy_blas()

    def expm(self, a: Any) -> Any:
        return self.function(a)


def backend_named(name: str) -> Backend:
    if name == "scipy":
        return SciPyBackend()
    if name == "torch":
        return TorchBackend()
    if name == "jax":
        return JaxBackend()
    if name == "mlx":
        from mlx_expm import MLXBackend  # beside this file
        return MLXBackend()  # type: ignore[return-value]
    raise SystemExit("unknown backend %r (scipy, torch, jax, mlx)" % name)


def timed(call: Callable[[], Any], sync: Callable[[Any], Any], request: Dict[str, Any]) -> Tuple[Any, float, List[float]]:
    """The first call's result and time, then the times of the repeats (each synchronised): at least
    `repeats`, more until they take `min_seconds` in total, at most `max_repeats`."""
    repeats = request["repeats"]
    max_repeats = max(repeats, request.get("max_repeats") or repeats)
    min_seconds = request.get("min_seconds") or 0.0
    start = time.perf_counter()
    result = sync(call())
    first = time.perf_counter() - start
    times: List[float] = []
    while len(times) < repeats or (sum(times) < min_seconds and len(times) < max_repeats):
        start = time.perf_counter()
        sync(call())
        times.append(time.perf_counter() - start)
    return result, first, times


def answer(backend: Backend, request: Dict[str, Any]) -> Dict[str, Any]:
    op = request.get("op")
    if op == "hello":
        return {"ok": True, "name": backend.name, "protocol": 1, "versions": backend.versions(),
                "precisions": backend.precisions, "reports_choice": False, "blas": backend.blas}
    precision = request.get("precision")
    if precision not in backend.precisions:
        return {"ok": False, "error": "%s does not compute in %s" % (backend.name, precision)}
    dtype = DTYPES[precision]
    if op == "matmul":
        n = request["n"]
        rng = np.random.default_rng(n)
        a, b = (backend.to_native(rng.standard_normal((n, n)).astype(dtype)) for _ in range(2))
        _, first, seconds = timed(lambda: backend.matmul(a, b), backend.sync, request)
        return {"ok": True, "first_seconds": first, "seconds": seconds}
    if op == "expm":
        a = read_matrix(request["input"])
        if a.dtype != dtype:
            return {"ok": False, "error": "input dtype %s is not %s" % (a.dtype, precision)}
        x = backend.to_native(a)
        result, first, seconds = timed(lambda: backend.expm(x), backend.sync, request)
        out = backend.to_numpy(result, dtype)
        if out.dtype != dtype:
            return {"ok": False, "error": "%s returned %s for %s input" % (backend.name, out.dtype, precision)}
        write_matrix(request["output"], out)
        return {"ok": True, "first_seconds": first, "seconds": seconds}
    return {"ok": False, "error": "unknown op %r" % op}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--backend")
    group.add_argument("--function")
    args = parser.parse_args()
    backend = backend_named(args.backend) if args.backend else FunctionBackend(args.function)
    for line in sys.stdin:
        request = json.loads(line)
        if request.get("op") == "bye":
            return
        try:
            reply = answer(backend, request)
        except Exception as error:  # the library refused or failed: a refusal, and the worker goes on
            reply = {"ok": False, "error": "%s: %s" % (type(error).__name__, error)}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
