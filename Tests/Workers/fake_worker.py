#!/usr/bin/env python3
"""A worker of the expm-harness worker protocol (docs/worker-protocol.md) for the harness's tests.

Standard library only, so that CI needs nothing installed. It computes exp(A) by scaling and squaring
with a Taylor polynomial of degree 18 in plain Python floats, which is accurate to a few units of
float64's roundoff for the small matrices the tests use. Its first argument chooses a behaviour:

  correct       answer every request properly
  wrong-coeff   use 1/6 * (1 + 1e-6) for the cubic Taylor coefficient (a wrong coefficient)
  crash-second  exit with status 3 on the second expm request
  crash-if-negative  exit with status 3 on an expm request whose A[0][0] is negative
  hang          never answer an expm request
  wrong-shape   write an (n+1)x(n+1) result
  no-output-second  on the second expm request, answer ok without writing the result file
  chatty        print a line outside the protocol before each expm reply
  refuse        decline every expm request with an error message
  no-start      exit at once with status 7, before hello
"""
import ast
import json
import math
import os
import struct
import sys
import time
from typing import List, Tuple

Matrix = List[List[float]]


def read_npy(path: str) -> Tuple[Matrix, str]:
    """A square float32/float64 .npy matrix (either order, little-endian) and its dtype descr."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:6] != b"\x93NUMPY":
        raise ValueError("not a .npy file")
    major = data[6]
    if major == 1:
        (hlen,), start = struct.unpack("<H", data[8:10]), 10
    else:
        (hlen,), start = struct.unpack("<I", data[8:12]), 12
    header = ast.literal_eval(data[start:start + hlen].decode("latin1"))
    descr, fortran, shape = header["descr"], header["fortran_order"], header["shape"]
    n = shape[0]
    fmt = {"<f4": "f", "<f8": "d"}[descr]
    values = struct.unpack("<%d%s" % (n * n, fmt), data[start + hlen:])
    a = [[0.0] * n for _ in range(n)]
    for k, v in enumerate(values):
        i, j = (k % n, k // n) if fortran else (k // n, k % n)
        a[i][j] = v
    return a, descr


def write_npy(path: str, a: Matrix, descr: str) -> None:
    """`a` (square) as a C-order .npy file of dtype `descr`."""
    n = len(a)
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (%d, %d), }" % (descr, n, n)
    header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    fmt = {"<f4": "f", "<f8": "d"}[descr]
    body = struct.pack("<%d%s" % (n * n, fmt), *[a[i][j] for i in range(n) for j in range(n)])
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1") + body)


def matmul(a: Matrix, b: Matrix) -> Matrix:
    n = len(a)
    return [[sum(a[i][k] * b[k][j] for k in range(n)) for j in range(n)] for i in range(n)]


def expm(a: Matrix, cubic: float) -> Tuple[Matrix, int]:
    """exp(A): Taylor degree 18 on A/2^s with ||A/2^s||_1 <= 1/2, then s squarings; returns s too."""
    n = len(a)
    norm = max((sum(abs(a[i][j]) for i in range(n)) for j in range(n)), default=0.0)
    s = max(0, math.ceil(math.log2(norm / 0.5))) if norm > 0.5 else 0
    x = [[v / 2.0 ** s for v in row] for row in a]
    coefficients = [1.0 / math.factorial(k) for k in range(19)]
    coefficients[3] = cubic
    result = [[coefficients[18] * x[i][j] + (coefficients[17] if i == j else 0.0) for j in range(n)] for i in range(n)]
    for k in range(16, -1, -1):
        result = matmul(x, result)
        for i in range(n):
            result[i][i] += coefficients[k]
    for _ in range(s):
        result = matmul(result, result)
    return result, s


def reply(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main() -> None:
    mode = sys.argv[1] if len(sys.argv) > 1 else "correct"
    if mode == "no-start":
        sys.stderr.write("fake worker: told not to start\n")
        sys.exit(7)
    expm_calls = 0
    for line in sys.stdin:
        request = json.loads(line)
        op = request["op"]
        if op == "hello":
            versions = {"python": sys.version.split()[0], "omp_threads": os.environ.get("OMP_NUM_THREADS", "unset")}
            reply({"ok": True, "name": "fake-" + mode, "protocol": 1, "versions": versions,
                   "precisions": ["float32", "float64"], "reports_choice": True})
        elif op == "bye":
            return
        elif op == "matmul":
            n = request["n"]
            a = [[1.0 / (1 + i + j) for j in range(n)] for i in range(n)]
            times = []
            for _ in range(request["repeats"] + 1):
                t = time.perf_counter()
                matmul(a, a)
                times.append(time.perf_counter() - t)
            reply({"ok": True, "first_seconds": times[0], "seconds": times[1:]})
        elif op == "expm":
            expm_calls += 1
            if mode == "crash-second" and expm_calls == 2:
                sys.stderr.write("fake worker: crashing on purpose\n")
                sys.stderr.flush()
                sys.exit(3)
            if mode == "hang":
                time.sleep(3600)
            if mode == "refuse":
                reply({"ok": False, "error": "fake worker: refuses on purpose"})
                continue
            a, descr = read_npy(request["input"])
            if mode == "crash-if-negative" and a[0][0] < 0:
                sys.stderr.write("fake worker: negative corner\n")
                sys.stderr.flush()
                sys.exit(3)
            cubic = 1.0 / 6.0 * (1 + 1e-6) if mode == "wrong-coeff" else 1.0 / 6.0
            times = []
            for _ in range(request["repeats"] + 1):
                t = time.perf_counter()
                x, s = expm(a, cubic)
                times.append(time.perf_counter() - t)
            if mode == "wrong-shape":
                x = [row + [0.0] for row in x] + [[0.0] * (len(x) + 1)]
            if not (mode == "no-output-second" and expm_calls == 2):
                write_npy(request["output"], x, descr)
            if mode == "chatty":
                print("computing exp, please wait")
            reply({"ok": True, "first_seconds": times[0], "seconds": times[1:],
                   "choice": {"approximant": "T18", "degree": 18, "scaling": s}})
        else:
            reply({"ok": False, "error": "unknown op " + op})


if __name__ == "__main__":
    main()
