# Each assignment is typed on its own where its value never meets another (Numba's SSA
# versions): a dead `acc = 0.5` does not make `acc = n + 1` a float (which would be wrong past
# 2**53), a variable reassigned with a float after its int value was last used keeps both,
# and a loop variable reassigned in its body does not change the iteration.
import numpy as np
from numba import njit


@njit
def dead_float(n):
    acc = 0.5
    acc = n + 1
    return acc


@njit
def two_lives(n):
    x = 1
    y = x + 1
    x = 2.5 * n
    return x, y


@njit
def halves(n):
    t = 0
    for i in range(n):
        t = t + i
    t = t * 0.5
    return t


@njit
def reassigned_loop_variable(a):
    s = 0
    for j in range(3):
        j = j * 2
        s += a[j]
    return s


print(dead_float(2**60))
print(two_lives(3))
print(halves(10))
print(reassigned_loop_variable(np.arange(10)))
