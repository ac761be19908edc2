# A float raised to an integer power, as Numba computes it: repeated squaring (whose last bits
# differ from the C library's pow), 1 / x**n for negative n, and ZeroDivisionError when that
# power is zero; a float exponent uses pow. A CUDA-free program: the GPU path is in cuda_division.
from numba import njit


@njit
def power(x, n):
    return x ** n


@njit
def literal_powers(x):
    return x ** 2, x ** 3, x ** 7, x ** -2, x ** 0


@njit
def float_exponent(x, y):
    return x ** y


for x in (1.1, 0.7, 3.3, 1.0001, 2.5, 9.87654321, -1.5, 0.0):
    print(x, [power(x, n) for n in (0, 1, 3, 5, 7, 11, 13, 20, 64)])
for x in (1.1, 3.3, 1.0001, -1.5, 2.0):
    print(x, [power(x, n) for n in (-1, -3, -20)], literal_powers(x))
print(power(2.0, 70000), power(1.0000001, 100000), float_exponent(1.1, 13.0), float_exponent(0.0, -1.0))
print(power(1e-200, -2))
