# Module-level integers past 64 bits: CPython's are unbounded, rhumba's host integers are not,
# so the result is an OverflowError rather than a number that wrapped around. Inside @jit
# functions int64 wraps, as in Numba (tests/programs/int_wrap_in_kernels.py).
x = 2**62
print(x + (x - 1))
print(x + x)
