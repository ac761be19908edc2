# compiled: all
# Optional arrays: a function returning an array on some paths and None on others, tested
# with `is None` and used once known to be present, as Numba types it.
import numpy as np
from numba import njit


@njit
def maybe_array(n):
    if n <= 0:
        return None
    return np.arange(n) * 2


@njit
def positive_part(a):
    if a.min() >= 0.0:
        return a
    return None


@njit
def total_or(n, fallback):
    r = maybe_array(n)
    if r is None:
        return fallback
    return r.sum()


@njit
def first_present(a, b):
    r = positive_part(a)
    if r is not None:
        return r[0]
    s = positive_part(b)
    if s is None:
        return -1.0
    return s[-1]


print(maybe_array(0), maybe_array(-3) is None, maybe_array(4))
print(total_or(5, -1), total_or(0, -1))
print(first_present(np.array([1.0, 2.0]), np.array([3.0])), first_present(np.array([-1.0]), np.array([3.0, 4.0])), first_present(np.array([-1.0]), np.array([-3.0])))
a = np.array([0.5, 1.5])
print(positive_part(a) is a, positive_part(-a))
