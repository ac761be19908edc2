# Streams and events: the work is split into chunks, each copied in, computed and copied out on
# its own stream from pinned host memory, and timed with events.
# Runs on a GPU, or on the CPU simulator with RHUMBA_CUDA_SIM=1 (NUMBA_ENABLE_CUDASIM=1 for Numba).
import math
import numpy as np
from numba import cuda


@cuda.jit
def scale_shift(x, alpha, beta, out):
    i = cuda.grid(1)
    if i < x.shape[0]:
        out[i] = math.sqrt(alpha * x[i] + beta)


n = 1 << 16
chunks = 4
size = n // chunks
host_in = cuda.pinned_array(n, dtype=np.float64)
host_in[:] = np.arange(n) * 0.5
host_out = cuda.pinned_array(n, dtype=np.float64)

streams = [cuda.stream() for _ in range(chunks)]
start = cuda.event()
end = cuda.event()
start.record()
for k in range(chunks):
    s = streams[k]
    lo = k * size
    d_in = cuda.to_device(host_in[lo:lo + size], stream=s)
    d_out = cuda.device_array(size, dtype=np.float64, stream=s)
    scale_shift[(size + 255) // 256, 256, s](d_in, 2.0, 1.0, d_out)
    d_out.copy_to_host(host_out[lo:lo + size], stream=s)
for s in streams:
    s.synchronize()
end.record()
end.synchronize()
elapsed = start.elapsed_time(end)
print("elapsed time is a number:", elapsed >= 0.0)

expected = np.sqrt(2.0 * host_in + 1.0)
print("streams match numpy:", np.allclose(host_out, expected))
print("first:", host_out[:3])
print("last:", host_out[-1])
cuda.synchronize()
