"""rhumba: Numba's decorators, compiled by rhumba, inside CPython.

``import rhumba as numba`` works in user code, and ``python -m rhumba script.py`` runs an
unchanged Numba script with every ``import numba`` served by rhumba. CPython runs the host
code; decorated functions are compiled from their source on their first call for each
argument types, and run without the GIL."""

import os as _os

from . import _native
from ._errors import (
    LoweringError,
    NumbaError,
    NumbaPerformanceWarning,
    NumbaWarning,
    RhumbaFallbackWarning,
    TypingError,
    UnsupportedError,
)
from .types import *  # noqa: F401,F403 - Numba exports its type names at the top level
from .types import typeof


def prange(*args):
    """Numba's parallel range: a plain ``range`` in Python; compiled ``parallel=True`` code runs
    its iterations on all cores."""
    return range(*args)


from .dispatcher import Dispatcher, jit, njit  # noqa: E402
from .ufunc import guvectorize, vectorize  # noqa: E402
from . import errors, experimental, typed  # noqa: E402,F401
from . import types  # noqa: E402,F401

__version__ = "0.1.0"
version_info = (0, 1, 0)


def set_num_threads(n):
    """The number of threads later ``prange`` loops use."""
    _native.set_num_threads(int(n))


def get_num_threads():
    return _native.get_num_threads()


def get_thread_id():
    return 0


def literal_unroll(container):
    return container


def objmode(*args, **kwargs):
    raise UnsupportedError("objmode blocks are not supported by rhumba")


config = type("config", (), {"NUMBA_NUM_THREADS": _native.get_num_threads(), "DISABLE_JIT": False, "BOUNDSCHECK": None})
generated_jit = njit
cfunc = njit

# Ctrl-C stops a long compiled loop (it polls between iterations of outer and `while` loops)
# and raises KeyboardInterrupt; only the main thread receives signals.
import threading as _threading

if _threading.current_thread() is _threading.main_thread():
    _native._install_interrupt_handler()

if hasattr(_os, "register_at_fork"):
    # The parent's worker threads do not exist in a forked child: the child starts its own.
    _os.register_at_fork(after_in_child=_native._after_fork_in_child)


def __getattr__(name):
    # `rhumba.cuda` is imported on demand (as `numba.cuda` is), so that `import rhumba` stays fast.
    if name == "cuda":
        import importlib

        return importlib.import_module(".cuda", __name__)
    raise AttributeError(f"module 'rhumba' has no attribute {name!r}")
