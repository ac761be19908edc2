"""``numba.experimental`` under rhumba: ``jitclass`` keeps the class as plain Python (rhumba
does not compile classes yet), with one warning naming it; ``structref`` is not offered."""

import types
import warnings

from ._errors import RhumbaFallbackWarning
from .types import Type


def jitclass(cls_or_spec=None, spec=None):
    def wrap(cls):
        warnings.warn(f"jitclass {cls.__name__} runs as Python: rhumba does not compile classes yet", RhumbaFallbackWarning, stacklevel=3)
        # Numba's handle on the class's type, used in specs (`deferred_type().define(...)`).
        cls.class_type = types.SimpleNamespace(instance_type=Type(cls.__name__), class_name=cls.__name__)
        return cls

    if isinstance(cls_or_spec, type):
        return wrap(cls_or_spec)
    return wrap
