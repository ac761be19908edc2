# prange matmul (rows in parallel, ijk and ikj inner orders) and the cost of entering an empty
# prange loop. Prints "case <name> <n> median_s <t>" lines (first call excluded).
import time
import numpy as np
from numba import njit, prange


@njit(parallel=True)
def matmul_ijk(a, b, c):
    n, k = a.shape
    m = b.shape[1]
    for i in prange(n):
        for j in range(m):
            acc = 0.0
            for p in range(k):
                acc += a[i, p] * b[p, j]
            c[i, j] = acc


@njit(parallel=True)
def matmul_ikj(a, b, c):
    n, k = a.shape
    m = b.shape[1]
    for i in prange(n):
        for j in range(m):
            c[i, j] = 0.0
        for p in range(k):
            aip = a[i, p]
            for j in range(m):
                c[i, j] += aip * b[p, j]


@njit(parallel=True)
def empty_loop(n):
    for i in prange(n):
        pass


def median_time(f, args, repeats):
    f(*args)
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        f(*args)
        samples.append(time.perf_counter() - t0)
    samples.sort()
    return samples[len(samples) // 2]


for n in (128, 256, 512, 1024):
    a = np.arange(n * n, dtype=np.float64).reshape(n, n) / (n * n)
    b = np.ones((n, n)) * 0.5
    c = np.zeros((n, n))
    reps = 7 if n < 1024 else 3
    print("case ijk", n, "median_s", median_time(matmul_ijk, (a, b, c), reps))
    print("case ikj", n, "median_s", median_time(matmul_ikj, (a, b, c), reps))
print("case empty_prange", 2, "median_s", median_time(empty_loop, (2,), 201))
