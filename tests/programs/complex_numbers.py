# compiled: all
# Complex numbers in compiled code and on the host: literals, mixed arithmetic (signed zeros
# included), division and powers by CPython's algorithms, abs/real/imag/conjugate, complex(),
# cmath (inverse functions included), complex arrays (loads, stores, numpy functions, .real/.imag), complex64 staying
# complex64, complex values passed between compiled functions and returned to the host.
import cmath
import math

import numpy as np
from numba import njit


@njit
def mixed(z, x, n):
    return z + x, z - n, z * x, x * z, n * z, z / x, x / z, -z, +z


@njit
def powers(z, w):
    return z ** 2, z ** 3, z ** -1, z ** 0.5, z ** w, 2 ** z, 0j ** 2


@njit
def parts(z):
    c = z.conjugate()
    return z.real, z.imag, c.real, c.imag, abs(z), z.conjugate() == c, z != c, bool(z)


@njit
def build(re, im):
    a = complex(re, im)
    b = complex(re)
    c = np.complex128(im)
    d = 1j * im + re
    return a, b, c, d, a == d


@njit
def cmath_all(z):
    r, phi = cmath.polar(z)
    return (cmath.exp(z), cmath.sqrt(z), cmath.log(z), cmath.log10(z), cmath.phase(z), r, phi,
            cmath.rect(r, phi), cmath.isnan(z), cmath.isinf(z), cmath.isfinite(z))


@njit
def trig(z):
    return cmath.cos(z), cmath.sin(z), cmath.tan(z), cmath.cosh(z), cmath.sinh(z), cmath.tanh(z)


@njit
def sq_norm(z):
    return z.real * z.real + z.imag * z.imag


@njit
def accumulate(n):
    acc = 0j
    w = 1.0 + 0.0j
    for k in range(n):
        acc += w * sq_norm(w) / (k + 1)
        w = w * (0.5 + 0.75j)
    return acc


@njit
def roots_of_unity(n):
    out = np.zeros(n, dtype=np.complex128)
    for k in range(n):
        out[k] = cmath.exp(2j * math.pi * k / n)
    return out


@njit
def array_ops(a):
    e = np.exp(a)
    m = np.abs(a)
    s = 0j
    for k in range(a.shape[0]):
        s += a[k] * a[k].conjugate()
    return e.real.sum(), e.imag.sum(), m.max(), a.real.sum(), a.imag.sum(), a.conj().imag.sum(), s


@njit
def matrix_trace(m):
    t = 0j
    for i in range(m.shape[0]):
        t += m[i, i]
    m[0, 1] = t
    return t


@njit
def single(a, b):
    c = a * b + np.complex64(2)
    d = a / b
    return c, d, c.real, abs(c)


@njit
def single_array(a):
    out = np.empty_like(a)
    for i in range(a.shape[0]):
        out[i] = a[i] * a[i] - np.float32(1.5)
    return out


@njit
def stats(a):
    return a.sum(), np.sum(a), a.prod(), a.mean(), np.mean(a)


@njit
def array_arithmetic(a, b):
    return a + b, a - 2.0, a * b, a / b, b / 1j, 2 * a, a == b, a != b, np.ones(3, dtype=np.complex128) * 0.5j, np.ones_like(a)


@njit
def vectorised_escape(c, n):
    z = np.zeros_like(c)
    count = np.zeros(c.shape, dtype=np.int64)
    for k in range(n):
        z = z * z + c
        for i in range(z.shape[0]):
            if abs(z[i]) <= 2.0:
                count[i] += 1
            else:
                z[i] = 3.0
    return count


@njit
def count_escape(c, limit):
    z = 0j
    for i in range(limit):
        z = z * z + c
        if abs(z) > 2.0:
            return i
    return limit


print(mixed(1.5 - 2j, 2.0, 3))
print(mixed(complex(-0.0, -1.0), -1.0, 0))
print(powers(1 + 1j, 0.5 + 0.25j))
print(powers(-2.5 + 0.5j, -1.0 + 0j))
print(parts(3 - 4j))
print(parts(0j))
print(build(1.25, -0.0))
print(build(-3.0, 2.5))
for z in (1 + 1j, -1 + 0j, -4 - 0j, 0.5 - 2j, 2.5e-3j, complex(1e300, 1e300)):
    print(cmath_all(z))
for z in (1 + 1j, -0.5 + 2j, 3j, complex(-2.5, -0.25), complex(float("inf"), 1.0)):
    print(trig(z))
print(accumulate(20))
print(roots_of_unity(6))
zs = np.array([0j, 1j, -1 + 0.5j, 2 - 1j, 0.25 + 0.25j])
print(array_ops(zs))
m = np.array([[1 + 1j, 0j], [2j, 3 - 1j]])
print(matrix_trace(m), m[0, 1])
print(single(np.complex64(1.5 + 0.25j), np.complex64(-0.75 + 2j)))
r = single_array(np.array([1 + 2j, 0.1 - 0.3j], dtype=np.complex64))
print(r.dtype, r, r.real, r.imag)
print([count_escape(complex(x, 0.5), 50) for x in (-1.5, -0.5, 0.0, 0.3, 0.5)])
w = np.array([1 + 2j, -0.5 + 0.25j, 3 - 1j, 0.1 + 0.2j])
print(stats(w), stats(w.astype(np.complex64)), stats(w.reshape(2, 2)))
print(w.sum(), w.prod(), w.mean(), w.reshape(2, 2).sum(axis=0))
x = np.array([1 + 2j, -1j, 3.5 + 0j])
y = np.array([2 - 1j, -1j, 0.5j])
for part in array_arithmetic(x, y) + array_arithmetic(x.astype(np.complex64), y.astype(np.complex64)):
    print(part.dtype, part)
print(vectorised_escape(np.linspace(-2, 0.5, 7) + 0.3j, 30))
# Host arithmetic follows CPython.
z = (1 + 1j) ** 3
print(z, (2 - 1j) / (0.5 + 0.25j), abs(3 + 4j), (1 + 2j).conjugate(), complex(2, -0.0), -(0j))
print(1j, -1j, 1e20 + 1j, complex(float("nan"), float("inf")), (1 + 2j) == (1 + 2j), 1 + 0j == 1)


@njit
def inverse_functions(z):
    return cmath.asin(z), cmath.acos(z), cmath.atan(z), cmath.asinh(z), cmath.acosh(z), cmath.atanh(z)


# CPython's algorithms, as Numba compiles them: ordinary, branch-cut, large and special values.
for w in [0.5 + 0.25j, -2.0 + 3.0j, 1.0 + 0.0j, -1.0 - 0.0j, 0j, 1e300 + 1e300j, 3.0 - 1e-200j, complex(np.inf, 1.0), complex(1.0, np.nan)]:
    print(inverse_functions(w))
print(cmath.asin(0.5 + 0.25j), cmath.atanh(2.0 + 0j))


@njit
def complex_fills(n):
    return np.full(n, 1.5 + 2j), np.full((2, 2), 3, dtype=np.complex64), np.full_like(np.zeros(n, dtype=np.complex128), 2.0), np.ones(n, dtype=np.complex64), np.zeros_like(np.ones(n) * 1j)


# Complex fills: from the fill value's type, from dtype=, widened from a real value.
print(complex_fills(3))
