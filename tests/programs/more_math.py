# math functions and numpy ufuncs that used to send the whole function to the interpreter:
# inverse hyperbolics, copysign, degrees/radians, and np.sign/round/rint on arrays.
import math
import numpy as np
from numba import njit


@njit
def scalar_math(x):
    return (math.asinh(x), math.acosh(x + 2.0), math.atanh(x / 2.0), math.copysign(x, -1.0),
            math.degrees(x), math.radians(x), np.arcsinh(x), np.copysign(2.0, -x))


@njit
def rounding(a):
    return np.sign(a) + np.round(a) + np.rint(a)


@njit
def int_rounding(a):
    return np.sign(a), np.round(a)


print(scalar_math(0.7))
print(scalar_math(-0.25))
print(rounding(np.array([-1.5, 0.5, 2.5, 0.0, np.nan, 3.7])))
print(int_rounding(np.array([-3, 0, 5])))
