# Integer floor division and modulo at their corners: signs, INT64_MIN // -1, constant divisors.
from numba import njit

INT64_MIN = -9223372036854775807 - 1


@njit
def divmod_pair(a, b):
    return a // b, a % b


@njit
def by_constants(a):
    return a // 8, a % 8, a // 7, a % 7, a // -1, a % -1, a // -8, a % -8, a // 1, a % 1


@njit
def in_loop(n, d):
    # The divisor is loop-invariant but only known at run time.
    s = 0
    for i in range(-n, n):
        s += i // d + i % d
    return s


for a in (17, -17, 0, 1, -1, 9223372036854775807, INT64_MIN):
    for b in (5, -5, 1, -1, 2, -2, 9223372036854775807, INT64_MIN):
        print(a, b, divmod_pair(a, b))
for a in (17, -17, 0, -1, 9223372036854775807, INT64_MIN):
    print(a, by_constants(a))
print(in_loop(50, 7), in_loop(50, -7), in_loop(50, 1), in_loop(50, -1))
print(divmod_pair(7, 0))
