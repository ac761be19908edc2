# Benchmark (not a test): a @guvectorize moving average over 10^7 values, one core row, the
# issue's yardstick; prints a checksum so that the peers' answers can be compared. The same file
# runs under python3 with Numba and under `rhumba run`; the whole process is timed from outside.
import numpy as np
from numba import guvectorize, float64, int64


@guvectorize([(float64[:], int64, float64[:])], "(n),()->(n)")
def moving_average(a, w, out):
    acc = 0.0
    for i in range(a.shape[0]):
        acc += a[i]
        if i >= w:
            acc -= a[i - w]
        out[i] = acc / min(i + 1, w)


x = (np.arange(10_000_000) % 1000).astype(np.float64) * 0.001
y = moving_average(x, 50)
print(float(y[-1]), float(y.sum()))
