# float -> int conversions in compiled code: truncation toward zero, and Numba's INT64_MIN for
# NaN, infinities and values outside int64; integer arrays storing floats truncate the same way.
import numpy as np
from numba import njit


@njit
def to_int(x):
    return int(x)


@njit
def store(a, x):
    a[0] = x
    return a[0]


for x in (2.7, -2.7, 0.5, -0.5, -0.0, 1e18, -1e18, 9.2e18, 1e19, -1e19, 2.0 ** 63, -(2.0 ** 63),
          float("inf"), -float("inf"), float("nan")):
    print(x, to_int(x), store(np.zeros(1, dtype=np.int64), x))
print(to_int(np.float32(3.99)), to_int(np.float32(-1e30)))
