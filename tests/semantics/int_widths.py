# Integer wraparound for every width, and mixed signed/unsigned arithmetic, as Numba types them.
import numpy as np
from numba import njit


@njit
def grow(a, k):
    # Arithmetic on elements promotes to int64 (or uint64); the store wraps to the array's width.
    for i in range(a.shape[0]):
        a[i] = a[i] * k + 1
    return a[0] + a[1], a[0] * a[1]


@njit
def wrap64(a, b):
    return a + b, a - b, a * b, -a


for name, dt in (("int8", np.int8), ("int16", np.int16), ("int32", np.int32), ("int64", np.int64), ("uint8", np.uint8), ("uint16", np.uint16), ("uint32", np.uint32), ("uint64", np.uint64)):
    a = np.array([100, 7, 3], dtype=dt)
    r = grow(a, 3)
    print(name, a[0], a[1], a[2], r[0], r[1])
print(wrap64(9223372036854775807, 1), wrap64(-9223372036854775807 - 1, 1))
u = np.array([18446744073709551615, 1], dtype=np.uint64)
i = np.array([-1, 2], dtype=np.int64)


@njit
def mixed(u, i):
    return u[0] + i[1], u[1] - i[0], u[0] // 2, u[1] * i[1]


print(mixed(u, i))
