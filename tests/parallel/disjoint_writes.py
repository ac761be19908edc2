# prange bodies whose writes are proved disjoint: no warning, and the same answer at any thread
# count. Stencils read neighbours of an array they do not write; rows are written through views
# and through a called function given a row; the even and odd halves of one array are written
# at 2*i and 2*i + 1; a private temporary is assigned before it is read in each iteration.
import numpy as np
from numba import njit, prange


@njit
def fill_row(row, v):
    for j in range(row.shape[0]):
        row[j] = v * j


@njit(parallel=True)
def kernels(a, out, grid):
    n = a.shape[0]
    for i in prange(1, n - 1):
        out[i] = a[i - 1] + 2.0 * a[i] + a[i + 1]
    for i in prange(grid.shape[0]):
        fill_row(grid[i], i + 1.0)
    halves = np.zeros(2 * n)
    for i in prange(n):
        tmp = a[i] * 3.0
        halves[2 * i] = tmp
        halves[2 * i + 1] = -tmp
    for i in prange(n):
        a[i] = a[i] * 0.5
    return halves


a = np.arange(8.0)
out = np.zeros(8)
grid = np.zeros((3, 4))
halves = kernels(a, out, grid)
print(out)
print(grid)
print(halves)
print(a)
