# prange in parallel=True functions: every reduction operator, reductions inside branches,
# private per-iteration variables, writes indexed by the loop variable, an inner prange (serial),
# and prange in a function without parallel=True (serial). The results do not depend on the
# number of threads (integer reductions exactly, float ones within rounding).
import numpy as np
from numba import njit, prange


@njit(parallel=True)
def all_reductions(n):
    total = 0
    diff = 1000
    prod = 1
    lo = 10 ** 9
    hi = -(10 ** 9)
    fsum = 0.0
    for i in prange(n):
        total += i
        diff -= i
        if i % 7 == 3:
            prod *= 2
        lo = min(lo, (i * 37) % 101)
        hi = max(hi, (i * 37) % 101)
        fsum += 1.0 / (i + 1)
    return total, diff, prod, lo, hi, round(fsum, 9)


@njit(parallel=True)
def row_norms(m):
    out = np.empty(m.shape[0])
    count = 0
    for i in prange(m.shape[0]):
        acc = 0.0
        for j in prange(m.shape[1]):
            acc += m[i, j] * m[i, j]
        out[i] = np.sqrt(acc)
        if acc > 100.0:
            count += 1
    return out, count


@njit
def serial_prange(n):
    s = 0
    for i in prange(n):
        s += i * i
    return s


@njit(parallel=True)
def matmul(a, b):
    n, k = a.shape
    m = b.shape[1]
    c = np.zeros((n, m))
    for i in prange(n):
        for p in range(k):
            aip = a[i, p]
            for j in range(m):
                c[i, j] += aip * b[p, j]
    return c


print(all_reductions(1000))
print(all_reductions(0))
r, c = row_norms(np.arange(40.0).reshape(8, 5))
print(r, c)
print(serial_prange(100))
a = np.arange(48.0).reshape(6, 8) / 10.0
print(matmul(a, a.T))
