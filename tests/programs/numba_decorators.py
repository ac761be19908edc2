# Numba decorators: eager signatures with truncation, vectorize with broadcasting, prange, float32.
import math
import numpy as np
from numba import njit, jit, prange, vectorize, float32, float64, int32, int64


@njit(cache=True, fastmath=True, nogil=True)
def poly(x):
    return 3.0 * x * x - 2.0 * x + 1.0


@jit(int32(int32, int32), nopython=True)
def add32(a, b):
    return a + b


@njit(["float64(float64[:])", "int64(int64[:])"])
def total(arr):
    s = arr[0] - arr[0]
    for i in range(arr.shape[0]):
        s += arr[i]
    return s


@njit(float32(float32, float32))
def mul32(a, b):
    return a * b


@vectorize([int64(int64, int64), float64(float64, float64)], target="parallel")
def hyp(a, b):
    return a * a + b * b


@vectorize
def relu(x):
    return x if x > 0 else 0.0


@njit(parallel=True)
def row_norms(m):
    out = np.empty(m.shape[0])
    for i in prange(m.shape[0]):
        s = 0.0
        for j in range(m.shape[1]):
            s += m[i, j] * m[i, j]
        out[i] = math.sqrt(s)
    return out


@njit
def f32_accumulate(n):
    acc = np.float32(0.0)
    for i in range(n):
        acc += np.float32(0.1)
    return acc


print(poly(2.0), poly(3), add32(2147483647, 1), add32(-5, 3))
print(total(np.arange(10.0)), total(np.arange(10)), mul32(1.5, 2.25))
print(hyp(np.arange(4), 2), hyp(np.array([0.5, 1.5]), np.array([2.0, 3.0])), hyp(3.0, 4.0))
print(relu(np.array([-1.0, 0.5, 2.0])), relu(-3.0))
out = np.zeros(3)
hyp(np.array([1.0, 2.0, 3.0]), 1.0, out=out)
print(out)
print(row_norms(np.arange(12.0).reshape(4, 3)))
print(float(f32_accumulate(1000)), float(np.float32(0.1) * np.float32(3.0)))
print(type(add32(1, 2)) is int if False else add32(1, 2) + 0)
