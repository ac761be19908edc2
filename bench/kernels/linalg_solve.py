# Benchmark (not a test): np.linalg.solve of a 500x500 system inside a compiled function, the
# issue's yardstick (Numba calls LAPACK through SciPy; rhumba's numpy prelude factorises by LU
# with partial pivoting in compiled code). Prints the residual; timed from outside.
import numpy as np
from numba import njit


@njit
def solve_many(a, b, reps):
    x = np.linalg.solve(a, b)
    for _ in range(reps - 1):
        x = np.linalg.solve(a, b)
    return x


n = 500
a = np.cos(np.arange(n * n).reshape(n, n) * 0.37) + np.eye(n) * n
b = np.sin(np.arange(n) * 0.11)
x = solve_many(a, b, 5)
print(float(np.abs(a @ x - b).max()) < 1e-9)
