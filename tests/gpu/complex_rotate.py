# A CUDA kernel on complex numbers: complex128 elements loaded and stored as two doubles, the
# arithmetic on their parts, and complex division through the numpy prelude's device function.
import numpy as np
from numba import cuda


@cuda.jit
def rotate(z, out, parts):
    i = cuda.grid(1)
    if i < z.shape[0]:
        w = z[i] * 1j + 0.5
        out[i] = w / (1 + 1j)
        parts[i] = w.real - w.imag


z = np.array([1 + 2j, -1j, 3 + 0j, 0.25 - 0.5j])
out = np.zeros(4, dtype=np.complex128)
parts = np.zeros(4)
rotate[1, 32](z, out, parts)
print(out, parts)
