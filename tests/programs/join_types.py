# A variable's assignments unify where branches join (an int stored where the variable is a
# float on another path is a float), in the interpreter as in compiled code and Numba.
from numba import njit
import numpy as np

@njit
def f(n):
    x = 1.5
    if n > 0:
        x = n * 2
    return x

@njit
def g(n):
    acc = 0.5
    acc = n + 1
    return acc

@njit
def h(n):
    if n > 0:
        return 1
    return 2.5

@njit
def k(a):
    s = 0
    for v in a:
        s += v
    return s

@njit
def flag(n):
    b = True
    if n > 3:
        b = 7
    return b

@njit
def loopy(n):
    t = 0
    for i in range(n):
        t = t + 0.5
    return t

print(f(3), f(-1), g(2**53 + 1), h(1), h(0), k(np.arange(4)), k(np.ones(3)), flag(1), flag(5))
print(loopy(3))
