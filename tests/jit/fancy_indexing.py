# Boolean-mask and integer-array indexing in compiled code: both copy the selected elements
# into a new 1-d array, in C order for masks; integer positions may be negative.
import numpy as np
from numba import njit


@njit
def positives(a):
    return a[a > 0]


@njit
def pick(a, idx):
    return a[idx]


@njit
def total_above(a, t):
    return a[a > t].sum()


@njit
def masked_grid(m):
    return m[m % 3 == 0]


a = np.array([3.0, -1.0, 2.5, -4.0, 0.0, 7.0])
print(positives(a), pick(a, np.array([5, 0, -1])), total_above(a, 1.0))
print(positives(np.arange(12) - 5), pick(np.arange(10, 20), np.array([1, 9, 1])))
print(masked_grid(np.arange(12)), positives(np.zeros(3)).shape)
