# Calling a kernel like a function, without [blocks, threads], is a clear error.
import numpy as np
from numba import cuda


@cuda.jit
def double(x):
    i = cuda.grid(1)
    if i < x.size:
        x[i] *= 2


double(np.ones(4))
