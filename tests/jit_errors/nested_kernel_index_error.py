import numpy as np
from numba import njit


@njit
def get(a, i):
    return a[i]


@njit
def walk(a):
    s = 0.0
    for i in range(a.shape[0] + 2):
        s += get(a, i)
    return s


print(walk(np.ones(3)))
