# The GPU benchmark kernels: the same source runs under `rhumba run` (GPU, or the simulator with
# RHUMBA_CUDA_SIM=1 for a smoke run) and `python3` with numba-cuda. Times are CUDA event times,
# median of REPEATS launches after a first launch (which compiles and is reported separately).
# The cuBLAS peer is bench/kernels/cublas_matmul.py (CuPy; Python only).
import time
import numpy as np
from numba import cuda, float32

VECTOR_N = 1 << 24
MATMUL_SIZES = [1024, 2048, 4096]
REPEATS = 5
TPB = 16


@cuda.jit
def vector_add(a, b, out):
    i = cuda.grid(1)
    if i < out.shape[0]:
        out[i] = a[i] + b[i]


@cuda.jit
def copy(a, out):
    i = cuda.grid(1)
    if i < out.shape[0]:
        out[i] = a[i]


@cuda.jit
def matmul_naive(A, B, C):
    i, j = cuda.grid(2)
    if i < C.shape[0] and j < C.shape[1]:
        acc = float32(0.0)
        for k in range(A.shape[1]):
            acc += A[i, k] * B[k, j]
        C[i, j] = acc


@cuda.jit
def matmul_shared(A, B, C):
    sA = cuda.shared.array(shape=(TPB, TPB), dtype=float32)
    sB = cuda.shared.array(shape=(TPB, TPB), dtype=float32)
    x, y = cuda.grid(2)
    tx = cuda.threadIdx.x
    ty = cuda.threadIdx.y
    acc = float32(0.0)
    for t in range(cuda.gridDim.x):
        sA[tx, ty] = 0
        sB[tx, ty] = 0
        if x < A.shape[0] and ty + t * TPB < A.shape[1]:
            sA[tx, ty] = A[x, ty + t * TPB]
        if y < B.shape[1] and tx + t * TPB < B.shape[0]:
            sB[tx, ty] = B[tx + t * TPB, y]
        cuda.syncthreads()
        for k in range(TPB):
            acc += sA[tx, k] * sB[k, ty]
        cuda.syncthreads()
    if x < C.shape[0] and y < C.shape[1]:
        C[x, y] = acc


def timed(launch_once):
    # The first call compiles and loads the kernel: its wall time is the first-launch latency.
    t0 = time.perf_counter()
    launch_once()
    cuda.synchronize()
    first_ms = (time.perf_counter() - t0) * 1e3
    times = []
    for _ in range(REPEATS):
        start = cuda.event()
        end = cuda.event()
        start.record()
        launch_once()
        end.record()
        end.synchronize()
        times.append(start.elapsed_time(end))
    times = sorted(times)
    # Numba's simulator reports zero for every event interval; keep the ratios finite there.
    return max(times[len(times) // 2], 1e-6), first_ms


n = VECTOR_N
a = cuda.to_device(np.arange(n, dtype=np.float32))
b = cuda.to_device(np.ones(n, dtype=np.float32))
out = cuda.device_array(n, dtype=np.float32)
threads = 256
blocks = (n + threads - 1) // threads


def run_add():
    vector_add[blocks, threads](a, b, out)


def run_copy():
    copy[blocks, threads](a, out)


add_ms, add_first = timed(run_add)
copy_ms, copy_first = timed(run_copy)
add_gbs = 3 * n * 4 / (add_ms * 1e-3) / 1e9
copy_gbs = 2 * n * 4 / (copy_ms * 1e-3) / 1e9
check = out.copy_to_host()
print("vector_add", n, "ms", round(add_ms, 4), "GB/s", round(add_gbs, 1), "first_launch_ms", round(add_first, 2))
print("copy", n, "ms", round(copy_ms, 4), "GB/s", round(copy_gbs, 1), "fraction_of_copy", round(add_gbs / copy_gbs, 3))
print("copy correct:", check[n - 1] == n - 1)

for size in MATMUL_SIZES:
    np.random.seed(0)
    A = cuda.to_device(np.random.random((size, size)).astype(np.float32))
    B = cuda.to_device(np.random.random((size, size)).astype(np.float32))
    C = cuda.device_array((size, size), dtype=np.float32)
    grid = ((size + TPB - 1) // TPB, (size + TPB - 1) // TPB)

    def run_naive():
        matmul_naive[grid, (TPB, TPB)](A, B, C)

    def run_shared():
        matmul_shared[grid, (TPB, TPB)](A, B, C)

    naive_ms, naive_first = timed(run_naive)
    naive_c = C.copy_to_host()
    shared_ms, shared_first = timed(run_shared)
    shared_c = C.copy_to_host()
    flops = 2.0 * size * size * size
    print("matmul_naive", size, "ms", round(naive_ms, 3), "TFLOP/s", round(flops / (naive_ms * 1e-3) / 1e12, 3), "first_launch_ms", round(naive_first, 2))
    print("matmul_shared", size, "ms", round(shared_ms, 3), "TFLOP/s", round(flops / (shared_ms * 1e-3) / 1e12, 3), "first_launch_ms", round(shared_first, 2))
    print("matmul results agree:", np.allclose(naive_c, shared_c, rtol=1e-3, atol=1e-3))
