# @vectorize compiled: explicit signatures (the first matching one is used, as a ufunc's loop),
# no signature (typed from the inputs), target='parallel', broadcasting of scalars and arrays,
# and out=.
import math
import numpy as np
from numba import vectorize, float64, int64


@vectorize([int64(int64, int64), float64(float64, float64)], target="parallel")
def hyp(a, b):
    return a * a + b * b


@vectorize
def relu(x):
    return x if x > 0 else 0.0


@vectorize([float64(float64, float64)])
def wave(a, b):
    return math.sin(a) * math.cos(b)


x = np.linspace(-2.0, 2.0, 9)
print(hyp(np.arange(5), 2), hyp(x, 1.5), hyp(3, 4))
print(relu(x), relu(np.arange(-3, 3)), relu(-1.0))
print(wave(x.reshape(3, 3), np.array([0.0, 1.0, 2.0])))
out = np.zeros(9)
wave(x, 0.5, out=out)
print(out)
