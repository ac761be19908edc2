# numpy functions inside compiled code (rhumba's numpy prelude) and on the host: sort and a
# stable argsort (NaN last, ties in order), searchsorted (scalar and array needles, both sides),
# histogram (equal bins; Numba 0.68 returns one-point edges for all-equal data, numpy and
# rhumba widen them by 0.5, so that case is left out), where with one argument (1-d and 2-d), concatenate,
# linspace, cumprod, trace, outer, new axes, np.ndindex, np.ndenumerate and a.flat.
import numpy as np
from numba import njit


@njit
def order_stats(a, q):
    s = np.sort(a)
    o = np.argsort(a, kind="mergesort")
    return s, o, np.searchsorted(s, q), np.searchsorted(s, q, side="right"), np.searchsorted(s, 2.0, side="right")


@njit
def binning(x, n):
    counts, edges = np.histogram(x, bins=n)
    return counts, edges, np.linspace(0.0, 1.0, 5), np.linspace(2.0, 3.0, 1)


@njit
def picking(a, m):
    (ix,) = np.where(a > 1.0)
    r, c = np.where(m > 4)
    return ix, r, c, np.concatenate((ix, r, c)), np.cumprod(a[:4]), np.trace(m * 1.5), np.outer(a[:2], a[2:4])


@njit
def spaces(m, v):
    out = np.zeros((m.shape[0], v.shape[0]))
    for i, j in np.ndindex(out.shape):
        out[i, j] = m[i, 0] * v[j] + i - j
    total = 0
    for x in m.flat:
        total += x
    off = 0
    for (i, j), x in np.ndenumerate(m):
        if i != j:
            off += x
    grid = v[:, None] + v[None, :]
    return out, total, off, grid


a = np.array([2.0, np.nan, -1.0, 2.0, 0.5, 3.0, 2.0, -4.0])
q = np.array([-10.0, 2.0, 2.5, 100.0])
print(order_stats(a, q))
print(np.argsort(a), np.searchsorted(np.sort(a), q, side="right"))
print(binning(np.array([0.0, 1.0, 2.5, 4.0, 7.0, 7.0, 3.0]), 3))
print(np.histogram(np.array([1.0, 2.0, 2.0, 9.0]), bins=4))
m = np.arange(9).reshape(3, 3)
print(picking(a, m))
print(spaces(m, np.array([1.0, -2.0])))


@njit
def filled(n, v):
    # np.full takes its dtype from the fill value unless given one; the *_like forms take the
    # prototype's dtype unless given one.
    a = np.full(n, v)
    b = np.full((2, n), 7)
    c = np.full(n, 2.7, np.int64)
    d = np.full(3, True)
    e = np.full_like(a, 1.5)
    g = np.full_like(b, 2.5)
    h = np.zeros_like(a, dtype=np.int32)
    k = np.ones_like(b, np.float32)
    m = np.full(n, v, dtype=np.float32)
    return a, b, c, d, e, g, h, k, m


for x in filled(3, 0.25):
    print(x, x.dtype)
