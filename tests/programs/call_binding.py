# Calls bind as Python binds them, compiled: defaults (numbers, bools, None, tuples), keywords in
# any order from the host and between compiled functions, and *args collected into a tuple
# (iterated by unrolling, indexed, measured; Numba iterates only non-empty tuples of one type). `x is None` on an omitted argument is decided by
# its type, so the branch using it as a number is never typed.
import numpy as np
from numba import njit


@njit
def clip(x, lo=-1.0, hi=1.0, strict=False):
    if strict and (x < lo or x > hi):
        return -999.0
    return min(max(x, lo), hi)


@njit
def offset(a, shift=None, scale=2):
    out = a * scale
    if shift is not None:
        out = out + shift
    return out


@njit
def pair(p=(1, 2.5)):
    return p[0] + p[1]


@njit
def caller(x):
    return clip(x, hi=0.5), clip(hi=4.0, x=x, lo=3.0), clip(x, 0.0, 0.25, True), pair(), pair((3, 4.0))


@njit
def spread(first, *rest):
    total = first
    for r in rest:
        total = total * 10 + r
    return total, len(rest)


@njit
def ends(*xs):
    return xs[0], xs[-1], len(xs)


@njit
def mixed(*xs):
    s = 0
    for v in xs:
        s += v
    return s


@njit
def through(n):
    a, b = spread(n, 1, 2, 3)
    c, d, e = ends(n, n + 1)
    return a + b, c + d + e, mixed(n, 2)


print(clip(3.0), clip(-3.0), clip(0.2, hi=0.1), clip(x=0.7, lo=0.8), clip(2.0, strict=True))
print(caller(0.75), caller(-2.0))
v = np.array([1.0, -2.0, 3.5])
print(offset(v), offset(v, 1.0), offset(v, scale=-1), offset(v, scale=3, shift=0.5))
print(spread(4, 5), spread(1, 2, 3, 4), ends(7), ends(1.5, 2, 3))
print(mixed(1, 2, 3), mixed(1.5, 2.5), through(5))
