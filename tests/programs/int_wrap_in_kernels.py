# Inside @jit functions int64 arithmetic wraps around, as in Numba, also when the function runs
# interpreted (--no-jit); host code raises OverflowError instead (tests/errors/host_int_overflow.py).
from numba import njit


@njit
def double(x):
    return x + x, x * 4, -(x - x - x - x)


print(double(2**62))
