# Shifts up to the width, negative numbers shifted right, and bitwise operators on int64.
from numba import njit


@njit
def shifts(a, b):
    return a << b, a >> b


@njit
def bits(a, b):
    return a & b, a | b, a ^ b, ~a


for a in (1, -1, 12345, -12345, 9223372036854775807, -9223372036854775807 - 1):
    for b in (0, 1, 3, 62, 63):
        print(a, b, shifts(a, b))
    print(a, bits(a, 0x0F0F), bits(a, -2))
