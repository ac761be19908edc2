from numba import njit


@njit
def ratio(a, b):
    return a / b


print(ratio(1.0, 0.0))
