# np.arange, reshape (views of contiguous arrays, copies of strided ones, -1), ravel, flatten and
# cumsum inside compiled code.
import numpy as np
from numba import njit


@njit
def grids(n):
    a = np.arange(n * 6).reshape(n, 6)
    b = np.arange(0.5, 3.0, 0.5)
    c = np.arange(10, 0, -3)
    return a, b, c, a.T.ravel(), a.reshape(-1, 3).shape[0]


@njit
def running(a):
    return np.cumsum(a), a.cumsum(), np.cumsum(a.reshape(2, 3))


@njit
def flattened_sum(m):
    f = m.flatten()
    f[0] = 100.0
    return f.sum(), m[0, 0]


a, b, c, t, rows = grids(3)
print(a)
print(b, c, t, rows)
print(running(np.arange(1, 7)), running(np.linspace(0.0, 1.0, 6)))
print(flattened_sum(np.arange(6.0).reshape(2, 3)[:, ::-1]))
