# Two functions that only call each other have no return type (Numba: runaway recursion).
from numba import njit

@njit
def p(n):
    return q(n)

@njit
def q(n):
    return p(n)

print(p(3))
