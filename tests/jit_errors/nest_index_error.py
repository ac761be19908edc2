# The last row of this nest reads past the end: the nest's precheck fails, the checked copy
# runs the rows that are in bounds and then raises at the right line.
import numpy as np
from numba import njit


@njit
def next_row_sum(a, rows):
    s = 0.0
    for i in range(rows):
        for j in range(a.shape[1]):
            s += a[i + 1, j]
    return s


print(next_row_sum(np.ones((3, 4)), 2))
print(next_row_sum(np.ones((3, 4)), 3))
