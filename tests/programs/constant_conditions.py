# Constant conditions are pruned before typing, as Numba prunes them: a branch that can never
# run may hold code that would not type (`x + "a"` on an int). Integer arithmetic on literals is
# folded with Python's integers, as CPython's compiler folds it before Numba sees it.
from numba import njit

DEBUG = 0


@njit
def checked(x):
    if False:
        return x + "a"
    if DEBUG:
        print("debug", x)
    if not DEBUG:
        x = x * 2
    while 0:
        x = x + "never"
    return x


@njit
def literals():
    return -(2**63), 7 // -2, -7 % 3, 1 << 62, ~5, 2**62 + (2**62 - 1)


print(checked(4))
print(literals())
