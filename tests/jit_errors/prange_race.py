import numpy as np
from numba import njit, prange


@njit(parallel=True)
def last_positive(a):
    last = -1
    for i in prange(a.shape[0]):
        if a[i] > 0:
            last = last + i * 0 + i
    return last


print(last_positive(np.ones(10)))
