# The kernel of `rhumba-bench embed-matmul`: serial ikj matmul into a given array. Run alone
# (`rhumba run bench/kernels/embed_matmul.py`) it times the same kernel from a script, after
# warm-up, median of 5, so that the embedding API and `rhumba run` are compared in one run.
import time
import numpy as np
from numba import njit

N = 512


@njit
def matmul(a, b, c):
    n, k = a.shape
    m = b.shape[1]
    for i in range(n):
        for j in range(m):
            c[i, j] = 0.0
        for p in range(k):
            aip = a[i, p]
            for j in range(m):
                c[i, j] += aip * b[p, j]


if __name__ == "__main__":
    a = np.arange(N * N, dtype=np.float64).reshape(N, N) / 1000.0
    b = np.ones((N, N))
    c = np.zeros((N, N))
    for _ in range(3):
        matmul(a, b, c)
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        matmul(a, b, c)
        times.append(time.perf_counter() - t0)
    times.sort()
    print("rhumba run: %.2f ms (median of 5), checksum %.6e" % (times[2] * 1e3, c.sum()))
