# Monte-Carlo pi with a linear congruential generator: integer arithmetic, `%` and a branch in
# one hot loop. Prints "case lcg_pi <n> first_call_s <t> median_s <t>" (first call compiles).
import time
from numba import njit


@njit
def lcg_pi(nsamples, seed):
    state = seed
    acc = 0
    for i in range(nsamples):
        state = (1103515245 * state + 12345) % 2147483648
        x = state / 2147483648.0
        state = (1103515245 * state + 12345) % 2147483648
        y = state / 2147483648.0
        if (x * x + y * y) < 1.0:
            acc += 1
    return 4.0 * acc / nsamples


def timed(nsamples):
    t0 = time.perf_counter()
    lcg_pi(nsamples, 1)
    return time.perf_counter() - t0


n = 10000000
first = timed(n)
samples = []
for _ in range(5):
    samples.append(timed(n))
samples.sort()
print("case lcg_pi", n, "first_call_s", first, "median_s", samples[len(samples) // 2])
