# Python's integer and float semantics on the host, and Numba's int64 wraparound in kernels.
import math
from numba import njit


@njit
def wrap_mul(a, b):
    return a * b


@njit
def mix(a, b):
    return a // b, a % b, a / b


for a, b in ((7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5)):
    print(a // b, a % b, a / b, divmod(a, b))
for x, y in ((7.5, 2.0), (-7.5, 2.0), (7.5, -2.0), (-0.0, 3.0)):
    print(x // y, x % y, math.fmod(x, y))
print(2 ** 10, 2 ** 0.5, (-8) ** 3, 10 ** -2, 0.5 ** 3)
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 == 2, 1 == 1.0)
print(0 or 5, 3 and 4, None or "x", not 0, not [1])
print(5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 10, -256 >> 4)
print(round(2.5), round(3.5), round(-0.5), round(2.675, 2), round(7), round(1234.5678, -2))
print(int(2.9), int(-2.9), int("42"), float("1e-3"), float(3), bool(0.0), bool("a"))
print(abs(-3), abs(-2.5), min(3, 1, 2), max(2.5, -1), min([4, 2, 8]), max((1, 9, 3)))
print(math.floor(-2.5), math.ceil(2.1), math.trunc(-3.7), math.sqrt(2.0), math.hypot(3.0, 4.0))
print(math.isnan(math.nan), math.isinf(-math.inf), math.pi, math.e)
print(math.log(8, 2), math.log10(1000.0), math.exp(1.0), math.atan2(1.0, -1.0))
print(math.erf(0.5), math.gamma(5.0), math.lgamma(10.0), math.expm1(1e-10), math.log1p(1e-10))
print(wrap_mul(3037000500, 3037000500), wrap_mul(-9223372036854775807, 3))
q, r, d = mix(-17, 5)
print(q, r, d)
print(0.1 + 0.2, 1e16, 1e-05, 123456789.123, -0.0, 1.0 / 3.0, 2.0 ** 70, 1e300 * 10)
print(float("inf"), float("-inf"), float("nan"), 5e-324, 1.7976931348623157e308)
