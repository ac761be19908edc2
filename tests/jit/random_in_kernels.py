# np.random inside kernels uses Numba's own generator, seeded inside the kernel: seed, random,
# randn and randint draw the same numbers as Numba's (checked against python3 + numba).
import numpy as np
from numba import njit


@njit
def draws(seed):
    np.random.seed(seed)
    a = np.random.randint(0, 10)
    b = np.random.randint(0, 10)
    c = np.random.randint(5, 1000)
    d = np.random.random()
    e = np.random.randn()
    f = np.random.randn()
    return a, b, c, d, e, f


print(draws(3))
print(draws(12345))
