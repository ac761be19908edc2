# A uint64 result past int64's range: Numba returns a Python int, the host interpreter has no
# unsigned scalar yet, so it is an OverflowError rather than a negative number.
from numba import njit


@njit
def big():
    return 2**63 + 5


print("small", 2**62)
print(big())
