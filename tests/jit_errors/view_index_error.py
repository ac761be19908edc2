import numpy as np
from numba import njit


@njit
def row_total(m, r):
    return m[r].sum()


print(row_total(np.ones((3, 4)), 3))
