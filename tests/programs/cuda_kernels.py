# CUDA kernel semantics on the simulator: grids, shared memory with barriers, atomics, local
# arrays, device functions and launch shapes, each checked against numpy.
import math
import numpy as np
from numba import cuda, float64, int32, int64

TPB = 32


@cuda.jit
def block_sums(x, out):
    # A shared-memory tree reduction per block: the classic pattern needing syncthreads.
    tile = cuda.shared.array(TPB, dtype=float64)
    i = cuda.grid(1)
    t = cuda.threadIdx.x
    tile[t] = x[i] if i < x.shape[0] else 0.0
    cuda.syncthreads()
    step = TPB // 2
    while step > 0:
        if t < step:
            tile[t] += tile[t + step]
        cuda.syncthreads()
        step //= 2
    if t == 0:
        out[cuda.blockIdx.x] = tile[0]


@cuda.jit
def histogram(values, bins, counts):
    i = cuda.grid(1)
    stride = cuda.gridsize(1)
    while i < values.shape[0]:
        b = int(values[i] * bins)
        if b >= bins:
            b = bins - 1
        cuda.atomic.add(counts, b, 1)
        i += stride


@cuda.jit
def extremes(x, result):
    i = cuda.grid(1)
    if i < x.shape[0]:
        cuda.atomic.max(result, 0, x[i])
        cuda.atomic.min(result, 1, x[i])


@cuda.jit
def first_claim(owner, claims):
    # Every thread tries to claim slot 0; compare-and-swap lets exactly one win.
    i = cuda.grid(1)
    old = cuda.atomic.cas(owner, 0, -1, i)
    if old == -1:
        claims[0] += 1


@cuda.jit(device=True)
def smooth(a, b, c):
    return 0.25 * a + 0.5 * b + 0.25 * c


@cuda.jit
def blur_2d(src, dst):
    r, c = cuda.grid(2)
    n, m = src.shape
    if 0 < r < n - 1 and 0 < c < m - 1:
        acc = cuda.local.array(3, dtype=float64)
        for k in range(3):
            acc[k] = smooth(src[r - 1, c - 1 + k], src[r, c - 1 + k], src[r + 1, c - 1 + k])
        dst[r, c] = smooth(acc[0], acc[1], acc[2])


@cuda.jit
def coordinates(out):
    x, y, z = cuda.grid(3)
    if x < out.shape[0] and y < out.shape[1] and z < out.shape[2]:
        out[x, y, z] = x * 100 + y * 10 + z + cuda.gridDim.x * 0


@cuda.jit
def scaled_sqrt(x, alpha):
    i = cuda.grid(1)
    if i < x.size:
        x[i] = math.sqrt(alpha * x[i])


np.random.seed(7)
x = np.random.random(1000)
blocks = (x.shape[0] + TPB - 1) // TPB
partial = np.zeros(blocks)
block_sums[blocks, TPB](x, partial)
print("block sums:", blocks, np.allclose(partial.sum(), x.sum()))
print("first block:", round(partial[0], 10), round(x[:TPB].sum(), 10))

counts = np.zeros(10, dtype=np.int32)
histogram[4, 64](x, 10, counts)
print("histogram:", counts, counts.sum())
expected_counts = np.zeros(10, dtype=np.int32)
for v in x:
    expected_counts[min(int(v * 10), 9)] += 1
print("histogram matches a host loop:", np.array_equal(counts, expected_counts))

result = np.array([-1.0, 2.0])
extremes[blocks, TPB](x, result)
print("max/min:", result[0] == x.max(), result[1] == x.min())

owner = np.array([-1], dtype=np.int64)
claims = np.zeros(1, dtype=np.int64)
first_claim[3, 50](owner, claims)
print("claimed once:", claims[0], 0 <= owner[0] < 150)

img = np.arange(36.0).reshape(6, 6) ** 1.5
out = np.zeros_like(img)
blur_2d[(2, 2), (4, 4)](img, out)
ref = np.zeros_like(img)
for r in range(1, 5):
    for c in range(1, 5):
        w = np.array([0.25, 0.5, 0.25])
        ref[r, c] = w @ img[r - 1:r + 2, c - 1:c + 2] @ w
print("blur matches numpy:", np.allclose(out, ref))

grid = np.zeros((3, 4, 2), dtype=np.int64)
coordinates[(1, 2, 1), (3, 2, 2)](grid)
print("3-d grid:", grid[2, 3, 1], grid[1, 0, 1], grid.sum())

d = cuda.to_device(np.array([1.0, 4.0, 9.0]))
scaled_sqrt[1, 4](d, 4.0)
print("device array after kernel:", d.copy_to_host())


@cuda.jit
def reciprocal(a, out):
    # CUDA kernels use Numba's numpy error model: float division by zero gives inf, not an error.
    i = cuda.grid(1)
    if i < a.size:
        out[i] = 1.0 / a[i]


r = np.zeros(3)
reciprocal[1, 4](np.array([0.0, 2.0, -0.0]), r)
print("reciprocals:", r)


@cuda.jit("void(float32[:], float32, float32[:])")
def scale_eager(x, factor, out):
    # An eager signature: the float argument is converted to float32 at the launch.
    i = cuda.grid(1)
    if i < x.shape[0]:
        out[i] = x[i] * factor


xs = np.arange(4, dtype=np.float32)
scaled = np.zeros(4, dtype=np.float32)
scale_eager[1, 4](xs, 0.5, scaled)
print("eager signature:", scaled, scaled.dtype)
