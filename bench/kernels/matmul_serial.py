# Naive matmul, ijk and ikj orders (the issue 4 benchmark). Prints one timing line per case:
# "case <name> <n> first_call_s <t> median_s <t>" (first call includes compilation).
import time
import numpy as np
from numba import njit


@njit
def matmul_ijk(a, b, c):
    n, k = a.shape
    m = b.shape[1]
    for i in range(n):
        for j in range(m):
            acc = 0.0
            for p in range(k):
                acc += a[i, p] * b[p, j]
            c[i, j] = acc


@njit
def matmul_ikj(a, b, c):
    n, k = a.shape
    m = b.shape[1]
    for i in range(n):
        for j in range(m):
            c[i, j] = 0.0
        for p in range(k):
            aip = a[i, p]
            for j in range(m):
                c[i, j] += aip * b[p, j]


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


def timed(f, *args):
    t0 = time.perf_counter()
    r = f(*args)
    return time.perf_counter() - t0, r


def run(name, n, f, args, repeats):
    first, _ = timed(f, *args)
    samples = []
    for _ in range(repeats):
        t, _ = timed(f, *args)
        samples.append(t)
    samples.sort()
    print("case", name, n, "first_call_s", first, "median_s", samples[len(samples) // 2])


for n in (64, 128, 256, 512):
    a = np.arange(n * n, dtype=np.float64).reshape(n, n) / (n * n)
    b = np.ones((n, n)) * 0.5
    c = np.zeros((n, n))
    reps = 7 if n < 512 else 3
    run("ijk", n, matmul_ijk, (a, b, c), reps)
    run("ikj", n, matmul_ikj, (a, b, c), reps)
run("lcg_pi", 10000000, lcg_pi, (10000000, 1), 5)
