# A row view taken past the last row inside a compiled loop raises IndexError naming the kernel
# and the line of the view, after the rows before it were summed.
import numpy as np
from numba import njit


@njit
def row_sums(a, extra):
    s = 0.0
    for i in range(a.shape[0] + extra):
        row = a[i]
        for j in range(row.shape[0]):
            s += row[j]
    return s


a = np.ones((3, 4))
print(row_sums(a, 0))
print(row_sums(a, 1))
