# compiled: all
# print() inside compiled functions: numbers in Python's text forms (float repr, float32 as the
# Python float Numba boxes it to; 0.5, which the Python package's fallback prints alike), uint64,
# bools, complex), strings, None, several arguments and
# none, prints in loops and in nested calls, interleaved with the host's own prints in order, and
# a line printed before an exception.
import numpy as np
from numba import njit


@njit
def report(n, z, name):
    total = 0
    for i in range(n):
        total += i
    print("total of", n, "is", total)
    print(1.5, 0.1, 1e20, 1e-5, -0.0, np.float32(0.5), np.uint64(7), True, False)
    print(z, z * 1j, -z, complex(0.0, 2.0))
    print("name:", name, name + "!", None)
    print()
    return total


@njit
def inner(k):
    print("inner", k)
    return k * 2


@njit
def outer(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += inner(i) * a[i]
        print("step", i, s)
    return s


@njit
def checked(x):
    print("checking", x)
    if x < 0:
        raise ValueError("negative input")
    return x


print("host first")
print(report(5, 1 + 2j, "añb"))
print("host between")
print(outer(np.array([0.5, 1.5, 2.5])))
print(checked(3))
try:
    checked(-1)
except ValueError as e:
    print("ValueError:", e)
print("host last")
