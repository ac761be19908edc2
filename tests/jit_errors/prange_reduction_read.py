import numpy as np
from numba import njit, prange


@njit(parallel=True)
def running(a):
    total = 0.0
    out = np.empty_like(a)
    for i in prange(a.shape[0]):
        total += a[i]
        out[i] = total
    return out


print(running(np.ones(4)))
