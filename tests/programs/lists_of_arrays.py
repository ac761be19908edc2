# compiled: all
# Lists holding arrays and lists in compiled code: made, grown, indexed, iterated, changed in
# place through their items, passed in from the host and returned to it.
import numpy as np
from numba import njit
from numba.typed import List


@njit
def ragged(n):
    parts = []
    for i in range(n):
        parts.append(np.arange(i + 1) * 1.5)
    total = 0.0
    for p in parts:
        total += p.sum()
    return total, len(parts), parts[3][2], parts[-1].shape[0]


@njit
def rows_of(a):
    # Views of a 2-d array's rows: writing through an item writes the array.
    rows = [a[i] for i in range(a.shape[0])]
    for k in range(len(rows)):
        rows[k][0] = -1.0
    rows[1][1:] = 7.0
    return rows


@njit
def blocks(n):
    out = [np.zeros((2, 2)) for _ in range(n)]
    for k in range(n):
        out[k][:, :] = k
        out[k][1, 0] += 0.5
    last = out.pop()
    out.insert(0, last * 2.0)
    return out


@njit
def column_sums(arrays):
    # A reflected list of arrays from the host; appending reflects back.
    sums = np.empty(len(arrays))
    for k in range(len(arrays)):
        sums[k] = arrays[k].sum()
    arrays.append(sums)
    return sums


@njit
def triangle(n):
    rows = [[0] * 0 for _ in range(0)]
    for i in range(n):
        row = [1] * (i + 1)
        for j in range(1, i):
            row[j] = rows[i - 1][j - 1] + rows[i - 1][j]
        rows.append(row)
    return rows


@njit
def grid_walk(rows):
    t = 0
    for r in rows:
        for v in r:
            t += v
    rows[0].append(t)
    return t


@njit
def walk_triangle(n):
    # (Numba cannot reflect a list of lists passed from the host, so it is made here.)
    rows = triangle(n)
    t = grid_walk(rows)
    return t, rows


@njit
def typed_arrays(n):
    out = List()
    for i in range(n):
        out.append(np.ones(i + 1, np.int64) * i)
    return out


print(ragged(6))
a = np.ones((3, 4))
rs = rows_of(a)
print(len(rs), [r.tolist() for r in rs])
print(a)
for b in blocks(3):
    print(b)
host = [np.arange(3.0), np.arange(5.0), np.ones(2)]
print(column_sums(host))
print(len(host), host[-1])
print(triangle(6))
print(walk_triangle(4))
print([x.tolist() for x in typed_arrays(4)])
