# Views taken inside compiled loops: rows, columns, slices with every kind of bound (negative,
# past the end, omitted, reversed, empty), strides, transposes and views of views, read and
# written; in plain loops and in prange bodies. The optimising tier computes views in registers,
# Cranelift through the runtime: both must agree with the interpreter and with Numba.
import numpy as np
from numba import njit, prange


@njit
def slice_facts(a, lo, hi, step):
    # Length and sum of a[lo:hi:step] for each row, and of the reversed rows.
    n = 0
    t = 0.0
    u = 0.0
    w = 0.0
    for i in range(a.shape[0]):
        s = a[i, lo:hi:step]
        r = a[i, ::-1]
        n += s.shape[0]
        for j in range(s.shape[0]):
            t += s[j] * (j + 1)
        for j in range(r.shape[0]):
            u += r[j] * (j + 1)
        w += a[i, -1]
    return n, t, u, w


@njit
def weigh(v):
    t = v.shape[0] * 1000.0
    for j in range(v.shape[0]):
        t += v[j] * (j + 2)
    return t


@njit
def omitted_bounds(a):
    t = 0.0
    for i in range(a.shape[0]):
        t += weigh(a[i, :3]) + weigh(a[i, 3:]) + weigh(a[i, ::2]) + weigh(a[i, 1::3]) + weigh(a[i, :-2:-1])
        t += weigh(a[i, -2::-2]) + weigh(a[i, 100:]) + weigh(a[i, -100:2]) + weigh(a[i, 5:1])
    return t


@njit
def blocks(a):
    # 2-d views of views and transposes.
    total = 0.0
    for i in range(0, a.shape[0] - 1, 2):
        block = a[i:i + 2, 1:]
        bt = block.T
        inner = bt[1:, ::-1]
        for p in range(inner.shape[0]):
            for q in range(inner.shape[1]):
                total += inner[p, q] * (p + 3 * q + 1)
    return total


@njit
def scale_rows(a):
    # Writing through row views.
    for i in range(a.shape[0]):
        row = a[i]
        for j in range(row.shape[0]):
            row[j] = row[j] * (i + 1) - j
        tail = a[i, -2:]
        tail[0] = -tail[1]


@njit(parallel=True)
def pairs_into(a, out):
    for ii in prange(a.shape[0] // 2):
        top = out[2 * ii]
        bottom = out[2 * ii + 1]
        x = a[2 * ii]
        y = a[2 * ii + 1, ::-1]
        for j in range(x.shape[0]):
            top[j] = x[j] + y[j]
            bottom[j] = x[j] * y[j]


a = np.arange(42.0).reshape((6, 7)) * 0.5 - 3.0
for lo, hi, step in ((0, 7, 1), (1, -1, 2), (-3, 100, 1), (6, 0, -2), (-1, -8, -1), (3, 3, 1), (5, 2, 1), (-100, 4, 3)):
    print(lo, hi, step, slice_facts(a, lo, hi, step))
print(omitted_bounds(a))
print(blocks(a))
b = a.copy()
scale_rows(b)
print(b)
out = np.zeros((6, 7))
pairs_into(a, out)
print(out)
