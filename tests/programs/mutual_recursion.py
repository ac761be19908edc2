# Mutually recursive functions compile: a callee waiting on its caller's return type is
# typed again on the caller's next pass, once the caller's base case is known.
from numba import njit

@njit
def ev(n):
    if n == 0:
        return True
    return od(n - 1)

@njit
def od(n):
    return not ev(n) if n >= 0 else False

@njit
def a(n, x):
    if n <= 0:
        return x
    return b(n - 1, x * 0.5)

@njit
def b(n, x):
    return c(n, x + 1.0)

@njit
def c(n, x):
    if n % 3 == 0:
        return a(n, x)
    return a(n - 1, x)

@njit
def hof(n):
    if n == 0:
        return 0
    return n - hof2(hof(n - 1))

@njit
def hof2(n):
    if n == 0:
        return 1
    return n - hof(hof2(n - 1))

print(ev(10), od(7), ev(7), a(10, 3.0), [hof(i) for i in range(10)], [hof2(i) for i in range(10)])
