# A float to an integer power in a kernel, by Numba's repeated squaring (inlined: no runtime on
# the GPU; pow from libdevice beyond an exponent of 65536), with the reciprocal for negative ones.
import numpy as np
from numba import cuda


@cuda.jit
def float_powers(x, n, out, cubes):
    i = cuda.grid(1)
    if i < x.shape[0]:
        out[i] = x[i] ** n[i]
        cubes[i] = x[i] ** 3


x = np.linspace(0.5, 2.0, 16)
n = np.arange(-4, 12, dtype=np.int64)
out = np.zeros_like(x)
cubes = np.zeros_like(x)
float_powers[1, 32](x, n, out, cubes)
print(out.sum(), cubes.sum())
