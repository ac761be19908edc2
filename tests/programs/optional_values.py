# Optional values compiled: functions that return a number on some paths and None on others
# (explicitly or by falling off the end), `is None` / `is not None` decided at run time, an
# Optional passed to another compiled function, a variable that starts as None, an Optional's
# truth value, and None arguments deciding branches by type (never typed as numbers).
import numpy as np
from numba import njit


@njit
def index_of(a, x):
    for i in range(a.shape[0]):
        if a[i] == x:
            return i
    return None


@njit
def last_positive(a):
    i = a.shape[0] - 1
    while i >= 0:
        if a[i] > 0.0:
            return a[i]
        i -= 1


@njit
def fallback(v, d):
    if v is None:
        return d
    return v


@njit
def smallest_above(a, floor):
    best = None
    for v in a:
        if v > floor and (best is None or v < best):
            best = v
    return best


@njit
def score(a, xs):
    total = 0
    missing = 0
    for x in xs:
        k = index_of(a, x)
        if k is None:
            missing += 1
        else:
            total += k * 10
    return total, missing, fallback(index_of(a, xs[0]), -1)


@njit
def bounded(x, lo=None, hi=None):
    if lo is not None and x < lo:
        return lo
    if hi is not None and x > hi:
        return hi
    return x


@njit
def total(a, weights=None):
    if weights is None:
        return a.sum()
    return (a * weights).sum()


a = np.array([4, 7, 1, 7, 9])
print(index_of(a, 7), index_of(a, 4), index_of(a, 5))
print(last_positive(np.array([1.5, -2.0, 3.25, -1.0])), last_positive(np.array([-1.0])))
print(fallback(None, 3), fallback(2, 3), fallback(index_of(a, 9), -1), fallback(index_of(a, 8), -1))
print(smallest_above(np.array([5.0, 2.0, 8.0, 3.5]), 2.5), smallest_above(np.array([1.0]), 2.0))
print(score(a, np.array([7, 8, 4, 9, 0])), score(a, np.array([3, 2])))
print(bounded(5.0, hi=3.0), bounded(-2.0, 0.0), bounded(1.5), bounded(7, 0, 4))
f = np.linspace(0.0, 2.0, 5)
print(total(f), total(f, np.array([1.0, 0.0, 2.0, 0.0, 4.0])))
