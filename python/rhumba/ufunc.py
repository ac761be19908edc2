"""``@vectorize`` and ``@guvectorize`` (placeholder until the native ufunc lands)."""

import numpy as np

from .dispatcher import njit


def vectorize(*args, **kwargs):
    def wrap(func):
        return np.vectorize(njit(func))

    if args and callable(args[0]):
        return wrap(args[0])
    return wrap


def guvectorize(*args, **kwargs):
    raise NotImplementedError
