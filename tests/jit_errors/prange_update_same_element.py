# Every iteration of an inner loop adds into out[j] for every j: a whole-array accumulator
# written directly, not a reduction rhumba can combine. The lost updates are a compile error.
import numpy as np
from numba import njit, prange


@njit(parallel=True)
def column_sums(m):
    out = np.zeros(m.shape[1])
    for i in prange(m.shape[0]):
        for j in range(m.shape[1]):
            out[j] += m[i, j]
    return out


print(column_sums(np.ones((50, 3))))
