"""``numba.cuda`` under rhumba's Python package, on rhumba's CPU simulator.

Kernels (``@cuda.jit``) and device functions are compiled by rhumba and run over the launch's
grid on the simulator, one CPU thread per CUDA thread where a kernel synchronises, without the
GIL. As with Numba, the simulator is used when asked for (``RHUMBA_CUDA_SIM=1`` or Numba's
``NUMBA_ENABLE_CUDASIM=1``); otherwise there is no GPU to use from Python yet (the ``rhumba``
command runs kernels on a GPU with its ``gpu`` build), and a launch says so in one error.
Device arrays are host arrays here: ``to_device`` copies, ``copy_to_host`` copies back."""

import math as _math
import os as _os
import time as _time

import numpy as np

from ._errors import NumbaError
from .dispatcher import Dispatcher, _decorate


class CudaSupportError(NumbaError):
    """No CUDA device (or simulator) is available."""


def _simulating():
    return any(_os.environ.get(v, "") not in ("", "0") for v in ("RHUMBA_CUDA_SIM", "NUMBA_ENABLE_CUDASIM"))


def is_available():
    return _simulating()


def _require():
    if not _simulating():
        raise CudaSupportError(
            "no CUDA GPU is available to rhumba's Python package: set RHUMBA_CUDA_SIM=1 (or "
            "NUMBA_ENABLE_CUDASIM=1) to run kernels on the CPU simulator"
        )


class DeviceNDArray:
    """A "device" array of the simulator: a numpy array the kernels read and write."""

    def __init__(self, array):
        self._array = array

    shape = property(lambda self: self._array.shape)
    dtype = property(lambda self: self._array.dtype)
    ndim = property(lambda self: self._array.ndim)
    size = property(lambda self: self._array.size)
    strides = property(lambda self: self._array.strides)

    def copy_to_host(self, ary=None, stream=None):
        if ary is None:
            return self._array.copy()
        ary[...] = self._array
        return ary

    def copy_to_device(self, ary, stream=None):
        self._array[...] = ary._array if isinstance(ary, DeviceNDArray) else ary

    def is_c_contiguous(self):
        return self._array.flags.c_contiguous

    def __len__(self):
        return len(self._array)

    def __getitem__(self, index):
        view = self._array[index]
        return DeviceNDArray(view) if isinstance(view, np.ndarray) else view

    def __setitem__(self, index, value):
        self._array[index] = value

    def __array__(self, dtype=None, copy=None):
        return self._array if dtype is None else self._array.astype(dtype)

    def __repr__(self):
        return f"<rhumba simulated DeviceNDArray shape={self.shape} dtype={self.dtype}>"


def to_device(ary, stream=None, copy=True, to=None):
    if to is not None:
        to.copy_to_device(ary)
        return to
    return DeviceNDArray(np.array(ary, copy=True))


def device_array(shape, dtype=np.float64, strides=None, order="C", stream=None):
    return DeviceNDArray(np.zeros(shape, dtype=dtype, order=order))


def device_array_like(ary, stream=None):
    return DeviceNDArray(np.zeros_like(np.asarray(ary)))


def pinned_array(shape, dtype=np.float64, strides=None, order="C"):
    return np.zeros(shape, dtype=dtype, order=order)


mapped_array = pinned_array


class pinned:
    """``with cuda.pinned(array):`` does nothing on the simulator."""

    def __init__(self, *arrays):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class Stream:
    """Launches are synchronous on the simulator, so a stream has nothing to wait for."""

    def synchronize(self):
        pass

    def auto_synchronize(self):
        return pinned()


def stream():
    return Stream()


def default_stream():
    return Stream()


class Event:
    def __init__(self, timing=True):
        self._time = None

    def record(self, stream=None):
        self._time = _time.perf_counter()

    def synchronize(self):
        pass

    def wait(self, stream=None):
        pass

    def elapsed_time(self, end):
        return 1e3 * (end._time - self._time)


def event(timing=True):
    return Event(timing)


def synchronize():
    pass


def _dim3(value):
    if isinstance(value, int):
        return (value, 1, 1)
    value = tuple(int(v) for v in value)
    return value + (1,) * (3 - len(value))


def _host(value):
    return value._array if isinstance(value, DeviceNDArray) else value


class _Launch:
    def __init__(self, kernel, grid, block):
        self.kernel, self.grid, self.block = kernel, grid, block

    def __call__(self, *args):
        _require()
        self.kernel._register()
        if self.kernel._fallback_reason is not None:
            reason, filename, line = self.kernel._fallback_reason
            raise NumbaError(f"the CUDA kernel {self.kernel.__name__}() cannot be compiled: {reason} ({filename}:{line})")
        host_args = tuple(_host(a) for a in args)
        converted = []
        for a in host_args:
            if isinstance(a, np.ndarray) or np.isscalar(a) or isinstance(a, tuple):
                converted.append(a)
            else:
                converted.append(np.asarray(a))
        self.kernel._launch_simulated(tuple(converted), self.grid, self.block)


class CUDAKernel(Dispatcher):
    """A ``@cuda.jit`` kernel: ``kernel[blocks, threads](args)`` launches it."""

    def __getitem__(self, config):
        if not isinstance(config, tuple) or len(config) < 2:
            raise ValueError("a kernel is launched as kernel[blocks, threads_per_block](...)")
        return _Launch(self, _dim3(config[0]), _dim3(config[1]))

    def __call__(self, *args, **kwargs):
        if self.options.get("device"):
            return Dispatcher.__call__(self, *args, **kwargs)
        raise TypeError(f"the CUDA kernel {self.__name__}() must be launched as {self.__name__}[blocks, threads](...)")

    def forall(self, n):
        return self[(n + 127) // 128, 128]


def jit(*args, **kwargs):
    """``@cuda.jit`` (kernels) and ``@cuda.jit(device=True)`` (device functions)."""
    device = kwargs.pop("device", False)
    for key in ("fastmath", "lineinfo", "debug", "opt", "max_registers", "link", "inline", "cache"):
        kwargs.pop(key, None)
    defaults = {"_cuda": True, "device": device}
    if args and callable(args[0]) and not isinstance(args[0], (str, list, tuple)):
        return CUDAKernel(args[0], defaults)
    return lambda func: CUDAKernel(func, {**defaults, **{k: v for k, v in kwargs.items() if k == "boundscheck"}})


def vectorize(signatures, **kwargs):
    """``@vectorize(..., target="cuda")`` on the simulator: the CPU ufunc of the same kernel."""
    from .ufunc import vectorize as cpu_vectorize

    def wrap(func):
        ufunc = cpu_vectorize(signatures)(func)

        def call(*args, **kw):
            _require()
            out = kw.pop("out", None)
            result = ufunc(*[_host(a) for a in args], **kw)
            if isinstance(out, DeviceNDArray):
                out._array[...] = result
                return out
            if any(isinstance(a, DeviceNDArray) for a in args):
                return DeviceNDArray(result)
            return result

        call.__name__ = func.__name__
        return call

    return wrap


# Inside kernels these are compiled intrinsics; the names exist here for the imports and the
# frozen globals (`from numba.cuda import grid` is not supported: use `cuda.grid`).
class _Intrinsic:
    def __init__(self, name):
        self._name = name

    def __getattr__(self, attr):
        return _Intrinsic(f"{self._name}.{attr}")

    def __call__(self, *args, **kwargs):
        raise NumbaError(f"cuda.{self._name} can only be called inside a @cuda.jit kernel")


for _name in ("threadIdx", "blockIdx", "blockDim", "gridDim", "shared", "local", "const", "atomic", "grid", "gridsize", "syncthreads", "syncwarp", "laneid", "warpsize", "fp16", "random", "libdevice", "cg", "threadfence"):
    globals()[_name] = _Intrinsic(_name)

del _name, _math


def detect():
    print("rhumba: CUDA simulator" if _simulating() else "rhumba: no CUDA device available to the Python package")
    return _simulating()


def get_current_device():
    _require()
    return type("Device", (), {"name": b"rhumba CUDA simulator", "compute_capability": (8, 0)})()


def select_device(n=0):
    return get_current_device()


def close():
    pass
