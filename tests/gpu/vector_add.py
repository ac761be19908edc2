# Golden LLVM IR and PTX: one thread per element, with the bounds guard.
import numpy as np
from numba import cuda


@cuda.jit
def vector_add(a, b, out):
    i = cuda.grid(1)
    if i < out.shape[0]:
        out[i] = a[i] + b[i]


n = 1000
a = np.arange(n, dtype=np.float32)
b = np.full(n, 0.5, dtype=np.float32)
out = np.zeros(n, dtype=np.float32)
vector_add[(n + 255) // 256, 256](a, b, out)
print(out[:3], out[-1], np.array_equal(out, a + b))
