# With bounds checks off, a wild read faults in native code (here, SIGSEGV). What was printed
# before the fault must still reach standard output.
from numba import njit
import numpy as np

@njit(boundscheck=False)
def wild(a):
    return a[10**13]

print("before the fault")
print(wild(np.zeros(3)))
