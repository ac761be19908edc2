# A tuple indexed at run time past its end raises Python's IndexError, naming the line.
from numba import njit


@njit
def pick(k):
    w = (10, 20, 30)
    return w[k]


print(pick(-3))
print(pick(3))
