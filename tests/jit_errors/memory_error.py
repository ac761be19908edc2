# An allocation the machine cannot satisfy (8 PiB, past any address space) raises Numba's
# MemoryError in compiled code instead of aborting the process; the output before it stays.
import numpy as np
from numba import njit


@njit
def huge(n):
    return np.zeros(n)


print(huge(3))
print(huge(2**50))
