# range() with steps known only at run time: empty, negative, large, near the int64 limits; zero.
from numba import njit


@njit
def count_and_sum(lo, hi, step):
    n = 0
    s = 0
    last = -1
    for i in range(lo, hi, step):
        n += 1
        s += i
        last = i
    return n, s, last


for lo, hi, step in ((0, 10, 1), (0, 10, 3), (10, 0, -1), (10, 0, -3), (0, 10, -1), (10, 0, 2),
                     (5, 5, 1), (-5, 5, 4), (5, -5, -4), (0, 1, 1000), (-3, -10, -2),
                     (9223372036854775800, 9223372036854775807, 3),
                     (-9223372036854775800, -9223372036854775807 - 1, -3)):
    print(lo, hi, step, count_and_sum(lo, hi, step))
print(count_and_sum(0, 10, 0))
