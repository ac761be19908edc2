# enumerate() and zip() over arrays in compiled loops, including a start offset, rows of a 2-d
# array, and zip stopping at the shortest array.
import numpy as np
from numba import njit


@njit
def weighted_positions(a):
    s = 0.0
    for i, v in enumerate(a, 1):
        s += i * v
    return s


@njit
def l1(a, b):
    s = 0.0
    for x, y in zip(a, b):
        s += abs(x - y)
    return s


@njit
def row_maxima(m):
    out = np.empty(m.shape[0])
    for i, row in enumerate(m):
        out[i] = row.max()
    return out


print(weighted_positions(np.arange(5.0)), l1(np.arange(10.0), np.linspace(0.0, 20.0, 7)))
print(row_maxima(np.sin(np.arange(12.0)).reshape(3, 4)))
