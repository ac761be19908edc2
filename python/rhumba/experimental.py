"""``numba.experimental`` under rhumba: ``jitclass`` keeps the class as plain Python (rhumba's
Python package does not compile classes yet; ``rhumba run`` does), with one warning naming it.
A field assigned a value is converted to its spec's type as Numba's instances convert it (an
int stored in a ``float64`` field reads back as a float, a ``float32`` field keeps a float32's
precision), so that the answers are Numba's. ``structref`` is not offered."""

import types
import warnings

import numpy as np

from ._errors import RhumbaFallbackWarning
from .types import _CANONICAL, _NUMPY, Type

_COMPLEX = {"complex64": np.complex64, "complex128": np.complex128}


def _converter(ty):
    """A function converting a Python value to a field of Numba type `ty`, or None to store
    values as they are (arrays, instances, optionals, tuples)."""
    name = _CANONICAL.get(str(ty), str(ty))
    if name in ("bool", "bool_"):
        return bool
    if name in _COMPLEX:
        return lambda v: complex(_COMPLEX[name](v))
    if name in _NUMPY:
        kind = _NUMPY[name]
        if np.issubdtype(kind, np.floating):
            return lambda v: float(kind(v))
        if np.issubdtype(kind, np.integer):
            # Wraps as Numba's stores do (`int32` keeps the low 32 bits).
            return lambda v: int(np.array(int(v) & 0xFFFFFFFFFFFFFFFF, dtype=np.uint64).astype(kind))
    return None


def _spec_pairs(spec):
    if spec is None:
        return []
    if isinstance(spec, dict):
        return list(spec.items())
    return list(spec)


def jitclass(cls_or_spec=None, spec=None):
    def wrap(cls, spec):
        warnings.warn(f"jitclass {cls.__name__} runs as Python: rhumba does not compile classes yet", RhumbaFallbackWarning, stacklevel=3)
        # Numba's handle on the class's type, used in specs (`deferred_type().define(...)`).
        cls.class_type = types.SimpleNamespace(instance_type=Type(cls.__name__), class_name=cls.__name__)
        converters = {name: c for name, ty in _spec_pairs(spec) if (c := _converter(ty)) is not None}
        if converters:
            def __setattr__(self, name, value, _set=object.__setattr__):
                convert = converters.get(name)
                _set(self, name, value if convert is None else convert(value))

            cls.__setattr__ = __setattr__
        return cls

    if isinstance(cls_or_spec, type):
        return wrap(cls_or_spec, spec)
    return lambda cls: wrap(cls, cls_or_spec)
