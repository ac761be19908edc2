# The matmul benchmark suite's kernels (issue 7): naive matmul in ijk and ikj order, serial and
# with prange over rows. The same file runs under rhumba (JIT and --no-jit), CPython with
# NUMBA_DISABLE_JIT=1, and CPython + Numba; rhumba-bench rewrites the three settings below and
# reads the "case" lines: name, n, first call (compilation included), checksum, then samples.
import time
import numpy as np
from numba import njit, prange

SIZES = (64, 128)
CASES = ("ijk", "ikj", "prange_ijk", "prange_ikj")
SAMPLES = 5
# Calls before the samples, until this many seconds have passed since the first call began (the
# same for every peer): a tiered JIT is then timed in its steady state. The first call is
# reported on its own, as the cold cost.
WARMUP = 0.25


@njit
def matmul_ijk(a, b, c):
    n, k = a.shape
    m = b.shape[1]
    for i in range(n):
        for j in range(m):
            acc = 0.0
            for p in range(k):
                acc += a[i, p] * b[p, j]
            c[i, j] = acc


@njit
def matmul_ikj(a, b, c):
    n, k = a.shape
    m = b.shape[1]
    for i in range(n):
        for j in range(m):
            c[i, j] = 0.0
        for p in range(k):
            aip = a[i, p]
            for j in range(m):
                c[i, j] += aip * b[p, j]


@njit(parallel=True)
def matmul_prange_ijk(a, b, c):
    n, k = a.shape
    m = b.shape[1]
    for i in prange(n):
        for j in range(m):
            acc = 0.0
            for p in range(k):
                acc += a[i, p] * b[p, j]
            c[i, j] = acc


@njit(parallel=True)
def matmul_prange_ikj(a, b, c):
    n, k = a.shape
    m = b.shape[1]
    for i in prange(n):
        for j in range(m):
            c[i, j] = 0.0
        for p in range(k):
            aip = a[i, p]
            for j in range(m):
                c[i, j] += aip * b[p, j]


def blas(a, b, c):
    c[:, :] = a @ b


def kernel(name):
    if name == "ijk":
        return matmul_ijk
    if name == "ikj":
        return matmul_ikj
    if name == "prange_ijk":
        return matmul_prange_ijk
    if name == "prange_ikj":
        return matmul_prange_ikj
    return blas


for n in SIZES:
    a = np.arange(n * n, dtype=np.float64).reshape(n, n) / (n * n)
    b = np.ones((n, n)) * 0.5 + np.arange(n * n, dtype=np.float64).reshape(n, n) / (n * n * 7.0)
    c = np.zeros((n, n))
    for name in CASES:
        f = kernel(name)
        t0 = time.perf_counter()
        f(a, b, c)
        first = time.perf_counter() - t0
        checksum = c.sum()
        w0 = time.perf_counter()
        while time.perf_counter() - t0 < WARMUP:
            f(a, b, c)
        print("warmup", name, n, time.perf_counter() - w0)
        samples = []
        for s in range(SAMPLES):
            t0 = time.perf_counter()
            f(a, b, c)
            samples.append(time.perf_counter() - t0)
        print("case", name, n, first, checksum, *samples)
