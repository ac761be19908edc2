from numba import njit


@njit(paralel=True)
def f(x):
    return x
