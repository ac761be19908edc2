# Floor division, modulo and powers inside a CUDA kernel (simulator here, the GPU when present):
# the same Python rounding as on the CPU, signed zeros and infinities included.
import numpy as np
from numba import cuda


@cuda.jit
def int_ops(a, b, q, r, p):
    i = cuda.grid(1)
    if i < a.shape[0]:
        q[i] = a[i] // b[i]
        r[i] = a[i] % b[i]
        p[i] = b[i] ** 3


@cuda.jit
def float_ops(x, y, q, r):
    i = cuda.grid(1)
    if i < x.shape[0]:
        q[i] = x[i] // y[i]
        r[i] = x[i] % y[i]


a = np.array([17, -17, 17, -17, 0, 7, -1, 9223372036854775807], dtype=np.int64)
b = np.array([5, 5, -5, -5, 3, 1, 2, -2], dtype=np.int64)
q, r, p = np.zeros_like(a), np.zeros_like(a), np.zeros_like(a)
int_ops[1, 32](a, b, q, r, p)
for k in range(a.shape[0]):
    print(a[k], b[k], q[k], r[k], p[k])
inf = float("inf")
x = np.array([7.5, -7.5, -0.0, -5.0, 5.0, 0.0, 1e308, 3.0])
y = np.array([2.0, 2.0, 1.0, inf, -inf, -1.0, 1e-308, -0.5])
fq, fr = np.zeros_like(x), np.zeros_like(x)
float_ops[1, 32](x, y, fq, fr)
for k in range(x.shape[0]):
    print(x[k], y[k], fq[k], fr[k])
