# NaN in min, max and comparisons; negative zero through arithmetic and rounding.
import math
from numba import njit

nan = float("nan")


@njit
def pick(a, b):
    return min(a, b), max(a, b), a < b, a <= b, a == b, a != b, a > b


@njit
def signed_zero(x):
    return -x, x * -1.0, abs(x), x + 0.0, x - 0.0, math.copysign(1.0, x), math.floor(x), math.ceil(x), round(x)


@njit
def chained(a, b, c):
    return a < b < c, a < b > c, not (a < b)


for a, b in ((1.0, nan), (nan, 1.0), (nan, nan), (0.0, -0.0), (-0.0, 0.0), (1.0, 2.0)):
    print(a, b, pick(a, b))
for x in (0.0, -0.0, -0.4, 0.4, -0.5, 0.5, 1.5, 2.5):
    print(x, signed_zero(x))
print(chained(1.0, 2.0, 3.0), chained(1.0, nan, 3.0), chained(3, 2, 1))
