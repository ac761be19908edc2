# Classes in host code and jitclasses (plain classes interpreted, jitclass methods compiled):
# __init__, methods calling methods, properties, static methods, class attributes, fields
# updated in place (+= on numbers and array fields), instances passed to @njit functions and
# made inside them, linked structures through deferred_type and optional.
import numpy as np
from numba import njit, int64, float64, deferred_type, optional
from numba.experimental import jitclass


class Counter:
    """A plain class."""

    unit = "items"

    def __init__(self, start):
        self.n = start
        self.history = []

    def bump(self, k=1):
        self.n += k
        self.history.append(self.n)
        return self

    @property
    def doubled(self):
        return 2 * self.n

    @staticmethod
    def describe(x):
        return "counter of " + str(x)


@jitclass([("values", float64[:]), ("size", int64)])
class Buffer:
    def __init__(self, size):
        self.size = size
        self.values = np.zeros(size)

    def fill(self, x):
        for i in range(self.size):
            self.values[i] = x * i
        self.values += 1.0

    def norm1(self):
        s = 0.0
        for v in self.values:
            s += abs(v)
        return s

    @property
    def last(self):
        return self.values[self.size - 1]


@njit
def use_buffer(b, x):
    b.fill(x)
    return b.norm1(), b.last


@njit
def make_buffer(n):
    b = Buffer(n)
    b.fill(0.5)
    return b


link_type = deferred_type()


@jitclass([("v", int64), ("rest", optional(link_type))])
class Link:
    def __init__(self, v, rest):
        self.v = v
        self.rest = rest


link_type.define(Link.class_type.instance_type)


@njit
def total(chain):
    s = 0
    while chain is not None:
        s += chain.v
        chain = chain.rest
    return s


c = Counter(3)
c.bump().bump(4)
print(c.n, c.history, c.doubled, Counter.unit, c.unit, Counter.describe(5), type(c).__name__, isinstance(c, Counter))
b = Buffer(4)
print(use_buffer(b, -2.0), [float(v) for v in b.values], b.size)
m = make_buffer(3)
print(type(m).__name__, [float(v) for v in m.values], float(m.norm1()))
chain = Link(1, Link(2, Link(3, None)))
print(total(chain), chain.rest.v, total(None))
try:
    c.doubled = 4
except AttributeError as e:
    print("AttributeError")
try:
    c.missing
except AttributeError as e:
    print("AttributeError", str(e))
