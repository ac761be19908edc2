# compiled: all
# Strings in compiled code: literals, +, +=, len, indexing, slicing, ==, in, iteration,
# ord/chr, str(int), f-strings, ordering, the common methods (split, join, strip, replace, find,
# index, count, upper, ...), lists of strings, strings
# passed in and returned.
from numba import njit


@njit
def basics(s, t):
    u = s + "-" + t
    return u, len(u), u[0], u[-1], u[2:5], u[::-1], u[::2], s == t, u[6:] == t, "lo" in u, "xyz" not in u


@njit
def digits_of(n):
    return str(n), len(str(n)), str(-n)


@njit
def shift(s, k):
    out = ""
    for c in s:
        o = ord(c)
        if ord("a") <= o <= ord("z"):
            out += chr((o - ord("a") + k) % 26 + ord("a"))
        else:
            out += c
    return out


@njit
def words(text):
    parts = text.split(",")
    numbers = 0
    longest = ""
    for w in parts:
        if w.isdigit():
            numbers += 1
        elif len(w) > len(longest):
            longest = w
    return parts, numbers, longest, text.find("b"), text.startswith("a,")


@njit
def label(name, n):
    return f"{name}[{n}]=" + str(n * n)


@njit
def unicode(s):
    return len(s), ord(s[1]), s[1:] + chr(955)


@njit
def at(s, i):
    return s[i]


@njit
def shout(names):
    for i in range(len(names)):
        names[i] = names[i] + "!"
    names.append("end")
    return len(names)



@njit
def methods(s, t):
    parts = s.split()
    return (s < t, s <= t, s > t, t >= s, "ab" < "abc", "" < "a",
            s.endswith("ld"), s.rfind("o"), s.index("w"), s.count("l"), s.count(""),
            s.replace("l", "L"), s.replace("", "-"), "-".join(parts), ", ".join(["a"]),
            "  pad \t\n".strip(), "xxhixx".strip("x"), "  a ".lstrip(), "  a ".rstrip(),
            s.upper(), "MiXeD 12".lower(), " \t".isspace(), "AB1".isupper(), "ab".islower(),
            "12".isupper(), len(parts), parts[1])


@njit
def missing(s):
    return s.index("zzz")

print(basics("hello", "world"))
print(digits_of(0), digits_of(7), digits_of(-120034), digits_of(9223372036854775807))
print(shift("hello, world! xyz", 3), shift(shift("abc", 5), -5))
print(words("a,bb,42,ccc,,7"))
print(label("x", 12))
print(unicode("añb"))
ns = ["a", "bc"]
print(shout(ns), ns)
try:
    at("abc", 3)
except IndexError as e:
    print("IndexError", e)
print(methods("hello world", "help"))
try:
    missing("abc")
except ValueError as e:
    print("ValueError", e)
