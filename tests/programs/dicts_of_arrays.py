# compiled: all
# Dicts of arrays and of typed lists in compiled code (grouping by key), and numba.typed.List
# made from a list or a 1-d array; stores convert to the item type as Numba's do.
import numpy as np
from numba import njit
from numba.typed import Dict, List
from numba import types


@njit
def groups(labels, values):
    # Values gathered per label: a dict of lists, then a dict of arrays.
    members = {}
    for i in range(labels.shape[0]):
        k = labels[i]
        if k not in members:
            members[k] = List([values[i]])
        else:
            members[k].append(values[i])
    means = {}
    for k, vs in members.items():
        a = np.empty(len(vs))
        for j in range(len(vs)):
            a[j] = vs[j]
        means[k] = a
    out = {}
    for k in means:
        out[k] = means[k].mean()
    return members, means, out


@njit
def arrays_by_key(n):
    d = {}
    for i in range(n):
        d[i] = np.arange(i + 1.0)
    d[0][0] = 42.0
    d.setdefault(99, np.zeros(2))
    total = 0.0
    for v in d.values():
        total += v.sum()
    return d, total


m, a, o = groups(np.array([3, 1, 3, 2, 1, 3]), np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]))
print(sorted((k, list(v)) for k, v in m.items()))
print(sorted((k, v.tolist()) for k, v in a.items()))
print(sorted(o.items()))
d, t = arrays_by_key(4)
print([(k, v.tolist()) for k, v in d.items()], t)


@njit
def typed_from():
    a = List(np.arange(3))
    b = List(np.ones(2, np.float32))
    c = List([1.5, 2.5])
    c.append(3)
    c.insert(0, 7)
    c[1] = 1
    return a, b, c, a[2] + 1, b[0] / 3


a, b, c, x, y = typed_from()
print(list(a), list(b), list(c), x, y)
