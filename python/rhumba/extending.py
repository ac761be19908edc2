"""``numba.extending`` under rhumba: what a script may import from it. rhumba has no typing or
lowering extension API; ``overload`` and friends are refused with a clear error when used."""

from ._errors import UnsupportedError
from .dispatcher import njit as register_jitable  # noqa: F401


def _unsupported(name):
    def refuse(*args, **kwargs):
        raise UnsupportedError(f"numba.extending.{name} is not supported by rhumba")

    return refuse


overload = _unsupported("overload")
overload_method = _unsupported("overload_method")
overload_attribute = _unsupported("overload_attribute")
intrinsic = _unsupported("intrinsic")
