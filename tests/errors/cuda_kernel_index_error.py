# An out-of-bounds write in a CUDA kernel is reported after the launch as IndexError, naming the
# kernel and the line (the grid is larger than the array and the kernel forgot its guard).
import numpy as np
from numba import cuda


@cuda.jit
def fill(out):
    i = cuda.grid(1)
    out[i] = i * 2


a = np.zeros(100)
fill[4, 32](a)
print("not reached")
