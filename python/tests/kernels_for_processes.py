"""Kernels imported by the process tests (a module, so that spawned workers can import it)."""

import numpy as np

from rhumba import njit, prange

OFFSET = 0.5


@njit
def shifted_sum(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] + OFFSET
    return s


@njit(parallel=True)
def parallel_square(a):
    out = np.empty_like(a)
    for i in prange(a.shape[0]):
        out[i] = a[i] * a[i]
    return out


@njit
def uses_other(a):
    return shifted_sum(a) * 2.0
