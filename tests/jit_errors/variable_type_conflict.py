import numpy as np
from numba import njit


@njit
def confused(n):
    x = np.zeros(n)
    if n > 3:
        x = 7
    return x


confused(5)
