# compiled: all
# numpy functions inside kernels: sums, argmax/argmin and cumsum along an axis (1-d, 2-d and
# 3-d arrays, positional or keyword axis, negative axes, NaNs), np.diff (1-d, 2-d, higher
# orders), np.unique (NaNs collapsed, as in Numba), np.interp (scalar and array points, ends,
# exact hits, infinite values), and an axis out of bounds.
import numpy as np
from numba import njit


@njit
def sums(a, b, c, k):
    return a.sum(axis=0), np.sum(b, axis=k), b.sum(0), c.sum(axis=1), np.sum(c, axis=-1)


@njit
def args_and_running(b):
    return np.argmax(b, axis=1), np.argmin(b, axis=0), b.argmax(0), np.cumsum(b, axis=0), np.cumsum(b, axis=1)


@njit
def differences(a, b):
    return np.diff(a), np.diff(a, 2), np.diff(a, 0), np.diff(b), np.diff(b, 2)


@njit
def distinct(a):
    return np.unique(a)


@njit
def interpolate(x, xp, fp):
    return np.interp(x, xp, fp)


@njit
def bad_axis(b):
    return b.sum(axis=2)


a = np.array([1.5, -2.0, 4.25, 0.5])
b = np.array([[3.0, np.nan, 1.0], [0.5, 2.0, 7.0], [0.5, -1.0, 7.0]])
c = np.arange(24.0).reshape(2, 3, 4)
print(sums(a, b, c, -1))
print(sums(np.array([1, 2]), np.array([[3, 9, 1], [5, 2, 7]]), np.arange(24).reshape(2, 3, 4), 0))
print(args_and_running(b))
print(args_and_running(np.array([[3, 9, 1], [5, 2, 7]])))
print(differences(a, b))
print(differences(np.array([1, 4, 9, 16, 25]), np.array([[1, 2, 4], [8, 16, 32]])))
print(distinct(np.array([3, 1, 3, 2, 1])), distinct(np.array([[2.5, np.nan], [np.nan, 2.5]])), distinct(np.zeros(0)))
xp = np.array([0.0, 1.0, 3.0])
fp = np.array([1.0, 2.0, 0.0])
print(interpolate(np.array([0.5, 2.5, -1.0, 9.0, 1.0, 3.0, np.nan]), xp, fp), interpolate(1.5, xp, fp), interpolate(3, xp, fp))
print(interpolate(np.array([[0.0, 0.5], [1.0, 2.0]]), np.array([0.0, 1.0]), np.array([np.inf, np.inf])))
try:
    bad_axis(b)
except ValueError:
    print("ValueError for an axis out of bounds")
