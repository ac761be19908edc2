# compiled: all
# Lists in compiled code: reflected lists and numba.typed.List made, changed, passed and
# returned, with every method compiled code has, and the errors Numba raises.
import numpy as np
from numba import njit, types
from numba.typed import List


@njit
def literals_and_comprehensions(n):
    xs = [3, 1, 2]
    fs = [0.5 * i for i in range(n) if i % 2 == 0]
    grid = [i * 10 + j for i in range(3) for j in range(i)]
    flags = [i > 1 for i in range(4)]
    zs = [complex(i, -i) for i in range(3)]
    return xs, fs, grid, flags, zs


@njit
def inferred_from_append(n):
    out = []
    for i in range(n):
        if i % 3 != 0:
            out.append(i * i)
    evens = []
    for v in out:
        if v % 2 == 0:
            evens.append(v / 2)
    return out, evens


@njit
def methods(n):
    xs = [2 * i + 1 for i in range(n)]
    last = xs.pop()
    first = xs.pop(0)
    xs.insert(1, 100)
    xs.insert(-100, -7)
    xs.insert(100, 99)
    xs.extend([5, 5])
    xs.remove(5)
    count = xs.count(5)
    where = xs.index(100)
    copy = xs.copy()
    xs.reverse()
    copy.sort()
    xs.append(len(copy))
    cleared = [1, 2]
    cleared.clear()
    cleared.append(42)
    return xs, copy, last, first, count, where, cleared


@njit
def slices(n):
    xs = [i for i in range(n)]
    return xs[2:5], xs[::3], xs[::-2], xs[-3:], xs[:-7], xs[5:1:-1], xs[100:]


@njit
def searching(xs, v):
    return v in xs, v not in xs, sum(xs), min(xs), max(xs), sorted(xs)


@njit
def pairs(a):
    ps = []
    for i in range(a.shape[0]):
        ps.append((i, a[i] * 0.5))
    best_i = -1
    best_v = -1.0
    for i, v in ps:
        if v > best_v:
            best_v = v
            best_i = i
    ps.sort()
    return ps, best_i, best_v, ps[2][1]


@njit
def push_all(xs, values):
    for v in values:
        xs.append(v)
    return len(xs)


@njit
def shared_reference(n):
    a = [0] * 1 + []  if False else [0] * 2
    b = a
    for i in range(n):
        b.append(i)
    grown = push_all(a, [10, 20])
    return a, grown


@njit
def reflect(lst, v):
    lst.append(v)
    lst[0] = lst[0] + v
    return len(lst)


@njit
def typed_fill(n):
    lst = List.empty_list(types.float64)
    for i in range(n):
        lst.append(1.0 / (i + 1))
    return lst


@njit
def typed_scale(lst, k):
    for i in range(len(lst)):
        lst[i] = lst[i] * k
    return lst[1:3], 0.5 in lst


@njit
def typed_new():
    t = List()
    t.append(3)
    t.append(4)
    return t


@njit
def read_past_end(xs, i):
    return xs[i]


@njit
def write_past_end(i):
    xs = [1, 2]
    xs[i] = 0
    return xs


@njit
def pop_empty():
    xs = [1.5]
    xs.pop()
    return xs.pop()


@njit
def missing(xs):
    return xs.index(123)


print(literals_and_comprehensions(7))
print(inferred_from_append(12))
print(methods(8))
print(slices(10))
print(searching([4, -2, 9, 0, 9], 9))
print(searching([0.5, 2.5, -1.0], 3.0))
print(pairs(np.array([1.0, 4.0, 3.0, 8.0, 2.0])))
print(shared_reference(3))
plain = [1, 2, 3]
print(reflect(plain, 10), plain)
floats = [0.5, 1.5]
print(push_all(floats, [2.5, 3.5]), floats)
tl = typed_fill(5)
print(type(tl).__name__, len(tl), list(tl))
print(typed_scale(tl, 4.0), list(tl))
host = List()
for v in [3.0, 0.5, 7.25]:
    host.append(v)
print(typed_scale(host, 2.0), list(host))
print(list(typed_new()))
for call in (lambda: read_past_end([1, 2, 3], 3), lambda: read_past_end([1, 2, 3], -4), lambda: write_past_end(2), pop_empty, lambda: missing([1, 2])):
    try:
        call()
    except (IndexError, ValueError) as e:
        print(type(e).__name__, e)


@njit
def slice_assignment():
    # A simple slice takes any number of items (the list grows or shrinks); an extended one
    # takes exactly as many as it selects. Integers stored into a list of floats convert.
    a = [1, 2, 3, 4, 5]
    a[1:3] = [9, 9, 9, 9]
    b = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    b[::2] = [0.5, 0.25, 0.125]
    b[::-2] = [-1.0, -2.0, -3.0]
    c = [1, 2, 3]
    c[5:] = [7]
    c[:0] = [0, 0]
    e = [1, 2, 3, 4, 5]
    e[1:4] = [8]
    e[-1:] = [6, 6]
    f = [1, 2, 3, 4]
    f[1:3] = [10] * 0
    return a, b, c, e, f


@njit
def resize_extended(xs):
    xs[::2] = [0, 0]
    return xs


print(slice_assignment())
try:
    resize_extended([1, 2, 3, 4, 5, 6])
except ValueError as e:
    print("ValueError:", e)
host = [1, 2, 3, 4, 5]
host[1:4] = (7, 8)
host[::-1] = range(4)
print(host)
