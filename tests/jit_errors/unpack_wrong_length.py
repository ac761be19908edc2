# Unpacking an array into more or fewer names than it has elements is a ValueError (Numba's
# has no message; CPython's says which).
import numpy as np
from numba import njit


@njit
def pair(v):
    a, b = v
    return a + b


print(pair(np.array([1.0, 2.0])))
print(pair(np.array([1.0, 2.0, 3.0])))
