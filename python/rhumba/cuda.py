"""``numba.cuda`` under rhumba's Python package: not served yet. ``is_available()`` answers
False and ``cuda.jit`` raises one clear error; the ``rhumba`` command runs CUDA kernels (on a GPU
with the ``gpu`` build, or on its simulator with ``RHUMBA_CUDA_SIM=1``)."""

from ._errors import UnsupportedError

_WHY = ("CUDA kernels are not served by rhumba's Python package yet: run the script with "
        "`rhumba run` (on a GPU with the gpu build, or its simulator with RHUMBA_CUDA_SIM=1)")


def is_available():
    return False


def _refuse(*args, **kwargs):
    raise UnsupportedError(_WHY)


jit = vectorize = to_device = device_array = device_array_like = synchronize = stream = event = _refuse


def __getattr__(name):
    raise UnsupportedError(f"numba.cuda.{name}: {_WHY}")
