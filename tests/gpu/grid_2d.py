# Golden LLVM IR and PTX: a 2-d grid over a matrix, float64, with a device function.
import numpy as np
from numba import cuda


@cuda.jit(device=True)
def lerp(a, b, t):
    return a + (b - a) * t


@cuda.jit
def blend(x, y, t, out):
    r, c = cuda.grid(2)
    if r < out.shape[0] and c < out.shape[1]:
        out[r, c] = lerp(x[r, c], y[r, c], t)


x = np.arange(20.0).reshape(4, 5)
y = np.ones((4, 5))
out = np.zeros((4, 5))
blend[(2, 2), (4, 4)](x, y, 0.25, out)
print(out[3], np.allclose(out, x + (y - x) * 0.25))
