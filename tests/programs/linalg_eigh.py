# compiled: all
# np.linalg.eigh and eigvalsh of real symmetric matrices in kernels: eigenvalues in ascending
# order (within rounding of LAPACK's), eigenvectors checked by A v = v diag(w) and v^T v = I
# (each eigenvector is determined only up to its sign, so the vectors are not printed), the
# lower triangle read as numpy's default, repeated and negative eigenvalues.
import numpy as np
from numba import njit


@njit
def spectrum(a):
    w, v = np.linalg.eigh(a)
    n = a.shape[0]
    residual = np.abs(a @ v - v * w).max()
    orth = 0.0
    for i in range(n):
        for j in range(n):
            d = (v[:, i] * v[:, j]).sum() - (1.0 if i == j else 0.0)
            orth = max(orth, abs(d))
    return w, residual < 1e-10, orth < 1e-12, np.abs(np.linalg.eigvalsh(a) - w).max() < 1e-12


np.random.seed(5)
b = np.random.standard_normal((6, 6))
w, ok_residual, ok_orthonormal, same_values = spectrum(b + b.T)
print(np.round(w, 10), ok_residual, ok_orthonormal, same_values)
print(spectrum(np.array([[2.0, 1.0], [1.0, 2.0]]))[0])
print(spectrum(np.array([[3.0, 0.0, 0.0], [0.0, -1.0, 0.0], [0.0, 0.0, 3.0]]))[0])
# Only the lower triangle is read: this is the symmetric matrix [[4, 1], [1, 4]].
print(spectrum(np.array([[4.0, 9.0], [1.0, 4.0]]))[0])
