import numpy as np
from numba import njit, prange as pr, float64


@njit(float64(float64[:, ::1], int64), parallel=True, fastmath=True)
def f(a: float64[:], n: int = 3) -> float64:
    x, y = a.shape
    z = -x ** 2 if x > 0 and not y else (lambda q: q)(1)
    w = [i * j for i in range(n) for j in pr(i) if i != j]
    a[1:-1, ::2] += 1e-5 * .5 @ b
    while 0 < x <= 10 is not None:
        x //= 2; continue
    for i, (j, k) in enumerate(zip(a, b)):
        break
    else:
        pass
    assert x, "message"
    print(f"{x:.3f} and {y!r}", sep="", end="\n")
    return (x, y)
