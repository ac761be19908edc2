# Loops whose bounds checks are hoisted must still behave as Python when the precheck fails:
# a guarded access past the end, a negative index that wraps, an empty loop, a store through
# an offset index.
import numpy as np
from numba import njit


@njit
def guarded_sum(a, n):
    s = 0.0
    for i in range(n):
        if i < a.shape[0]:
            s += a[i]
    return s


@njit
def previous_sum(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i - 1]
    return s


@njit
def shifted_copy(a, k):
    out = np.zeros(a.shape[0] + k)
    for i in range(a.shape[0]):
        out[i + k] = a[i]
    return out


@njit
def row_dot(m, r, v):
    s = 0.0
    for j in range(m.shape[1]):
        s += m[r, j] * v[j]
    return s


a = np.arange(1.0, 6.0)
print(guarded_sum(a, 10), guarded_sum(a, 0), guarded_sum(a, 3))
print(previous_sum(a), shifted_copy(a, 2))
m = np.arange(12.0).reshape(3, 4)
print(row_dot(m, 1, np.ones(4)), row_dot(m, -1, np.ones(4)))

# golden: clif (this program tests code generation: its Cranelift IR is a golden too)
