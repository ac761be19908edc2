# prange array reductions: `acc += row` into whole arrays (1-d and 2-d, in both branches), beside
# scalar reductions in the same loop and inside branches. Every value is an integer-valued float,
# so the sums are exact whatever the chunking; the accumulator is updated in place (another name
# for it sees the result).
import numpy as np
from numba import njit, prange


@njit(parallel=True)
def column_totals(m):
    acc = np.zeros(m.shape[1])
    alias = acc
    count = 0
    for i in prange(m.shape[0]):
        acc += m[i]
        if m[i, 0] > 10.0:
            count += 1
    return alias, count


@njit(parallel=True)
def signed_blocks(stack, flip):
    acc = np.ones((stack.shape[1], stack.shape[2]))
    total = 0.0
    for i in prange(stack.shape[0]):
        if flip[i]:
            acc += -stack[i]
        else:
            acc += stack[i] * 2.0
        total += stack[i, 0, 0]
    return acc, total


m = (np.arange(40) % 7).astype(np.float64).reshape(8, 5) * 3.0
acc, count = column_totals(m)
print(acc, count, m[:, 0].sum())
stack = np.arange(24.0).reshape(6, 2, 2)
acc2, total = signed_blocks(stack, np.array([True, False, False, True, True, False]))
print(acc2, total)
empty_acc, empty_count = column_totals(np.zeros((0, 3)))
print(empty_acc, empty_count)
