# An array updated as a whole in a prange body and also read there is not a reduction: a race,
# refused at compile time.
import numpy as np
from numba import njit, prange
@njit(parallel=True)
def f(m):
    acc = np.zeros(m.shape[1])
    s = 0.0
    for i in prange(m.shape[0]):
        acc += m[i]
        s += acc[0]
    return acc, s
print(f(np.ones((4, 2))))
