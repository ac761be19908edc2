# Golden LLVM IR and PTX: integer and float atomics (add, max, min, compare-and-swap).
import numpy as np
from numba import cuda


@cuda.jit
def atomics(values, counts, total, extremes, flag):
    i = cuda.grid(1)
    if i < values.shape[0]:
        v = values[i]
        cuda.atomic.add(counts, i % 4, 1)
        cuda.atomic.add(total, 0, v)
        cuda.atomic.max(extremes, 0, v)
        cuda.atomic.min(extremes, 1, v)
        cuda.atomic.cas(flag, 0, 0, i + 1)


values = np.linspace(-2.0, 3.0, 101)
counts = np.zeros(4, dtype=np.int32)
total = np.zeros(1)
extremes = np.array([-1e30, 1e30])
flag = np.zeros(1, dtype=np.int64)
atomics[4, 32](values, counts, total, extremes, flag)
print(counts, round(total[0], 9), extremes, flag[0] > 0)
