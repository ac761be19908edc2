# Monte-Carlo estimate of pi with an inline linear congruential generator (int64 arithmetic).
from numba import njit


@njit
def estimate_pi(samples, seed):
    state = seed
    inside = 0
    for _ in range(samples):
        state = (6364136223846793005 * state + 1442695040888963407) % 9223372036854775807
        x = (state >> 11) / 4503599627370496.0
        state = (6364136223846793005 * state + 1442695040888963407) % 9223372036854775807
        y = (state >> 11) / 4503599627370496.0
        if x * x + y * y < 1.0:
            inside += 1
    return 4.0 * inside / samples


for seed in (1, 42):
    print(seed, estimate_pi(50000, seed))
