# A prange body that writes at a data-dependent index: compiled with a warning (iterations may
# race on the same bin), not rejected, since the writes may well be disjoint.
import numpy as np
from numba import njit, prange


@njit(parallel=True)
def histogram(values, bins):
    counts = np.zeros(bins)
    for i in prange(values.shape[0]):
        b = int(values[i] * bins)
        counts[b] += 1.0
    return counts


print(histogram(np.linspace(0.0, 0.99, 100), 4))
