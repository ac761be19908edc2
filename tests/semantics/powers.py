# Integer and float powers: negative exponents, zero, wraparound, integer exponents of floats.
from numba import njit


@njit
def ipow(a, b):
    return a ** b


@njit
def fpow(x, y):
    return x ** y


@njit
def squares(x, n):
    return x ** 2, n ** 2, x ** 3, n ** 0, x ** 0


for a in (2, -2, 1, -1, 3, 0, 10):
    for b in (0, 1, 2, 3, -1, -2, -3, 40, 63, 64):
        print(a, b, ipow(a, b))
for x in (2.0, -2.0, 0.5, 1.5, -8.0, 0.0, -0.0):
    for y in (2.0, -1.0, 0.5, 3.0, -0.5, 0.0):
        print(x, y, fpow(x, y))
print(squares(1.5, 7), squares(-3.0, -4))
print(ipow(0, -1))
