# Whole-array reductions in compiled code: sums are sequential as in Numba, extrema propagate
# NaN and take the first of equal values, integer arrays sum to int64.
import numpy as np
from numba import njit


@njit
def stats(a):
    return a.sum(), a.min(), a.max(), a.argmin(), a.argmax(), a.mean(), a.std(), a.var()


@njit
def np_stats(a):
    return np.sum(a), np.max(a), np.min(a), np.mean(a), np.argmax(a), np.prod(a)


@njit
def normalized_total(m):
    s = 0.0
    for i in range(m.shape[0]):
        s += m[i, 0] / m.max()
    return s


print(stats(np.sin(np.arange(50) * 0.37)))
print(stats(np.array([3, -1, 7, 7, 2])), np_stats(np.array([3, -1, 7, 7, 2])))
print(np_stats(np.arange(1.0, 9.0).reshape(2, 4)), normalized_total(np.arange(12.0).reshape(4, 3)))
print(stats(np.array([1.0, np.nan, 3.0])), np_stats(np.arange(6, dtype=np.float32)))
