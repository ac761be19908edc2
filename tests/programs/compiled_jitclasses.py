# compiled: all
# Compiled jitclasses: fields of every kind the spec allows (int, float32, float64, bool,
# complex, arrays of one and two dimensions, tuples, optional instances), conversion of stored
# values to the declared types (from compiled code and from the host), methods with defaults and
# keywords, methods calling methods and properties, instances made on the host and in compiled
# code, passed both ways with their identity kept, mutated in place and seen by the host, a
# binary tree through deferred_type, and errors raised inside methods.
import numpy as np
from numba import njit, int64, float32, float64, boolean, complex128, deferred_type, optional, types
from numba.experimental import jitclass


@jitclass([
    ("count", int64),
    ("scale", float32),
    ("total", float64),
    ("active", boolean),
    ("phase", complex128),
    ("grid", float64[:, :]),
    ("bounds", types.UniTuple(float64, 2)),
])
class Meter:
    def __init__(self, rows, cols, scale=1.5):
        self.count = 0
        self.scale = scale
        self.total = 0
        self.active = True
        self.phase = 1j
        self.grid = np.zeros((rows, cols))
        self.bounds = (np.inf, -np.inf)

    def record(self, i, j, x, weight=1.0):
        self.count += 1
        v = x * weight * self.scale
        self.grid[i, j] += v
        self.total += v
        lo, hi = self.bounds
        self.bounds = (min(lo, v), max(hi, v))
        self.phase = self.phase * 1j
        return self

    def row_sums(self):
        out = np.zeros(self.grid.shape[0])
        for r in range(self.grid.shape[0]):
            out[r] = self.grid[r].sum()
        return out

    @property
    def spread(self):
        lo, hi = self.bounds
        return hi - lo

    def check(self, limit):
        if self.total > limit:
            raise ValueError("meter over its limit")
        return self.spread


@njit
def fill(m, n):
    for k in range(n):
        m.record(k % 2, k % 3, float(k), weight=0.5)
    return m.count, m.total, m.spread, m.active, m.phase


@njit
def same(m):
    m.active = False
    return m


@njit
def pair(n):
    a = Meter(2, 2, 1.5)
    b = Meter(1, 3, 2.0)
    a.record(0, 1, n)
    b.record(0, 2, n).record(0, 0, 1)
    return a, b, b.grid[0, 2]


tree_type = deferred_type()


@jitclass([("key", int64), ("left", optional(tree_type)), ("right", optional(tree_type))])
class Tree:
    def __init__(self, key):
        self.key = key
        self.left = None
        self.right = None

    def insert(self, key):
        node = self
        while True:
            if key < node.key:
                if node.left is None:
                    node.left = Tree(key)
                    return
                node = node.left
            else:
                if node.right is None:
                    node.right = Tree(key)
                    return
                node = node.right


tree_type.define(Tree.class_type.instance_type)


@njit
def build_tree(keys):
    root = Tree(keys[0])
    for k in keys[1:]:
        root.insert(k)
    return root


@njit
def depth(t):
    if t is None:
        return 0
    return 1 + max(depth(t.left), depth(t.right))


@njit
def in_order(t, out):
    if t is not None:
        in_order(t.left, out)
        out.append(t.key)
        in_order(t.right, out)


@njit
def keys_of(t):
    out = [0]
    out.pop()
    in_order(t, out)
    return out



@jitclass([("v", float64[:])])
class Scaled:
    def __init__(self, n):
        self.v = np.zeros(n)

    def bump(self):
        # In place, as numpy's += is: other names for the array see the change.
        self.v += 1.0
        self.v *= 3.0


@njit
def bump_through_alias(s):
    alias = s.v
    s.bump()
    return alias[0]

m = Meter(2, 3)
print(m.count, m.scale, m.total, m.active, m.phase, m.bounds)
print(fill(m, 7))
print(m.count, m.total, m.grid.tolist(), m.bounds, m.spread, m.phase)
print(m.row_sums().tolist())
print(same(m).active, m.active)
m.total = 3
print(m.total, type(m.total).__name__)
m.scale = 0.1
print(m.scale == 0.1, abs(m.scale - 0.1) < 1e-7)
a, b, corner = pair(4)
print(a.count, b.count, a.grid.tolist(), b.grid.tolist(), corner)
print(m.check(100.0))
try:
    m.check(1.0)
except ValueError as e:
    print("ValueError:", e)
t = build_tree(np.array([50, 30, 70, 20, 40, 60, 80, 35, 45, 65]))
print(t.key, t.left.key, t.right.key, t.left.right.left.key, depth(t))
print(keys_of(t))
t.insert(10)
t.right.insert(90)
print(depth(t), keys_of(t))
h = Tree(5)
h.left = Tree(2)
print(depth(h), keys_of(h))
sc = Scaled(3)
before = sc.v
print(bump_through_alias(sc), before.tolist(), sc.v.tolist())
