# A string keyword the numpy function does not accept is a typing error at the call.
import numpy as np
from numba import njit
@njit
def f(m):
    return np.argsort(m, kind="quick")
print(f(np.zeros(3)))
