# Slices and views in compiled code: they share memory with their array (writes show through,
# returned views alias the caller's array), follow Python's slice rules, and can be assigned to.
import numpy as np
from numba import njit


@njit
def edges(a):
    inner = a[1:-1]
    return inner.sum(), a[::-1][0], a[::2].shape[0], a[-3:].sum(), a[5:2].shape[0]


@njit
def column_and_block(m, r0, r1, c0, c1):
    col = m[:, 2]
    blk = m[r0:r1, c0:c1]
    return col.sum(), blk.sum(), blk.shape[0], blk.shape[1], m[1].sum(), m.T[2, 1]


@njit
def zero_border(m):
    m[0] = 0.0
    m[-1, :] = 0.0
    m[:, 0] = -1.0
    return m[1:, 1:]


@njit
def smooth_rows(m):
    for row in m:
        row[1:] = row[:-1]
    return m


a = np.arange(10.0)
print(edges(a))
m = np.arange(20.0).reshape(4, 5)
print(column_and_block(m, 1, 3, 2, 5))
inner = zero_border(m)
inner[0, 0] = 99.0
print(m)
print(smooth_rows(np.arange(12).reshape(3, 4)))
