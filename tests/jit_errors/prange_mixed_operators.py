from numba import njit, prange


@njit(parallel=True)
def mixed(n):
    s = 1.0
    for i in prange(n):
        s += i
        s *= 2.0
    return s


print(mixed(10))
