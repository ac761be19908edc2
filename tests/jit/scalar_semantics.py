# Numba's scalar rules, compiled: wraparound, floor division and modulo, promotion, casts.
import math
from numba import njit


@njit
def int_ops(a, b):
    return a // b, a % b, a * b, a - b, a ** 3, -a, abs(b), a & b, a | b, a ^ b, a << 3, a >> 2


@njit
def float_ops(x, y):
    return x // y, x % y, x / y, x ** y, min(x, y), max(x, y), abs(-x)


@njit
def mixed(i, x):
    y = i
    y = y + x
    return y, i / 2, int(x), float(i), round(x), math.floor(x), math.ceil(x), i > x


@njit
def wrap():
    big = 9223372036854775807
    return big + 1, -big - 2, big * 2


@njit
def library(x):
    return math.sqrt(x), math.exp(x), math.log(x), math.sin(x), math.atan2(x, 2.0), math.hypot(x, 3.0), math.isnan(x), math.isinf(x)


print(int_ops(17, 5), int_ops(-17, 5), int_ops(17, -5))
print(float_ops(7.5, 2.0), float_ops(-7.5, 2.0))
print(mixed(7, 2.5), mixed(-3, -2.5))
print(wrap())
print(library(1.5))

# golden: clif (this program tests code generation: its Cranelift IR is a golden too)
