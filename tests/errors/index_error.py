import numpy as np
from numba import njit


@njit
def last_plus_one(a):
    s = 0.0
    for i in range(a.shape[0] + 1):
        s += a[i]
    return s


print(last_plus_one(np.zeros(4)))
