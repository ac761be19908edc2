# compiled: all
# Inner functions and lambdas inside compiled functions: captured variables,
# several statements and loops, calls of other compiled functions, errors inside them.
import numpy as np
from numba import njit


@njit
def scale(x):
    return 2.0 * x


@njit
def weighted(a, k):
    def weight(v):
        return v * k + 1.0

    s = 0.0
    for i in range(a.shape[0]):
        s += weight(a[i])
    return s


@njit
def lambdas(n):
    sq = lambda t: t * t - 1
    shifted = lambda t, u: scale(t) + u
    acc = 0
    total = 0.0
    for i in range(n):
        acc += sq(i)
        total += shifted(i, 0.5)
    return acc, total


@njit
def inner_with_loops(a):
    def running_max(arr, start):
        best = arr[start]
        for j in range(start, arr.shape[0]):
            if arr[j] > best:
                best = arr[j]
        return best

    def count_above(arr, t):
        c = 0
        for v in arr:
            if v > t:
                c += 1
        return c

    return running_max(a, 2), count_above(a, a.mean())


@njit(boundscheck=True)
def inner_error(a, i):
    def at(j):
        return a[j]

    return at(i)


print(weighted(np.arange(5.0), 3.0))
print(lambdas(10))
print(inner_with_loops(np.array([3.0, 9.0, 1.0, 7.0, 4.0, 8.0])))
try:
    inner_error(np.arange(3.0), 5)
except IndexError as e:
    print("IndexError raised in the inner function")
