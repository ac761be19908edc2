# Dicts, Numba's typed containers and strings (these functions run interpreted with a note until
# compiled containers land): literals with repeated and mixed keys (1, 1.0 and True are one
# key), tuple keys, get/pop/setdefault/update/items/keys/values/copy/popitem, del, KeyError,
# typed Dict and List from the host and inside @njit, str methods, ord/chr.
import numpy as np
from numba import njit, types
from numba.typed import Dict, List


@njit
def histogram_of(a):
    counts = {}
    for v in a:
        if v in counts:
            counts[v] += 1
        else:
            counts[v] = 1
    return counts


@njit
def tuple_keys(n):
    d = {(0, 0): -1}
    for i in range(n):
        d[(i, i * i % 5)] = i
    del d[(0, 0)]
    return sorted(d.items()), (2, 4) in d, len(d)


@njit
def words(text):
    out = []
    for w in text.split(" "):
        w = w.strip(".,")
        if w.isdigit():
            out.append(100 + len(w))
        elif len(w) > 0:
            out.append(ord(w[0]) - ord("a"))
    return out


def host_dicts():
    d = {1: "one", 2.0: "two", True: "TRUE", "k": [1, 2]}
    print(d, len(d), d[1], d.get(3), d.get(3, "none"), 2 in d, "k" in d)
    d.update({5: "five"})
    print(d.setdefault(6, "six"), d.setdefault(5, "x"), d.pop(2.0), d.pop(9, "gone"))
    e = d.copy()
    print(e.popitem(), list(e.keys()), list(e.values()), list(e.items())[0])
    del d[1]
    print(d, bool({}), bool(d), dict(), type(d).__name__)
    try:
        d[42]
    except KeyError as err:
        print("KeyError", err.args)
    try:
        {[1]: 2}
    except TypeError as err:
        print("TypeError", err)


c = histogram_of(np.array([3, 1, 3, 2, 3, 1]))
print(type(c).__name__, sorted(c.items()))
print(tuple_keys(7))
print(words("the 42 quick foxes, 7 jumped."))
host_dicts()
td = Dict.empty(key_type=types.int64, value_type=types.float64)
td[3] = 1.5
td[1] = -2.0
print(type(td).__name__, sorted(td.items()), len(td))
tl = List()
tl.append(2.5)
tl.extend([1.0, 4.0])
print(type(tl).__name__, list(tl), len(tl), type([1]).__name__)
s = "Hello, World"
print(s.find("o"), s.rfind("o"), s.index("W"), s.count("l"), s.lower(), s.upper(), s.lstrip("He"), s.rstrip("dl"))
print(chr(65) + chr(0x3b1), ord("A"), ord("α"), "12".isdigit(), "1a".isdigit(), "".isdigit(), "ab".isalpha())
