# Every chunk of this parallel loop fails (each at its first iteration but one): the error
# raised is the one the serial loop meets first, at i = 1, whichever thread fails first.
import numpy as np
from numba import njit, prange


@njit(parallel=True)
def spread(a):
    out = np.zeros(a.shape[0])
    for i in prange(a.shape[0]):
        out[i] = a[i * 1000]
    return out


print(spread(np.arange(100.0)))
