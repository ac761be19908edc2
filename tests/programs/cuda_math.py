# Math functions in CUDA kernels: libdevice on a GPU, the C library on the simulator.
import math
import numpy as np
from numba import cuda


@cuda.jit
def waves(x, out):
    i = cuda.grid(1)
    if i < x.shape[0]:
        v = x[i]
        out[i] = math.sin(v) * math.exp(-v) + math.atan2(v, 2.0) + v ** 1.5 + math.sqrt(v) - math.floor(v)


@cuda.jit
def single(x, out):
    i = cuda.grid(1)
    if i < x.shape[0]:
        out[i] = math.cos(x[i]) + math.log1p(x[i])


x = np.linspace(0.0, 3.0, 12)
out = np.zeros(12)
waves[1, 16](x, out)
expected = np.sin(x) * np.exp(-x) + np.arctan2(x, 2.0) + x ** 1.5 + np.sqrt(x) - np.floor(x)
print("waves match numpy:", np.allclose(out, expected, rtol=1e-12))
print(np.round(out[:4], 9))

x32 = x.astype(np.float32)
out32 = np.zeros(12, dtype=np.float32)
single[1, 16](x32, out32)
print("float32 matches numpy:", np.allclose(out32, np.cos(x32) + np.log1p(x32), rtol=1e-5))
