# The cost of entering a prange loop whose body does nothing: the thread pool's wake-up and
# join. Prints "case empty_prange 2 median_s <t>" (first call excluded).
import time
from numba import njit, prange


@njit(parallel=True)
def empty_loop(n):
    for i in prange(n):
        pass


empty_loop(2)
samples = []
for _ in range(201):
    t0 = time.perf_counter()
    empty_loop(2)
    samples.append(time.perf_counter() - t0)
samples.sort()
print("case empty_prange", 2, "median_s", samples[len(samples) // 2])
