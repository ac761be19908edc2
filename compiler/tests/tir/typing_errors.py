# Diagnostics without an interpreter: a variable given incompatible types, and an operator on a
# float that only integers have.
import numpy as np
from numba import njit


@njit
def mixed(n):
    x = 1
    if n > 0:
        x = np.zeros(3)
    return x


@njit
def shift(x):
    return x << 2


@njit
def parallel_sum(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] ** 2
    return s


# compile: mixed(int64)
# compile: shift(float64)
# compile: parallel_sum(float64[:])
