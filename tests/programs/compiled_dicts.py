# compiled: all
# Dicts in compiled code (Numba's typed Dict): made, changed, passed and returned, with the
# methods compiled code has and the errors Numba raises.
import numpy as np
from numba import njit, types
from numba.typed import Dict


@njit
def count(values):
    counts = {}
    for v in values:
        if v in counts:
            counts[v] += 1
        else:
            counts[v] = 1
    return counts


@njit
def literal_ops():
    d = {1: 1.5, 2: 2.5, 3: 3.5}
    d[4] = 4
    d[2] = -2.0
    had = 3 in d
    del d[3]
    missing = 3 not in d
    first = d.pop(1)
    fallback = d.pop(99, -1.0)
    got = d.get(7, 0.25)
    absent = d.get(7)
    present = d.get(4)
    kept = d.setdefault(2, 100.0)
    added = d.setdefault(8, 8.5)
    keys = 0
    for k in d:
        keys += k
    values = 0.0
    for v in d.values():
        values += v
    order = [k for k in d.keys()]
    return had, missing, first, fallback, got, absent is None, present, kept, added, len(d), keys, values, order


@njit
def tuple_keys(n):
    d = {}
    for i in range(n):
        for j in range(n):
            if (i + j) % 3 == 0:
                d[(i, j)] = i * 10 + j
    total = 0
    for key, v in d.items():
        if key[0] < key[1]:
            total += v
    return len(d), total, d[(1, 2)], (2, 2) in d


@njit
def float_keys():
    d = Dict.empty(key_type=types.float64, value_type=types.int64)
    d[0.0] = 1
    d[0.0] += 10
    d[2.5] = 3
    return d[0.0], len(d), 2.5 in d, 2 in d


@njit
def complex_values(n):
    d = Dict.empty(types.int64, types.complex128)
    for i in range(n):
        d[i] = complex(i, -i)
    return d, d.copy()


@njit
def update(table, keys):
    s = 0.0
    misses = 0
    for k in keys:
        if k in table:
            s += table[k]
        else:
            misses += 1
    table[-1] = s
    return s, misses


@njit
def lookup(d, k):
    return d[k]


@njit
def remove(d, k):
    del d[k]


print(sorted(count(np.array([3, 7, 3, 1, 9, 7, 3, 1, 1, 4, 1])).items()))
print(type(count(np.array([1]))).__name__)
print(literal_ops())
print(tuple_keys(5))
print(float_keys())
print(complex_values(3))
host = Dict.empty(key_type=types.int64, value_type=types.float64)
host[2] = 0.5
host[5] = 4.0
host[11] = -1.25
print(update(host, np.array([2, 3, 5, 11, 12, 5])))
print(sorted(host.items()))
for call in (lambda: lookup(host, 12), lambda: lookup(Dict.empty(types.float64, types.int64) if False else {0.5: 1} if False else host, 13), lambda: remove(host, 99), lambda: lookup(tuple_dict, (9, 9))):
    try:
        tuple_dict = Dict.empty(types.UniTuple(types.int64, 2), types.int64)
        tuple_dict[(1, 1)] = 1
        call()
    except KeyError as e:
        print("KeyError", e)


@njit
def merge_pop_clear(n):
    # update() converts the other dict's values as a store would; popitem() takes the last entry
    # stored; clear() empties the dict, which stays usable.
    d = {}
    for i in range(n):
        d[i] = i * 1.5
    d.update({100: 2, 3: -1})
    k, v = d.popitem()
    k2, v2 = d.popitem()
    s = 0.0
    for key, val in d.items():
        s += key * val
    m = len(d)
    d.clear()
    d[7] = 1.0
    return k, v, k2, v2, s, m, len(d), d[7]


@njit
def pop_empty():
    d = {1: 2}
    d.clear()
    return d.popitem()


print(merge_pop_clear(10))
try:
    pop_empty()
except KeyError as e:
    print("KeyError", repr(e))
