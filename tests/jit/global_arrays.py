# Module-level arrays and numbers are frozen into compiled code when it is compiled, as in Numba
# (a later change to the array is not seen by specialisations compiled before it; the
# interpreter, which reads the live array, would differ there, so this file does not do that).
import numpy as np
from numba import njit

WEIGHTS = np.array([0.5, 1.5, -2.0])
SCALE = 3


@njit
def weighted(x):
    s = 0.0
    for k in range(WEIGHTS.shape[0]):
        s += SCALE * WEIGHTS[k] * x
    return s


print(weighted(2.0), weighted(1))
