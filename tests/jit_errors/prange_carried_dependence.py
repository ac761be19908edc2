# Iteration i writes a[i + 1], which iteration i + 1 reads: a loop-carried dependence whose
# result changes with the number of threads. A compile error naming both lines.
import numpy as np
from numba import njit, prange


@njit(parallel=True)
def ramp(a):
    for i in prange(a.shape[0] - 1):
        a[i + 1] = a[i] + 1.0
    return a


print(ramp(np.zeros(10)))
