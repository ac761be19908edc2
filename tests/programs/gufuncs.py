# @guvectorize: core layouts with scalar and array cores, several signatures (int and float),
# broadcasting of the loop dimensions (an operand with fewer or size-1 loop axes), explicit
# outputs, two outputs, and target="parallel". The kernels themselves are compiled.
import numpy as np
from numba import guvectorize, float64, int64


@guvectorize([(float64[:], float64, float64[:])], "(n),()->(n)")
def scaled_cumsum(a, k, out):
    acc = 0.0
    for i in range(a.shape[0]):
        acc += a[i] * k
        out[i] = acc


@guvectorize([(int64[:], int64[:], int64[:]), (float64[:], float64[:], float64[:])], "(n)->(),()")
def extremes(a, lo, hi):
    lo[0] = a[0]
    hi[0] = a[0]
    for v in a:
        if v < lo[0]:
            lo[0] = v
        if v > hi[0]:
            hi[0] = v


@guvectorize(["void(float64[:], float64[:], float64[:])"], "(n),(n)->()", target="parallel")
def dot(a, b, out):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * b[i]
    out[0] = s


@guvectorize([(float64[:, :], float64[:, :], float64[:, :])], "(m,k),(k,n)->(m,n)")
def matmul(a, b, out):
    for i in range(a.shape[0]):
        for j in range(b.shape[1]):
            s = 0.0
            for p in range(a.shape[1]):
                s += a[i, p] * b[p, j]
            out[i, j] = s


x = np.array([1.0, 2.0, 3.0, 4.0])
print(scaled_cumsum(x, 2.0))
rows = np.arange(6.0).reshape(2, 3)
print(scaled_cumsum(rows, np.array([1.0, -1.0])))
print(scaled_cumsum(rows, np.array([[10.0], [0.5]])))
lo, hi = extremes(np.array([[3, -7, 2], [9, 9, 0]]))
print(lo, hi, lo.dtype)
lo, hi = extremes(np.array([2.5, -1.5]))
print(float(lo), float(hi))
print(dot(rows, np.array([1.0, 0.0, -1.0])), dot(np.ones((2, 1, 3)), np.ones((4, 3))).shape)
out = np.zeros(2)
dot(rows, rows, out)
print(out)
a = np.arange(12.0).reshape(3, 2, 2)
print(matmul(a, np.eye(2)[None, :, :] * 2.0)[2], matmul(a[0], a[1]))
