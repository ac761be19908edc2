# A variable assigned (not reduced) in a prange body and read after the loop: each iteration
# has its own copy, so the value after the loop is undefined. Numba returns whatever it had
# before the loop (False here); rhumba refuses it at compile time.
import numpy as np
from numba import njit, prange


@njit(parallel=True)
def any_above(a, t):
    flag = False
    for i in prange(a.shape[0]):
        if a[i] > t:
            flag = True
    return flag


print(any_above(np.arange(10.0), 5.0))
