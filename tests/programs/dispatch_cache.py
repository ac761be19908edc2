# Calls that alternate between many specialisations of the same functions, more than the
# dispatcher remembers at once (32; here 49), so that cached targets are found, evicted and found again;
# every call must still reach the code compiled for its own argument types and arrays.
import numpy as np
from numba import njit


@njit
def describe(a):
    return a.size * 10 + a.ndim


@njit
def weigh(a):
    return a.ndim * 100 + a.shape[0]


@njit
def scale(x, k):
    return x * k


@njit
def fill(a, v):
    for i in range(a.shape[0]):
        a[i] = v + i


dtypes = (np.int64, np.float64, np.int32, np.float32, np.uint8)
shapes = ((3,), (2, 3), (2, 1, 2), (1, 2, 1, 2))
arrays = [np.zeros(s, dtype=d) for d in dtypes for s in shapes]
for round in range(3):
    print("round", round, [describe(a) + weigh(a) for a in arrays], [describe(a[:1]) for a in arrays])

values = (2, 2.5, -3, 0.25)
for round in range(2):
    print([scale(x, k) for x in values for k in (3, 1.5)])

x = np.zeros(4)
y = np.zeros(3)
for v in range(3):
    fill(x, v)
    fill(y, 10 * v)
    print(x, y)
