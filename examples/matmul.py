# The naive matrix multiplication of DESIGN.md section 1: a prange over rows, scalar accumulation.
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


n = 96
a = np.arange(n * n, dtype=np.float64).reshape(n, n) / 1000.0
b = np.ones((n, n))
c = np.zeros((n, n))
matmul(a, b, c)
print(float(c.sum()))
print(c[0, :4], c[n - 1, n - 1])
print(np.allclose(c, a @ b))
