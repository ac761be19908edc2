# Float floor division and modulo: signed zeros, infinities, NaN, mixed signs, float32.
import numpy as np
from numba import njit

inf = float("inf")
nan = float("nan")


@njit
def divmod_pair(a, b):
    return a // b, a % b


@njit
def true_div(a, b):
    return a / b


for a in (7.5, -7.5, 0.0, -0.0, 5.0, -5.0, 1e308, inf, -inf, nan):
    for b in (2.0, -2.0, 1.0, 0.5, inf, -inf, nan, 1e-308):
        print(a, b, divmod_pair(a, b))
print(divmod_pair(np.float32(7.5), np.float32(-2.0)), divmod_pair(np.float32(-0.0), np.float32(1.0)))
print(divmod_pair(7, 2.5), divmod_pair(-7, 2.5), true_div(1, 3), true_div(-0.0, 5.0))
print(divmod_pair(1.0, 0.0))
