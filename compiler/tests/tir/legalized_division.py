# Python's // and % as the backends receive them: constant divisors become shifts, masks or one
# truncating division; a run-time divisor gets its zero check (a guard) and a safe divisor.
from numba import njit


@njit
def by_constants(a):
    return a // 8, a % 8, a // 10, a % -3


@njit
def by_variable(a, b):
    return a // b


@njit
def floats(x, y):
    return x % y, x / 2, x / y


@njit
def steps(n, k):
    s = 0
    for i in range(0, n, k):
        s += i
    return s


# compile: by_constants(int64)
# compile: by_variable(int64, int64)
# compile: floats(float64, float64)
# compile: steps(int64, int64)
