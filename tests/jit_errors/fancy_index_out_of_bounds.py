# An integer-array position past the end raises IndexError naming the kernel and line.
import numpy as np
from numba import njit


@njit
def pick(a, idx):
    return a[idx]


pick(np.arange(6.0), np.array([0, 6]))
