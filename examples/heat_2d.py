# Explicit 2-D heat diffusion on a square plate with a hot edge, buffers swapped each step.
import numpy as np
from numba import njit


@njit
def step(u, un, alpha):
    n, m = u.shape
    for i in range(1, n - 1):
        for j in range(1, m - 1):
            un[i, j] = u[i, j] + alpha * (u[i + 1, j] + u[i - 1, j] + u[i, j + 1] + u[i, j - 1] - 4.0 * u[i, j])


@njit
def simulate(u, steps, alpha):
    un = u.copy()
    for _ in range(steps):
        step(u, un, alpha)
        u, un = un, u
    return u


plate = np.zeros((32, 32))
plate[0, :] = 100.0
result = simulate(plate, 200, 0.2)
print(float(result.sum()), float(result[16, 16]), float(result[1, 16]))
print(np.round(result[1:5, 14:18], 3))
