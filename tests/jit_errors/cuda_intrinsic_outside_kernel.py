# cuda.threadIdx means nothing in a CPU function: a typing error pointing at the use.
from numba import cuda, njit


@njit
def where_am_i(n):
    return cuda.threadIdx.x + n


print(where_am_i(3))
