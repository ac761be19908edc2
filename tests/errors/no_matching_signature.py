import numpy as np
from numba import jit, int32


@jit(int32(int32, int32))
def add(a, b):
    return a + b


print(add(np.ones(2), 1))
