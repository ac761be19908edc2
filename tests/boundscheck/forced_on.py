# With NUMBA_BOUNDSCHECK=1 (or RHUMBA_BOUNDSCHECK=1) this kernel's boundscheck=False is
# overridden and the read past the end raises IndexError; tests/cli.rs runs it that way only.
import numpy as np
from numba import njit


@njit(boundscheck=False)
def at(a, i):
    return a[i]


print(at(np.arange(3.0), 1))
print(at(np.arange(3.0), 3))
