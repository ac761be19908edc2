# Writes through a row computed from the prange variable (`i = 2 * ii`), through a view taken at
# such a row, and at an index read from an array. The first two move with the loop variable and
# compile silently; the last (a scatter: two iterations may name the same element) and a row
# computed by floor division (two iterations share each row) get warnings naming their lines.
import numpy as np
from numba import njit, prange


@njit(parallel=True)
def pairs(a, out, where):
    for ii in prange(a.shape[0] // 2):
        i = 2 * ii
        out[i, 0] = a[i, 0] + a[i + 1, 0]
        row = out[i + 1]
        row[1] = a[i, 1] * a[i + 1, 1]
        out[where[ii], 2] = 1.0
        out[ii // 2, 3] += 1.0


a = np.arange(8.0).reshape((4, 2))
out = np.zeros((4, 4))
pairs(a, out, np.array([3, 1]))
print(out)
