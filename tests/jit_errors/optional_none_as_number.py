# An Optional that holds None, used as a number, is a TypeError at run time naming the type
# it expected, as in Numba.
import numpy as np
from numba import njit


@njit
def index_of(a, x):
    for i in range(a.shape[0]):
        if a[i] == x:
            return i
    return None


@njit
def after(a, x):
    return index_of(a, x) + 1


print(after(np.array([3, 4]), 4))
print(after(np.array([3, 4]), 5))
