# A constant expression past 64 bits: CPython folds it to a Python int, which Numba refuses
# ("Int value is too large"); rhumba used to wrap it around silently.
from numba import njit


@njit
def too_big():
    return 2**64 + 1


print(too_big())
