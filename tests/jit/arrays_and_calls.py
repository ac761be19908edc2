# Arrays in compiled code: 1-3 dimensions, all dtypes, allocation, negative indices, nested calls.
import numpy as np
from numba import njit


@njit
def square(x):
    return x * x


@njit
def sum_of_squares(a):
    s = 0.0
    for v in a:
        s += square(v)
    return s


@njit
def matmul_ikj(a, b):
    n = a.shape[0]
    k = a.shape[1]
    m = b.shape[1]
    c = np.zeros((n, m))
    for i in range(n):
        for p in range(k):
            aip = a[i, p]
            for j in range(m):
                c[i, j] += aip * b[p, j]
    return c


@njit
def reverse_copy(a):
    out = np.empty_like(a)
    n = len(a)
    for i in range(n):
        out[i] = a[-1 - i]
    return out


@njit
def cube_sum(t):
    ni, nj, nk = t.shape
    total = 0
    for i in range(ni):
        for j in range(nj):
            for k in range(nk):
                total += t[i, j, k]
    return total, t.size, t.ndim


@njit
def fill_flags(n):
    flags = np.ones(n, dtype=np.bool_)
    flags[0] = False
    for i in range(2, n, 2):
        flags[i] = False
    return flags


print(sum_of_squares(np.arange(10.0)), sum_of_squares(np.arange(5, dtype=np.int32)))
print(matmul_ikj(np.arange(6.0).reshape(2, 3), np.arange(12.0).reshape(3, 4)))
print(reverse_copy(np.arange(5, dtype=np.uint8)), reverse_copy(np.linspace(0.0, 1.0, 4).astype(np.float32)))
print(cube_sum(np.arange(24, dtype=np.int16).reshape(2, 3, 4)))
print(fill_flags(7))
strided = np.arange(20.0)[::3]
print(sum_of_squares(strided), matmul_ikj(np.ones((2, 2)), np.arange(4.0).reshape(2, 2).T))
