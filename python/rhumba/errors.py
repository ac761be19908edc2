"""``numba.core.errors`` under rhumba: the exception and warning classes."""

from ._errors import *  # noqa: F401,F403
from ._errors import LoweringError, NumbaError, NumbaPerformanceWarning, NumbaWarning, RhumbaFallbackWarning, TypingError, UnsupportedError  # noqa: F401
