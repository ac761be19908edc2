# compiled: all
# Dicts of string keys in compiled code (Numba's DictType[unicode_type, ...]): a word count
# over split text, lookups with `in`, `get` and `[]`, deletion, iteration in insertion order,
# string values, typed dicts passed in from the host and changed there, dicts returned to the
# host (printed as Numba prints typed dicts: keys and values with `str`).
from numba import njit, types
from numba.typed import Dict


@njit
def count(text):
    counts = {}
    for w in text.split():
        if w in counts:
            counts[w] += 1
        else:
            counts[w] = 1
    return counts


@njit
def lookup(d, k):
    return d.get(k, -1), k in d, len(d)


@njit
def rename(d, old, new):
    d[new] = d[old]
    del d[old]
    total = 0
    keys = ""
    for k in d:
        total += d[k]
        keys += k + ","
    return total, keys


@njit
def describe(d):
    d["zeta"] = "last"
    out = ""
    for k, v in d.items():
        out += k + "=" + v + ";"
    return out


c = count("the cat and the dog and the bird")
print(c)
print(lookup(c, "the"), lookup(c, "fish"), lookup(c, ""))
print(rename(c, "dog", "wolf"), c)
td = Dict.empty(key_type=types.unicode_type, value_type=types.int64)
td["x"] = 5
td["yy"] = 7
print(lookup(td, "yy"), lookup(td, "y"))
sd = Dict.empty(key_type=types.unicode_type, value_type=types.unicode_type)
sd["alpha"] = "a"
sd["beta"] = "b b"
print(describe(sd), sd)
try:
    rename(td, "missing", "other")
except KeyError as e:
    print("KeyError", e)
