"""A Dask pipeline over a kernel: map_blocks of a compiled function on 2 threads (Dask's
threaded scheduler), median of 5 runs after a warm-up. Same file under Numba and rhumba."""
import statistics
import time

import dask
import dask.array as da
import numpy as np
from numba import njit


@njit(nogil=True)
def smooth(block):
    out = np.empty_like(block)
    n = block.shape[0]
    for i in range(n):
        s = 0.0
        for k in range(max(0, i - 8), min(n, i + 9)):
            s += block[k] * block[k]
        out[i] = s ** 0.5
    return out


x = da.random.RandomState(0).random_sample(8_000_000, chunks=500_000)
y = x.map_blocks(smooth, dtype=float).sum()
with dask.config.set(scheduler="threads", num_workers=2):
    y.compute()
    times = []
    for _ in range(5):
        t = time.perf_counter()
        total = y.compute()
        times.append(time.perf_counter() - t)
print(f"map_blocks pipeline {1e3 * statistics.median(times):.0f} ms (median of 5), total {total:.6e}")
