# Compiled functions passed as arguments are called by static dispatch, one specialisation per
# function passed, as in Numba.
import math
from numba import njit


@njit
def gauss(x):
    return math.exp(-x * x)


@njit
def cube(x):
    return x * x * x


@njit
def integrate(f, a, b, n):
    h = (b - a) / n
    s = 0.5 * (f(a) + f(b))
    for i in range(1, n):
        s += f(a + i * h)
    return s * h


@njit
def twice(f, x):
    return f(f(x))


print(integrate(gauss, -4.0, 4.0, 1000), integrate(cube, 0.0, 1.0, 100))
print(twice(cube, 2), twice(cube, 1.5))
