# A GPU ufunc: @vectorize(target='cuda') builds an elementwise kernel from a scalar function,
# applied with broadcasting to host arrays (copied for the call) or to device arrays.
# Runs on a GPU, or on the CPU simulator with RHUMBA_CUDA_SIM=1 (NUMBA_ENABLE_CUDASIM=1 for Numba).
import math
import numpy as np
from numba import cuda, vectorize


@vectorize(["float32(float32, float32)", "float64(float64, float64)"], target="cuda")
def sin_cos(a, b):
    return math.sin(a) * math.cos(b)


@vectorize(["float64(float64, float64, float64)"], target="cuda")
def clamp(x, lo, hi):
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


n = 10_000
a = np.linspace(0.0, 10.0, n)
b = np.linspace(-5.0, 5.0, n)

r = sin_cos(a, b)
print(r.dtype, r.shape)
print("float64 matches numpy:", np.allclose(r, np.sin(a) * np.cos(b)))

a32 = a.astype(np.float32)
b32 = b.astype(np.float32)
r32 = sin_cos(a32, b32)
print(r32.dtype, "float32 matches numpy:", np.allclose(r32, np.sin(a32) * np.cos(b32), atol=1e-6))

d_a = cuda.to_device(a)
d_r = clamp(d_a, 2.0, 7.5)
h = d_r.copy_to_host()
print("device result:", h.min(), h.max(), h[5000])
print("clamp matches numpy:", np.array_equal(h, np.clip(a, 2.0, 7.5)))

# Broadcasting a scalar, writing into out=, and a ufunc called on plain scalars.
halves = np.zeros(4)
sin_cos(np.arange(4.0), 0.0, out=halves)
print("out= matches numpy:", np.allclose(halves, np.sin(np.arange(4.0))))
print("on scalars:", round(sin_cos(1.0, 2.0), 12), round(math.sin(1.0) * math.cos(2.0), 12))
