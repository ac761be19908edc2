# A compiled function called in a prange body updates one element of its argument: every
# iteration reads and writes out[0], so updates are lost. The callee's effects are summarised
# at the call, and the race is a compile error at the call's line.
import numpy as np
from numba import njit, prange


@njit
def bump(out, v):
    out[0] += v


@njit(parallel=True)
def total(a):
    out = np.zeros(1)
    for i in prange(a.shape[0]):
        bump(out, a[i])
    return out[0]


print(total(np.arange(100000.0)))
