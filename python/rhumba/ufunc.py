"""``@vectorize`` and ``@guvectorize``. A vectorized function is a real numpy ufunc whose loops
are compiled 1-d kernels (broadcasting, ``out=``, casting, ``reduce``/``accumulate`` and
``__array_ufunc__`` dispatch are numpy's). With signatures it is made at decoration, as in Numba;
without, a :class:`DUFunc` adds a loop for each new combination of input dtypes.
``@guvectorize`` runs its compiled core over the broadcast outer dimensions."""

import builtins
import re

import numpy as np

from . import _native
from .dispatcher import Dispatcher, _decorate
from .types import signature_text

# The scalar kernel behind each ufunc, so that compiled code calling a ufunc calls the kernel.
_kernels = {}


def _dtype_name(value):
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int64"
    if isinstance(value, float):
        return "float64"
    dtype = getattr(value, "dtype", None)
    if dtype is None:
        dtype = np.asarray(value).dtype
    return np.dtype(dtype).name


class _Loops:
    """The compiled loops of one vectorized function."""

    def __init__(self, py_func, target, options):
        self.py_func = py_func
        self.name = py_func.__name__
        self.parallel = target == "parallel"
        self.scalar = Dispatcher(py_func, {**options, "_vectorized": True})
        self.nin = py_func.__code__.co_argcount
        self.loops = {}  # input dtype names -> (all dtype names, loop address)

    def add(self, in_types, ret=None):
        """Compiles the loop for input dtypes `in_types` (and a declared result type)."""
        in_types = tuple(in_types)
        if in_types in self.loops:
            return
        self.scalar._register()
        if self.scalar._fallback_reason is not None:
            reason, filename, line = self.scalar._fallback_reason
            raise TypeError(f"rhumba cannot compile the ufunc {self.name}(): {reason} ({filename}:{line})")
        _, result = self.scalar._entry_address(f"({', '.join(in_types)})")
        out = ret or result
        params = [f"a{k}" for k in range(self.nin)]
        loads = ", ".join(f"{p}[i]" for p in params)
        loop_range = "prange" if self.parallel else "range"
        text = f"def {self.name}__loop({', '.join(params)}, out):\n    for i in {loop_range}(out.shape[0]):\n        out[i] = {self.name}({loads})\n"
        namespace = {}
        exec(compile(text, f"<rhumba ufunc {self.name}>", "exec"), {"__builtins__": builtins}, namespace)
        loop = Dispatcher(namespace[f"{self.name}__loop"], {"parallel": self.parallel, "boundscheck": False})
        loop._frozen_source = (text, f"<rhumba ufunc {self.name}>", 1, [("function", self.name, self.scalar), ("builtin", "prange", "prange")])
        loop._register()
        address, _ = loop._entry_address(f"({', '.join(t + '[:]' for t in in_types)}, {out}[:])")
        self.loops[in_types] = (list(in_types) + [out], address)

    def ufunc(self, identity=None):
        loops = [self.loops[k] for k in self.loops]
        u = _native.make_ufunc(self.name, self.py_func.__doc__ or "", self.nin, loops, _identity(identity))
        _kernels[id(u)] = (u, self.scalar)
        return u


def _identity(identity):
    return {None: None, 0: 0, 1: 1, "reorderable": -2}.get(identity, None)


class DUFunc:
    """A ufunc without declared signatures: a loop is compiled for each new combination of
    input dtypes, and the call is numpy's ufunc call."""

    def __init__(self, py_func, target="cpu", identity=None, options=None):
        self._loops = _Loops(py_func, target, options or {})
        self._identity = identity
        self._ufunc = None
        self.__name__ = py_func.__name__
        self.__doc__ = py_func.__doc__
        self.py_func = py_func

    def _for(self, args):
        key = tuple(_dtype_name(a) for a in args[: self._loops.nin])
        if key not in self._loops.loops:
            self._loops.add(key)
            self._ufunc = self._loops.ufunc(self._identity)
            _kernels[id(self)] = (self, self._loops.scalar)
        return self._ufunc

    def __call__(self, *args, **kwargs):
        return self._for(args)(*args, **kwargs)

    def reduce(self, array, *args, **kwargs):
        return self._for((array, array)).reduce(array, *args, **kwargs)

    def accumulate(self, array, *args, **kwargs):
        return self._for((array, array)).accumulate(array, *args, **kwargs)

    def outer(self, a, b, **kwargs):
        return self._for((a, b)).outer(a, b, **kwargs)

    def at(self, a, indices, b=None):
        return self._for((a, b) if b is not None else (a,)).at(a, indices, *(() if b is None else (b,)))

    @property
    def ufunc(self):
        """The numpy ufunc with the loops compiled so far."""
        return self._ufunc

    @property
    def nin(self):
        return self._loops.nin

    @property
    def nout(self):
        return 1

    @property
    def types(self):
        return [] if self._ufunc is None else self._ufunc.types

    def __repr__(self):
        return f"<rhumba DUFunc {self.__name__}>"


def _scalar_sig(sig):
    text = signature_text(sig)
    m = re.fullmatch(r"\s*([\w]*)\s*\((.*)\)\s*", text)
    if not m:
        raise TypeError(f"bad ufunc signature {text!r}")
    ret = m.group(1) or None
    args = [a.strip() for a in m.group(2).split(",") if a.strip()]
    canonical = {"f8": "float64", "f4": "float32", "i8": "int64", "i4": "int32", "double": "float64", "float": "float32", "b1": "bool", "boolean": "bool"}
    args = [canonical.get(a, a) for a in args]
    return args, canonical.get(ret, ret)


def vectorize(*args, **kwargs):
    """Numba's ``vectorize``: ``@vectorize``, ``@vectorize(["f8(f8, f8)"], target="parallel")``."""
    target = kwargs.pop("target", "cpu")
    identity = kwargs.pop("identity", None)
    for key in ("nopython", "cache", "fastmath", "forceobj", "nogil", "boundscheck"):
        kwargs.pop(key, None)
    if target == "cuda":
        from .cuda import vectorize as cuda_vectorize

        return cuda_vectorize(*args, **kwargs)

    def build(func, signatures):
        if not signatures:
            return DUFunc(func, target, identity, kwargs)
        loops = _Loops(func, target, kwargs)
        for sig in signatures:
            in_types, ret = _scalar_sig(sig)
            loops.add(in_types, ret)
        return loops.ufunc(identity)

    if args and callable(args[0]) and not isinstance(args[0], (str, list, tuple)):
        return build(args[0], [])
    signatures = list(args[0]) if args and isinstance(args[0], (list, tuple)) else list(args[:1])
    return lambda func: build(func, signatures)


def _parse_layout(layout):
    ins, outs = layout.replace(" ", "").split("->")
    groups = lambda s: [tuple(d for d in g.split(",") if d) for g in re.findall(r"\(([^)]*)\)", s)]
    return groups(ins), groups(outs)


class GUFunc:
    """A generalised ufunc: the compiled core runs once per element of the broadcast outer
    dimensions, on views of its core dimensions (``"(n),()->(n)"``)."""

    def __init__(self, py_func, signatures, layout, target="cpu", options=None):
        self.py_func = py_func
        self.__name__ = py_func.__name__
        self.core = _decorate((), {k: v for k, v in (options or {}).items() if k in ("boundscheck", "fastmath", "cache", "nopython")})(py_func)
        self.ins, self.outs = _parse_layout(layout)
        self.layout = layout
        self.signatures = [_scalar_sig(s) for s in signatures]

    def __call__(self, *args, out=None, **kwargs):
        nin, nout = len(self.ins), len(self.outs)
        if len(args) == nin + nout and out is None:
            args, outs = list(args[:nin]), list(args[nin:])
        else:
            outs = list(out) if isinstance(out, tuple) else ([out] if out is not None else [])
            args = list(args)
        arrays = [np.asarray(a) for a in args]
        sizes = {}
        loop_shapes = []
        for a, core in zip(arrays, self.ins):
            if a.ndim < len(core):
                raise ValueError(f"{self.__name__}: an input has fewer dimensions than its core {core}")
            for d, n in zip(core, a.shape[a.ndim - len(core):]):
                if sizes.setdefault(d, n) != n:
                    raise ValueError(f"{self.__name__}: core dimension {d} is {sizes[d]} and {n}")
            loop_shapes.append(a.shape[: a.ndim - len(core)])
        loop = np.broadcast_shapes(*loop_shapes) if loop_shapes else ()
        dtype = self._out_dtype(arrays)
        if not outs:
            outs = [np.empty(loop + tuple(sizes[d] for d in core), dtype=dtype) for core in self.outs]
        views = [np.broadcast_to(a, loop + a.shape[a.ndim - len(core):]) for a, core in zip(arrays, self.ins)]
        out_views = [o if len(core) else o[..., np.newaxis] for o, core in zip(outs, self.outs)]
        for index in np.ndindex(*loop):
            operands = [v[index] for v in views]
            operands = [o.item() if isinstance(o, np.ndarray) and o.ndim == 0 else o for o in operands]
            self.core(*operands, *[o[index] for o in out_views])
        if len(outs) == 1:
            return outs[0]
        return tuple(outs)

    def _out_dtype(self, arrays):
        for arg_types, _ in self.signatures:
            names = [t.split("[")[0] for t in arg_types]
            if all(a.dtype.name == n for a, n in zip(arrays, names)):
                return np.dtype(names[len(arrays)]) if len(names) > len(arrays) else arrays[0].dtype
        return np.result_type(*arrays) if arrays else np.float64


def guvectorize(signatures, layout, **kwargs):
    """Numba's ``guvectorize``: ``@guvectorize(["void(f8[:], f8, f8[:])"], "(n),()->(n)")``."""
    target = kwargs.pop("target", "cpu")
    if isinstance(signatures, str):
        signatures = [signatures]
    return lambda func: GUFunc(func, list(signatures), layout, target, kwargs)
