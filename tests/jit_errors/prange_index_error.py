import numpy as np
from numba import njit, prange


@njit(parallel=True)
def shifted(a):
    out = np.zeros(a.shape[0])
    for i in prange(a.shape[0]):
        out[i] = a[i + 1]
    return out


print(shifted(np.arange(100.0)))
