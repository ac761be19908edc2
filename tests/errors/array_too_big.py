# An array whose size in bytes overflows: numpy's and Numba's ValueError, from the interpreter
# and from compiled code alike (it used to say "negative dimensions are not allowed").
import numpy as np
from numba import njit


@njit
def cube(n):
    return np.zeros((n, n, n))


print(cube(2).shape)
print(cube(2**30).shape)
