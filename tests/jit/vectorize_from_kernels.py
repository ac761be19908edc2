# A @vectorize function called with scalars from compiled code runs its scalar kernel there,
# as Numba's DUFuncs do; with and without signatures, serial and in a prange loop.
import math
import numpy as np
from numba import njit, prange, vectorize


@vectorize
def smooth_step(x):
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    return x * x * (3.0 - 2.0 * x)


@vectorize(["float64(float64, float64)"])
def hypot2(x, y):
    return math.sqrt(x * x + y * y)


@njit
def total_step(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += smooth_step(a[i])
    return s


@njit(parallel=True)
def lengths(xs, ys, out):
    for i in prange(xs.shape[0]):
        out[i] = hypot2(xs[i], ys[i])


a = np.linspace(-0.5, 1.5, 9)
print(total_step(a), smooth_step(a))
out = np.zeros(4)
lengths(np.array([3.0, 5.0, 0.0, 1.0]), np.array([4.0, 12.0, 2.0, 1.0]), out)
print(out)
