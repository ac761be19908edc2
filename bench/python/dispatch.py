"""Cost of calling a compiled function from Python: a scalar argument and an array argument
(median of 7 timings of 200,000 calls). Same file under Numba and `python -m rhumba`."""
import statistics
import time

import numpy as np
from numba import njit


@njit
def scalar(x):
    return x + 1.0


@njit
def first(a):
    return a[0]


def per_call(f, arg, n=200_000):
    f(arg)
    samples = []
    for _ in range(7):
        t = time.perf_counter()
        for _ in range(n):
            f(arg)
        samples.append((time.perf_counter() - t) / n * 1e9)
    return statistics.median(samples)


print(f"scalar argument {per_call(scalar, 1.5):.0f} ns, array argument {per_call(first, np.ones(10)):.0f} ns")
