# Rows of a prange loop run side by side (unroll-and-jam): matmul in ikj and ijk order, rows
# written along the second axis, integer arrays, views, chunk sizes that leave rows over, and
# bodies the pass must leave alone (a reduction, a branch, an inner loop whose length depends on
# the row). Every element sees the same operations in the same order as in the plain loop, so
# the sums below, which depend on the order of their terms, print the same bits as the
# interpreter's and Numba's with any thread count.
import numpy as np
from numba import njit, prange


@njit(parallel=True)
def matmul_ikj(a, b, c):
    n, k = a.shape
    m = b.shape[1]
    for i in prange(n):
        for j in range(m):
            c[i, j] = 0.0
        for p in range(k):
            aip = a[i, p]
            for j in range(m):
                c[i, j] += aip * b[p, j]


@njit(parallel=True)
def matmul_ijk(a, b, c):
    n, k = a.shape
    m = b.shape[1]
    for i in prange(n):
        for j in range(m):
            acc = 0.0
            for p in range(k):
                acc += a[i, p] * b[p, j]
            c[i, j] = acc


@njit(parallel=True)
def column_sums_into(a, out):
    # Row `i` of the prange loop writes column `i` of `out`.
    for i in prange(a.shape[1]):
        for j in range(a.shape[0]):
            s = 0
            for t in range(j + 1):
                s += a[t, i] * (t + 1) - a[t, 0]
            out[j, i] = s


@njit(parallel=True)
def triangle(a, out):
    # The inner loop's length depends on the row: not jammed.
    for i in prange(a.shape[0]):
        for j in range(i + 1):
            out[i, j] = a[i, j] * 2.0 + a[j, 0]


@njit(parallel=True)
def clipped(a, b, out):
    # A branch in the body: not jammed.
    for i in prange(a.shape[0]):
        for j in range(b.shape[1]):
            v = a[i, 0] * b[0, j]
            if v > 3.0:
                v = 3.0
            out[i, j] = v


@njit(parallel=True)
def weighted_total(a, w):
    # A reduction: not jammed (float partials would be summed in another order).
    total = 0
    for i in prange(a.shape[0]):
        for j in range(a.shape[1]):
            total += a[i, j] * w[j]
    return total


def values(n, m, seed):
    # Terms of very different sizes, so that any change in the order of a sum shows.
    out = np.empty((n, m))
    x = seed
    for i in range(n):
        for j in range(m):
            x = (x * 1103515245 + 12345) % 2147483648
            e = x % 5
            out[i, j] = (x % 1000 - 500) * 10.0 ** (4 * e - 8)
    return out


for n, k, m in ((1, 1, 1), (2, 3, 2), (5, 3, 4), (7, 7, 7), (9, 4, 11), (13, 6, 3), (0, 2, 3)):
    a = values(n, k, 3 + n)
    b = values(k, m, 5 + m)
    c1 = np.zeros((n, m))
    c2 = np.zeros((n, m))
    matmul_ikj(a, b, c1)
    matmul_ijk(a, b, c2)
    print(n, k, m, c1.sum(), c2.sum(), float(c1[n - 1, m - 1]) if n > 0 else "-")
    for i in range(n):
        for j in range(m):
            if c1[i, j] != c2[i, j]:
                print("ikj and ijk differ at", i, j, c1[i, j], c2[i, j])

# Views: rows of a strided, transposed array, and an output that is a view of a larger one.
big = values(12, 14, 11)
a = big[1:10:2, ::3].T
b = values(a.shape[1], 6, 17)
full = np.zeros((a.shape[0] + 2, 8))
c = full[1:-1, 1:7]
matmul_ikj(a, b, c)
print(full.sum(), float(full[2, 3]), full[0, 0], full[-1, -1])

ints = np.arange(30).reshape((5, 6)) % 7
out = np.zeros((5, 6), dtype=np.int64)
column_sums_into(ints, out)
print(out)

sq = values(6, 6, 23)
tri = np.zeros((6, 6))
triangle(sq, tri)
print(tri.sum())
cl = np.zeros((6, 6))
clipped(sq, sq, cl)
print(cl.sum())
print(weighted_total(ints, ints[1]))

# golden: clif (this program tests code generation: its Cranelift IR is a golden too)
