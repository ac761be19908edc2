# A keyword the callee has no parameter for is a typing error at the call, naming it.
from numba import njit


@njit
def scale(x, factor=2.0):
    return x * factor


@njit
def use(x):
    return scale(x, factr=3.0)


print(use(1.0))
