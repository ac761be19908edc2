"""``numba.experimental`` under rhumba: ``jitclass`` keeps the class as plain Python (rhumba
does not compile classes yet), with one warning naming it; ``structref`` is not offered."""

import warnings

from ._errors import RhumbaFallbackWarning


def jitclass(cls_or_spec=None, spec=None):
    def wrap(cls):
        warnings.warn(f"jitclass {cls.__name__} runs as Python: rhumba does not compile classes yet", RhumbaFallbackWarning, stacklevel=3)
        return cls

    if isinstance(cls_or_spec, type):
        return wrap(cls_or_spec)
    return wrap
