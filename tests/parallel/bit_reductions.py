# Reductions Numba does not accept in prange (`|=` and `&=` on ints and bools), and a reduction
# updated in two branches; checked against the interpreter with 1, 2 and 3 threads.
import numpy as np
from numba import njit, prange


@njit(parallel=True)
def bits(n):
    any_bits = 0
    all_bits = -1
    seen_big = False
    all_small = True
    balance = 0
    for i in prange(n):
        any_bits |= i & 0x55
        all_bits &= i | 0x0F
        seen_big |= i > 90
        all_small &= i < 1000
        if i % 2 == 0:
            balance += i
        else:
            balance -= 1
    return any_bits, all_bits, seen_big, all_small, balance


@njit(parallel=True)
def clipped_sum(a, lo, hi):
    s = 0.0
    worst = -np.inf
    for i in prange(a.shape[0]):
        v = a[i]
        if v < lo:
            v = lo
        if v > hi:
            v = hi
        s += v
        worst = max(worst, a[i] - v)
    return s, worst


print(bits(100), bits(1))
print(clipped_sum(np.sin(np.arange(1000) * 0.01) * 3.0, -1.0, 1.5))
