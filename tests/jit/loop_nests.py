# Loop nests whose bounds checks one precheck covers (or must not cover): each function is
# run where the check passes and where it fails, and must give Python's answer either way.
import numpy as np
from numba import njit


@njit
def matmul_ikj(a, b, c):
    n, k = a.shape
    m = b.shape[1]
    for i in range(n):
        for j in range(m):
            c[i, j] = 0.0
        for p in range(k):
            aip = a[i, p]
            for j in range(m):
                c[i, j] += aip * b[p, j]


@njit
def lower_triangle_sum(a):
    # The inner loop's bounds move with i: it is not part of the outer nest.
    s = 0.0
    for i in range(a.shape[0]):
        for j in range(i + 1):
            s += a[i, j] * (i + 1)
    return s


@njit
def convolve(x, w):
    # x[i + j] with two loop variables; x[i - j + w.shape[0] - 1] with a negative coefficient.
    n = x.shape[0] - w.shape[0] + 1
    out = np.zeros(n)
    back = np.zeros(n)
    for i in range(n):
        for j in range(w.shape[0]):
            out[i] += x[i + j] * w[j]
            back[i] += x[i - j + w.shape[0] - 1] * w[j]
    return out, back


@njit
def strided_pairs(a, n):
    # Coefficients other than one: a[2 * i] and a[2 * i + 1].
    s = 0
    for i in range(n):
        for r in range(2):
            s += a[2 * i + r] * (r + 1)
    return s


@njit
def after_inner_loop(a, n, m):
    # j keeps its last value after the inner loop; the access after it is checked as it is.
    s = 0
    j = 0
    for i in range(n):
        for j in range(m):
            s += a[i, j]
        s += a[i, j] * 100
    return s


@njit
def moved_variable(a, n):
    # The body moves the inner loop variable: the precheck cannot reason about it.
    s = 0
    for i in range(n):
        for j in range(3):
            j = j * 2
            s += a[i, j]
    return s


@njit
def empty_inner(a, n, m):
    s = 0.0
    for i in range(n):
        for j in range(m):
            s += a[i, j]
        s += a[i, 0]
    return s


@njit
def negative_wrap(a):
    # a[i - 1] wraps at i = 0: the precheck fails and the checked nest runs.
    s = 0.0
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            s += a[i - 1, j] * (i + 1) + a[i, -1 - j]
    return s


@njit
def guarded(a, n):
    # Out of range only where a guard stops it: the checked nest must run, and not fail.
    s = 0.0
    for i in range(n):
        for j in range(n):
            if i < a.shape[0] and j < a.shape[1]:
                s += a[i, j]
    return s


@njit
def transposed_sum(a):
    t = a.T
    s = 0.0
    for i in range(t.shape[0]):
        for j in range(t.shape[1]):
            s += t[i, j] * (j + 1)
    return s


@njit
def while_inside(a, n):
    s = 0.0
    for i in range(n):
        k = 0
        while k < 3:
            s += a[i, k]
            k += 1
    return s


@njit
def add_into(out, x, y):
    # When out overlaps x or y, each element must see the ones written before it, as in Python.
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = x[i, j] + y[i, j]


@njit
def ikj_last_values(a, b, c):
    # The loop variables must end as in Python, also when k is not a multiple of a vector.
    n, k = a.shape
    m = b.shape[1]
    p = -1
    aip = 0.0
    j = -1
    for i in range(n):
        for p in range(k):
            aip = a[i, p]
            for j in range(m):
                c[i, j] += aip * b[p, j]
    return p, aip, j


@njit
def same_element(a, b, out):
    # Every j adds into out[i, 0]: any reordering of the loops would change the rounding.
    for i in range(a.shape[0]):
        for p in range(a.shape[1]):
            x = a[i, p]
            for j in range(b.shape[1]):
                out[i, 0] += x * b[p, j]


@njit
def prefix_reads_output(a, c):
    # The prefix reads the row the inner loop writes (at the j the last inner loop ended on):
    # each iteration must see the last one's writes.
    j = 0
    for i in range(c.shape[0]):
        for p in range(c.shape[1]):
            x = c[i, j] * 0.5 + a[i, p]
            for j in range(c.shape[1]):
                c[i, j] += x


a = np.arange(12.0).reshape(3, 4) / 4.0
b = np.arange(20.0).reshape(4, 5) / 5.0
c = np.zeros((3, 5))
matmul_ikj(a, b, c)
print(c)
print(lower_triangle_sum(np.arange(16.0).reshape(4, 4)))
out, back = convolve(np.arange(10.0), np.array([1.0, -2.0, 0.5]))
print(out)
print(back)
ints = np.arange(12)
print(strided_pairs(ints, 6))
grid = np.arange(20).reshape(4, 5)
print(after_inner_loop(grid, 4, 5))
print(after_inner_loop(grid, 4, 0))
print(moved_variable(grid, 4))
print(empty_inner(a, 3, 0))
print(empty_inner(a, 0, 4))
print(negative_wrap(a))
print(guarded(a, 5))
print(transposed_sum(a))
print(while_inside(a, 3))
base = np.ones((1, 40))
add_into(base[:, 1:], base[:, :-1], base[:, :-1])
print(base[0, 30:])
grid2 = np.arange(50.0).reshape(5, 10)
add_into(grid2, grid2, grid2)
print(grid2[4])
rows = np.ones((6, 8))
add_into(rows[1:], rows[:-1], rows[:-1])
print(rows[:, 0])
wide_a = np.arange(21.0).reshape(3, 7) / 3.0
wide_b = np.arange(35.0).reshape(7, 5) / 7.0
wide_c = np.zeros((3, 5))
print(ikj_last_values(wide_a, wide_b, wide_c))
print(wide_c)
print(ikj_last_values(wide_a[:, :2], wide_b[:2], np.zeros((3, 5))))
big = np.array([[1e16, 1.0, -1e16, 1.0, 3.0, -2.0, 1e16, 5.0]])
mixed = np.ones((8, 3))
mixed[::2] = 0.5
acc = np.zeros((1, 1))
same_element(big, mixed, acc)
print(acc[0, 0])
grow = np.ones((2, 6))
prefix_reads_output(np.arange(12.0).reshape(2, 6), grow)
print(grow)

# golden: clif (this program tests code generation: its Cranelift IR is a golden too)
