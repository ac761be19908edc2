# Compiled recursion deeper than the thread's stack raises RecursionError (checked on entry to
# recursive functions only) instead of overflowing the stack and aborting; the output printed
# before it stays.
from numba import njit


@njit
def depth(n):
    if n == 0:
        return 0
    inner = depth(n - 1)
    return inner + 1


print(depth(1000))
print(depth(10**8))
