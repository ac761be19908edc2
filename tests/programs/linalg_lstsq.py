# compiled: all
# np.linalg.lstsq in kernels (numpy's default rcond): tall systems with one and several
# right-hand sides (residuals returned), a wide system (minimum-norm solution, no residuals),
# and a rank-deficient matrix (its rank and singular values); values rounded to 8 places.
import numpy as np
from numba import njit


@njit
def fit(a, b):
    return np.linalg.lstsq(a, b)


np.random.seed(2)
a = np.random.standard_normal((8, 3))
for args in [(a, np.random.standard_normal(8)), (a, np.random.standard_normal((8, 2))), (a.T.copy(), np.random.standard_normal(3)), (np.array([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]]), np.array([1.0, 2.0, 3.0]))]:
    x, res, rank, s = fit(*args)
    print(np.round(x, 8), np.round(res, 8), rank, np.round(s, 8))
