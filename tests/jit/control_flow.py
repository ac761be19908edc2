# Loops and branches compiled: while/break/continue, negative steps, short-circuit logic, recursion.
from numba import njit


@njit
def collatz(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


@njit
def skip_and_stop(n):
    total = 0
    for i in range(n, 0, -1):
        if i % 3 == 0:
            continue
        if total > 100:
            break
        total += i
    return total, i


@njit
def logic(a, b):
    return (a > 0 and b > 0), (a > 0 or b > 0), not (a == b), 0 < a < 10


@njit
def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


@njit
def pick(x):
    return 1.5 if x > 0 else -1


print(collatz(27), skip_and_stop(50), skip_and_stop(5))
print(logic(1, 2), logic(-1, 2), logic(0, 0))
print(ackermann(2, 3), pick(3), pick(-3))
