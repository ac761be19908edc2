# A boolean mask of the wrong length: numpy's IndexError, from the interpreter and from
# compiled code alike (compiled code said "negative dimensions are not allowed"; Numba reads
# past the mask without a check).
import numpy as np
from numba import njit


@njit
def select(a, mask):
    return a[mask]


print(select(np.arange(3.0), np.array([True, False, True])))
print(select(np.arange(5.0), np.array([True, False])))
