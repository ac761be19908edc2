# Complex numbers have no order: `<` between them is a typing error at the comparison, as in
# Numba (and a TypeError in CPython).
from numba import njit


@njit
def smaller(a, b):
    return a < b


print(smaller(1 + 2j, 2 + 1j))
