# An exception class of the program's own, raised in a compiled callee with run-time arguments
# and not caught: the traceback passes through both compiled frames and prints the arguments
# as Python does.
from numba import njit


class BudgetError(Exception):
    pass


@njit
def charge(total, cost, budget):
    if total + cost > budget:
        raise BudgetError("over budget by", total + cost - budget, 0.5)
    return total + cost


@njit
def spend(costs, budget):
    total = 0
    for c in costs:
        total = charge(total, c, budget)
    return total


print(spend((3, 4), 10))
print(spend((3, 4, 5), 10))
