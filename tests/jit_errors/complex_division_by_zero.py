# A complex number divided by zero in compiled code raises CPython's ZeroDivisionError, as Numba's
# complex division does; dividing by a nonzero number with signed-zero parts does not.
from numba import njit


@njit
def ratio(a, b):
    return a / b


print(ratio(1 + 2j, complex(-0.0, 1.0)))
print(ratio(1 + 2j, 0j))
