# Benchmark (not a test): escape counts of the Mandelbrot set on a 1000x1000 grid with complex
# arithmetic in compiled code (`z = z * z + c`, `abs(z)`), the complex-number yardstick.
# Prints a checksum; timed from outside (whole process) and inside (steady state, `time`).
import time

import numpy as np
from numba import njit


@njit
def escape(c, limit):
    z = 0j
    for i in range(limit):
        z = z * z + c
        if z.real * z.real + z.imag * z.imag > 4.0:
            return i
    return limit


@njit
def mandelbrot(xs, ys, limit):
    out = np.empty((ys.shape[0], xs.shape[0]), dtype=np.int64)
    for i in range(ys.shape[0]):
        for j in range(xs.shape[0]):
            out[i, j] = escape(complex(xs[j], ys[i]), limit)
    return out


xs = np.linspace(-2.0, 0.6, 1000)
ys = np.linspace(-1.2, 1.2, 1000)
counts = mandelbrot(xs, ys, 100)
print(int(counts.sum()))
times = []
for _ in range(5):
    t0 = time.perf_counter()
    mandelbrot(xs, ys, 100)
    times.append(time.perf_counter() - t0)
times.sort()
print("steady-state median ms:", round(times[2] * 1000, 2))
