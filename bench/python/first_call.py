"""First call (compile + run) of the matmul kernel, then a warm call: the same file runs under
Numba (`python first_call.py`) and under rhumba (`python -m rhumba first_call.py`)."""
import time

import numpy as np
from numba import njit


@njit
def matmul(a, b, c):
    n, m = a.shape
    p = b.shape[1]
    for i in range(n):
        for k in range(m):
            aik = a[i, k]
            for j in range(p):
                c[i, j] += aik * b[k, j]


n = 128
a = np.random.rand(n, n)
b = np.random.rand(n, n)
c = np.zeros((n, n))
t0 = time.perf_counter()
matmul(a, b, c)
t1 = time.perf_counter()
c[:] = 0
matmul(a, b, c)
t2 = time.perf_counter()
print(f"first call {1e3 * (t1 - t0):.1f} ms, warm call {1e3 * (t2 - t1):.2f} ms, ok {np.allclose(c, a @ b)}")
