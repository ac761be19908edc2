# Golden LLVM IR and PTX: the shared-memory tiled matmul (shared arrays, barriers).
import numpy as np
from numba import cuda, float32

TPB = 8


@cuda.jit
def matmul_tiled(A, B, C):
    sA = cuda.shared.array(shape=(TPB, TPB), dtype=float32)
    sB = cuda.shared.array(shape=(TPB, TPB), dtype=float32)
    x, y = cuda.grid(2)
    tx = cuda.threadIdx.x
    ty = cuda.threadIdx.y
    acc = float32(0.0)
    for i in range(cuda.gridDim.x):
        sA[tx, ty] = 0
        sB[tx, ty] = 0
        if x < A.shape[0] and ty + i * TPB < A.shape[1]:
            sA[tx, ty] = A[x, ty + i * TPB]
        if y < B.shape[1] and tx + i * TPB < B.shape[0]:
            sB[tx, ty] = B[tx + i * TPB, y]
        cuda.syncthreads()
        for j in range(TPB):
            acc += sA[tx, j] * sB[j, ty]
        cuda.syncthreads()
    if x < C.shape[0] and y < C.shape[1]:
        C[x, y] = acc


n = 20
A = (np.arange(n * n).reshape(n, n) % 7).astype(np.float32)
B = (np.arange(n * n).reshape(n, n) % 5).astype(np.float32)
C = np.zeros((n, n), dtype=np.float32)
matmul_tiled[(3, 3), (TPB, TPB)](A, B, C)
print(C[0, :5], np.array_equal(C, A @ B))
