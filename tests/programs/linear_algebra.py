# np.dot and `@` for every pairing of 1-d and 2-d operands, and np.linalg's solve, inv, det and
# norm (vector orders None, 1, 2, inf, -inf, 0, 3; the Frobenius norm of a matrix), compiled
# through the numpy prelude (LU with partial pivoting, as LAPACK pivots).
import numpy as np
from numba import njit


@njit
def products(u, v, m, a):
    return np.dot(u, v), u @ v, np.dot(m, v), m @ v, np.dot(u, m), u @ m, a @ a.T, np.dot(a.T, a)


@njit
def solving(a, b):
    x = np.linalg.solve(a, b)
    ai = np.linalg.inv(a)
    n = a.shape[0]
    return x, np.abs(ai @ b - x).max() < 1e-12, abs(np.trace(ai @ a) - n) < 1e-12, np.linalg.det(a), np.abs(a @ x - b).max() < 1e-12


@njit
def norms(v, m):
    return (np.linalg.norm(v), np.linalg.norm(v, 1), np.linalg.norm(v, 2), np.linalg.norm(v, np.inf),
            np.linalg.norm(v, -np.inf), np.linalg.norm(v, 0), np.linalg.norm(v, 3), np.linalg.norm(m))


u = np.array([1.0, 2.0, -3.0])
v = np.array([0.5, -1.0, 4.0])
m = np.arange(9.0).reshape(3, 3) - 4.0
a = np.array([[2.0, 1.0, 0.0, 1.0], [1.0, 3.0, 1.0, 0.0], [0.0, 1.0, 4.0, 1.0]])
print(products(u, v, m, a))
A = np.array([[4.0, -2.0, 1.0], [-2.0, 4.0, -2.0], [1.0, -2.0, 4.0]])
print(solving(A, np.array([11.0, -16.0, 17.0])))
print(solving(np.array([[0.0, 2.0], [3.0, 1.0]]), np.array([2.0, 5.0])))
print(norms(np.array([3.0, -4.0, 0.0, 12.0]), m))
