# Benchmark (not a test): a word count with a dict over 10^6 integer "words" in a decorated
# function, the typed-dict yardstick: rhumba's compiled dict (a runtime DictObject)
# against Numba's compiled typed dict.
import numpy as np
from numba import njit


@njit
def count(words):
    counts = {}
    for w in words:
        if w in counts:
            counts[w] += 1
        else:
            counts[w] = 1
    return counts


np.random.seed(7)
words = np.random.randint(0, 5000, 1000000)
c = count(words)
print(len(c), max(c.values()))
