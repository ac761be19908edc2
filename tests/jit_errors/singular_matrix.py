# Inverting a singular matrix in compiled code raises numpy's LinAlgError, with Numba's message.
import numpy as np
from numba import njit


@njit
def inverse(a):
    return np.linalg.inv(a)


print(inverse(np.array([[2.0, 0.0], [0.0, 4.0]])))
print(inverse(np.array([[1.0, 2.0], [2.0, 4.0]])))
