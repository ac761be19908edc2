# compiled: all
# n-d numpy in kernels: np.sort of a 2-d array (each row, NaNs last), np.concatenate of 1-d and
# 2-d arrays along either axis, np.vstack/hstack/stack of 1-d and 2-d arrays, and the error for
# arrays whose other dimension differs.
import numpy as np
from numba import njit


@njit
def sorted_rows(a):
    return np.sort(a)


@njit
def joined(a, b):
    return np.concatenate((a, b)), np.concatenate((a, b), axis=1), np.concatenate((a, b, a), axis=0), np.vstack((a, b)), np.hstack((b, a))


@njit
def joined_1d(x, y):
    return np.concatenate((x, y)), np.vstack((x, y)), np.hstack((x, y, x)), np.stack((y, x))


@njit
def mismatched(a, b):
    return np.concatenate((a, b), axis=1)


a = np.array([[3.0, 1.0, 2.0], [np.nan, -1.0, 0.5]])
print(sorted_rows(a))
print(sorted_rows(np.array([[3, 1, 2, 2], [0, 9, -4, 1]])))
print(joined(a, a * 2))
print(joined(np.arange(4).reshape(2, 2), np.ones((2, 2), dtype=np.int64)))
print(joined_1d(np.array([1.0, 2.0]), np.array([3.0, 4.0])))
try:
    mismatched(a, np.zeros((3, 3)))
except ValueError as e:
    print("ValueError:", e)
