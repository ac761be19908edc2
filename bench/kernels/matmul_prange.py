# The naive matrix multiplication of DESIGN.md section 1, with n = 128 (the interpreter benchmark).
import numpy as np
from numba import njit, prange


@njit(parallel=True)
def matmul(a, b, c):
    n, k = a.shape
    m = b.shape[1]
    for i in prange(n):
        for j in range(m):
            acc = 0.0
            for p in range(k):
                acc += a[i, p] * b[p, j]
            c[i, j] = acc


n = 128
a = np.arange(n * n, dtype=np.float64).reshape(n, n) / 1000.0
b = np.ones((n, n))
c = np.zeros((n, n))
matmul(a, b, c)
print(float(c.sum()))
