# compiled: all
# Complex reductions in prange loops: `+=` and `-=` of complex128 and complex64 accumulators,
# also inside a branch, each combined in a fixed chunk order (the sums agree with a serial loop
# within rounding, so they are printed rounded).
import numpy as np
from numba import njit, prange


@njit(parallel=True)
def stats(z):
    total = 0j
    shifted = 0j
    small = 0j
    for i in prange(z.shape[0]):
        total += z[i]
        shifted -= z[i] * 2
        if abs(z[i]) < 3.0:
            small += z[i]
    return total, shifted, small


@njit(parallel=True)
def single(z):
    t = np.complex64(0)
    for i in prange(z.shape[0]):
        t += z[i]
    return t


@njit
def serial(z):
    t = 0j
    for i in range(z.shape[0]):
        t += z[i]
    return t


z = np.exp(1j * np.linspace(0, 6, 1001)) * np.linspace(0, 5, 1001)
total, shifted, small = stats(z)
# Rounded: partial sums combine in an order that depends on the thread count (Numba's too).
print([(round(w.real, 6), round(w.imag, 6)) for w in (total, shifted, small)])
print(abs(total - serial(z)) < 1e-9, abs(shifted + 2 * total) < 1e-9)
print(single(z[:8].astype(np.complex64)))
