from numba import njit


@njit
def ratio(a, b):
    return a // b


def host(x):
    return ratio(x, x - x)


print(host(7))
