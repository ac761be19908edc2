# Array expressions in compiled code: elementwise arithmetic with broadcasting and weakly typed
# scalars, comparisons to boolean arrays, ufuncs, and reductions of the results.
import numpy as np
from numba import njit


@njit
def expr(a, b):
    c = a * b + 2.0 * a - b / 4.0
    return np.sqrt(np.abs(c)) + np.exp(-a)


@njit
def normalise(x):
    e = np.exp(x - x.max())
    return e / e.sum()


@njit
def mixed(i, f32):
    return i * 2, i / 2, i // 3, i % 3, f32 * 2.0, f32 + f32, (i > 2).sum(), np.maximum(i, 3)


@njit
def outer(col, row):
    return col - row


x = np.linspace(-2.0, 2.0, 9)
print(expr(x, np.cos(x)))
print(normalise(np.array([1.0, 2.0, 3.0])))
r = mixed(np.arange(6), np.arange(3, dtype=np.float32))
print(r[0], r[1], r[2], r[3], r[4], r[4].dtype, r[5].dtype, r[6], r[7])
print(outer(np.arange(3.0).reshape(3, 1), np.arange(4.0)))
