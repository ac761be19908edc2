# Golden LLVM IR and PTX: a block-wide tree reduction in shared memory, then one atomic per block.
import numpy as np
from numba import cuda, float64

THREADS = 64


@cuda.jit
def sum_reduce(x, result):
    buf = cuda.shared.array(THREADS, dtype=float64)
    t = cuda.threadIdx.x
    i = cuda.grid(1)
    acc = 0.0
    while i < x.shape[0]:
        acc += x[i]
        i += cuda.gridsize(1)
    buf[t] = acc
    cuda.syncthreads()
    s = THREADS // 2
    while s > 0:
        if t < s:
            buf[t] += buf[t + s]
        cuda.syncthreads()
        s //= 2
    if t == 0:
        cuda.atomic.add(result, 0, buf[0])


x = np.arange(1, 5001, dtype=np.float64)
result = np.zeros(1)
sum_reduce[8, THREADS](x, result)
print(result[0], result[0] == x.sum())
