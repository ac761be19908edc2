# The classic shared-memory tiled matrix multiplication of numba.cuda's documentation: each
# block computes a TPB x TPB tile of C, staging tiles of A and B through shared memory.
# Runs on a GPU, or on the CPU simulator with RHUMBA_CUDA_SIM=1 (NUMBA_ENABLE_CUDASIM=1 for Numba).
import numpy as np
from numba import cuda, float32

TPB = 16


@cuda.jit
def matmul_naive(A, B, C):
    i, j = cuda.grid(2)
    if i < C.shape[0] and j < C.shape[1]:
        tmp = 0.0
        for k in range(A.shape[1]):
            tmp += A[i, k] * B[k, j]
        C[i, j] = tmp


@cuda.jit
def matmul_shared(A, B, C):
    sA = cuda.shared.array(shape=(TPB, TPB), dtype=float32)
    sB = cuda.shared.array(shape=(TPB, TPB), dtype=float32)
    x, y = cuda.grid(2)
    tx = cuda.threadIdx.x
    ty = cuda.threadIdx.y
    bpg = cuda.gridDim.x
    tmp = float32(0.0)
    for i in range(bpg):
        # Threads outside C still load (zeros), so that every thread reaches the barriers.
        sA[tx, ty] = 0
        sB[tx, ty] = 0
        if x < A.shape[0] and ty + i * TPB < A.shape[1]:
            sA[tx, ty] = A[x, ty + i * TPB]
        if y < B.shape[1] and tx + i * TPB < B.shape[0]:
            sB[tx, ty] = B[tx + i * TPB, y]
        cuda.syncthreads()
        for j in range(TPB):
            tmp += sA[tx, j] * sB[j, ty]
        cuda.syncthreads()
    if x < C.shape[0] and y < C.shape[1]:
        C[x, y] = tmp


n = 48
np.random.seed(42)
A = np.random.random((n, n)).astype(np.float32)
B = np.random.random((n, n)).astype(np.float32)
threads = (TPB, TPB)
blocks = ((n + TPB - 1) // TPB, (n + TPB - 1) // TPB)

d_A = cuda.to_device(A)
d_B = cuda.to_device(B)
d_C = cuda.device_array((n, n), dtype=np.float32)
matmul_shared[blocks, threads](d_A, d_B, d_C)
C_shared = d_C.copy_to_host()

C_naive = np.zeros((n, n), dtype=np.float32)
matmul_naive[blocks, threads](A, B, C_naive)

expected = A @ B
print("shared tiles match numpy:", np.allclose(C_shared, expected, rtol=1e-5))
print("naive matches numpy:", np.allclose(C_naive, expected, rtol=1e-5))
print("C[0, :4] =", np.round(C_shared[0, :4], 4))
print("sum:", round(float(C_shared.sum()), 2))
