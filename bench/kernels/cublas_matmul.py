# The cuBLAS peer of bench/kernels/cuda_suite.py: float32 matmul through CuPy (Python only).
import cupy as cp

REPEATS = 5
for size in [1024, 2048, 4096]:
    cp.random.seed(0)
    A = cp.random.random((size, size), dtype=cp.float32)
    B = cp.random.random((size, size), dtype=cp.float32)
    C = A @ B
    cp.cuda.Device().synchronize()
    times = []
    for _ in range(REPEATS):
        start = cp.cuda.Event()
        end = cp.cuda.Event()
        start.record()
        C = A @ B
        end.record()
        end.synchronize()
        times.append(cp.cuda.get_elapsed_time(start, end))
    ms = sorted(times)[len(times) // 2]
    print("cublas_matmul", size, "ms", round(ms, 3), "TFLOP/s", round(2.0 * size ** 3 / (ms * 1e-3) / 1e12, 3))
