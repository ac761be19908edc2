# Vector addition on the GPU: one CUDA thread per element, as in numba.cuda's first example.
# Runs on a GPU, or on the CPU simulator with RHUMBA_CUDA_SIM=1 (NUMBA_ENABLE_CUDASIM=1 for Numba).
import numpy as np
from numba import cuda


@cuda.jit
def add(a, b, out):
    i = cuda.grid(1)
    if i < out.size:
        out[i] = a[i] + b[i]


@cuda.jit(device=True)
def axpy_element(alpha, x, y):
    return alpha * x + y


@cuda.jit
def axpy(alpha, x, y, out):
    start = cuda.grid(1)
    stride = cuda.gridsize(1)
    for i in range(start, x.shape[0], stride):
        out[i] = axpy_element(alpha, x[i], y[i])


n = 100_000
a = np.arange(n, dtype=np.float32)
b = np.ones(n, dtype=np.float32) * 2
threads = 128
blocks = (n + threads - 1) // threads

# Host arrays are copied to the device and back around the launch.
out = np.zeros(n, dtype=np.float32)
add[blocks, threads](a, b, out)
print(out[:5], out[-3:])
print("add matches numpy:", np.allclose(out, a + b))

# Device arrays stay on the device between launches.
d_a = cuda.to_device(a)
d_b = cuda.to_device(b)
d_out = cuda.device_array_like(a)
add[blocks, threads](d_a, d_b, d_out)
axpy[32, 64](np.float32(0.5), d_out, d_b, d_out)
result = d_out.copy_to_host()
print(d_out.shape, d_out.size, d_out.dtype)
print(result[:5])
print("axpy matches numpy:", np.allclose(result, 0.5 * (a + b) + b))
print("sum:", result.sum())
