# `for ... else` and `while ... else` compiled: the else block runs only when no `break` happened.
from numba import njit


@njit
def smallest_divisor(n):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        return n
    return d


@njit
def first_square_above(limit):
    k = 0
    while k * k <= limit:
        k += 1
        if k > 1000:
            break
    else:
        return k
    return -1


print(smallest_divisor(97), smallest_divisor(91), smallest_divisor(2))
print(first_square_above(50), first_square_above(10 ** 7))
