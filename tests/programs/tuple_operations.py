# Tuples in compiled code: unpacking arrays and nested tuples, chained assignment, constant
# slices of shapes, concatenation, comparisons (lexicographic) and `in`, run-time indices
# (negative too), loops over tuples (unrolled; enumerate and zip), literal_unroll over mixed
# types, and narrowing integer conversions (np.int32, np.uint8) that wrap as numpy's do.
import numpy as np
from numba import njit, literal_unroll


@njit
def unpack(v, m):
    x, y, z = v
    (a, (b, c)) = (m.shape[0], m.shape[1:])
    p = q = x * 2
    p += 1
    return x + y * z, a + b + c, p, q


@njit
def slices(m):
    s = m.shape
    return s[:1], s[1:], s[::-1], s[-2:], s[5:], s[::2] + (7,)


@njit
def compare(k):
    a = (1, k, 3)
    b = (1, 2, 3)
    return a == b, a != b, a < b, a <= b, a > b, a >= b, (1, 2) < (1, 2, 0), k in a, k not in b, 2.0 in b


@njit
def pick(k):
    w = (10, 20, 30, 40)
    f = (0.5, 1.0, 2.5)
    return w[k], w[-1 - k], f[k % 3]


@njit
def loops(scale):
    t = (3, 1.5, np.int32(-2), True)
    s = 0.0
    for v in literal_unroll(t):
        s = s * scale + v
    acc = 0
    for i, v in enumerate((5, 6, 7), 1):
        acc += i * v
    d = 0.0
    for p, q in zip((1, 2, 3), (0.5, 0.25)):
        d += p * q
    return s, acc, d


@njit
def narrow(x):
    return np.int32(x), np.uint8(x), np.int8(x), np.uint16(x), np.int32(x) + 1


print(unpack(np.array([2.0, 3.0, 4.0]), np.zeros((2, 5, 7))), unpack(np.arange(3), np.ones((1, 1, 1))))
print(slices(np.zeros((2, 3, 4))))
print(compare(2), compare(3), compare(0))
print(pick(0), pick(2), pick(-1))
print(loops(2.0), loops(0.5))
print(narrow(3000000000), narrow(-129), narrow(65537))
