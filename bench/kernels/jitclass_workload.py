# Benchmark (not a test): jitclasses in compiled code, the class yardstick: a running
# statistics object updated 10^6 times through a method, and a linked list of 10^5 nodes built
# and walked through optional(deferred_type) fields, against Numba's compiled jitclasses.
import time

import numpy as np
from numba import njit, int64, float64, deferred_type, optional
from numba.experimental import jitclass


@jitclass([("count", int64), ("mean", float64), ("m2", float64), ("lo", float64), ("hi", float64)])
class Running:
    def __init__(self):
        self.count = 0
        self.mean = 0.0
        self.m2 = 0.0
        self.lo = np.inf
        self.hi = -np.inf

    def push(self, x):
        # Welford's update.
        self.count += 1
        d = x - self.mean
        self.mean += d / self.count
        self.m2 += d * (x - self.mean)
        if x < self.lo:
            self.lo = x
        if x > self.hi:
            self.hi = x

    @property
    def variance(self):
        return self.m2 / (self.count - 1)


node_type = deferred_type()


@jitclass([("value", int64), ("next", optional(node_type))])
class Node:
    def __init__(self, value, next):
        self.value = value
        self.next = next


node_type.define(Node.class_type.instance_type)


@njit
def summarise(a):
    r = Running()
    for v in a:
        r.push(v)
    return r.mean, r.variance, r.lo, r.hi


@njit
def chain_sum(n):
    head = None
    for i in range(n):
        head = Node(i, head)
    s = 0
    cur = head
    while cur is not None:
        s += cur.value
        cur = cur.next
    return s


np.random.seed(3)
a = np.random.standard_normal(1000000)
print(summarise(a), chain_sum(100000))
for name, f, arg in [("stats", summarise, a), ("chain", chain_sum, 100000)]:
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        f(arg)
        times.append(time.perf_counter() - t0)
    times.sort()
    print(name, "steady-state median ms:", round(times[2] * 1000, 2))
