# float32 arithmetic stays float32 as Numba types it: operators, math functions, returns.
import math
import numpy as np
from numba import njit


@njit
def third(x):
    return x / np.float32(3.0)


@njit
def ops(x, y):
    return x + y, x * y, x - y, -x, abs(x)


@njit
def mathfns(x):
    return math.sqrt(x), math.exp(x), math.log(x), math.sin(x), math.floor(x)


@njit
def accumulate(a):
    s = np.float32(0.0)
    for i in range(a.shape[0]):
        s += a[i]
    return s


print(third(np.float32(1.0)))
print(ops(np.float32(0.1), np.float32(0.2)))
print(mathfns(np.float32(2.0)))
print(accumulate(np.full(1000, 0.1, dtype=np.float32)))
