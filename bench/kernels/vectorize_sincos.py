# @vectorize(target='parallel') of sin(a) * cos(b) over 10,000,000 float64 (the issue 5
# benchmark), and the same with target='cpu'. Prints "case <name> <n> median_s <t>".
import math
import time
import numpy as np
from numba import vectorize, float64


@vectorize([float64(float64, float64)], target="parallel")
def sincos_parallel(a, b):
    return math.sin(a) * math.cos(b)


@vectorize([float64(float64, float64)], target="cpu")
def sincos_cpu(a, b):
    return math.sin(a) * math.cos(b)


n = 10000000
a = np.linspace(0.0, 10.0, n)
b = np.linspace(-3.0, 3.0, n)
for name, f in (("parallel", sincos_parallel), ("cpu", sincos_cpu)):
    f(a, b)
    samples = []
    for _ in range(5):
        t0 = time.perf_counter()
        r = f(a, b)
        samples.append(time.perf_counter() - t0)
    samples.sort()
    print("case", name, n, "median_s", samples[2], "check", float(r[12345]))
