# The cost of entering a prange loop: the thread pool's wake-up and join. Three cases, each the
# median of 201 calls (first call excluded), printed as "case <name> 2 median_s <t>":
# - empty_prange: a prange loop whose body does nothing (Numba may drop such a loop);
# - tiny_prange: a prange loop over 2 iterations that each write one element, which no compiler
#   can drop, so both peers really enter their pools;
# - plain_call: the same write in a serial loop, the cost of a call without any pool, to
#   subtract from the two above.
import time
import numpy as np
from numba import njit, prange


@njit(parallel=True)
def empty_loop(n):
    for i in prange(n):
        pass


@njit(parallel=True)
def tiny_loop(out):
    for i in prange(out.shape[0]):
        out[i] = i


@njit
def plain_loop(out):
    for i in range(out.shape[0]):
        out[i] = i


out = np.zeros(2)
for name, f, arg in (("empty_prange", empty_loop, 2), ("tiny_prange", tiny_loop, out), ("plain_call", plain_loop, out)):
    f(arg)
    samples = []
    for _ in range(201):
        t0 = time.perf_counter()
        f(arg)
        samples.append(time.perf_counter() - t0)
    samples.sort()
    print("case", name, 2, "median_s", samples[len(samples) // 2])
