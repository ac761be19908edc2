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


@njit
def mixed_arrays(a, k, i):
    # An integer operand (scalar or array) meeting a float32 array keeps float32, as Numba's
    # ufunc loop choice does; a float64 scalar widens it.
    return 2 * a, a * k, a + i, a * 2.0


print([r.dtype.name for r in mixed_arrays(np.ones(3, dtype=np.float32), 7, np.arange(3))])
print([r.dtype.name for r in mixed_arrays(np.ones(3, dtype=np.complex64), 7, np.arange(3))])
