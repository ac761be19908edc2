"""Decorated functions: ``njit``/``jit`` make a :class:`Dispatcher`, whose calls the native
module serves from compiled specialisations. On a call with new argument types, the function's
globals are frozen (as Numba does at first compile), its source is registered with the compiler
and a specialisation is made; what rhumba cannot compile yet runs as the original Python
function, with one warning per function (or an error in strict mode)."""

import ast
import builtins
import cmath
import inspect
import math
import os
import textwrap
import types as pytypes
import warnings

import numpy as np

from . import _native
from ._errors import RhumbaFallbackWarning, TypingError, UnsupportedError
from .types import Type, signature_text

# The builtins compiled code understands (the native host answers these by name).
_COMPILED_BUILTINS = {"range", "len", "min", "max", "abs", "int", "float", "complex", "bool", "round", "enumerate", "zip", "sum", "sorted", "ord", "chr", "str"}

_STRICT = os.environ.get("RHUMBA_STRICT", "") not in ("", "0")

# Options Numba accepts that change nothing here: rhumba compiles in milliseconds (no cache
# needed), never holds the GIL while compiled code runs, and always compiles in nopython style.
_ACCEPTED_OPTIONS = {"_cuda", "device", "cache", "nogil", "nopython", "fastmath", "inline", "error_model", "forceobj", "looplift", "locals", "no_cpython_wrapper", "no_cfunc_wrapper", "debug", "_nrt", "target", "signature_or_function", "pipeline_class", "parallel", "boundscheck", "strict"}


def _code_names(code):
    """Every global or free name a code object and the code nested in it may read."""
    names = set(code.co_names) | set(code.co_freevars)
    for const in code.co_consts:
        if isinstance(const, pytypes.CodeType):
            names |= _code_names(const)
    return names


def _source(func):
    """The function's source from its ``def`` line on (decorators dropped), dedented, and the
    line of its file where that text starts."""
    lines, first = inspect.getsourcelines(func)
    text = textwrap.dedent("".join(lines))
    tree = ast.parse(text)
    node = next(n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)))
    start = node.lineno - 1
    return "".join(text.splitlines(keepends=True)[start:]), first + start


def _describe(name, value):
    """How the compiler sees a frozen global: a (kind, name, payload) triple."""
    from . import prange as _prange

    if isinstance(value, bool) or isinstance(value, np.bool_):
        return ("bool", name, bool(value))
    if isinstance(value, (int, np.integer)):
        v = int(value)
        if -(2**63) <= v < 2**63:
            return ("int", name, v)
        return ("other", name, "an int that does not fit 64 bits")
    if isinstance(value, (float, np.floating)):
        return ("float", name, float(value))
    if isinstance(value, pytypes.ModuleType):
        module = value.__name__
        if module in ("numpy", "math", "cmath", "numpy.random"):
            return ("module", name, module)
        if module in ("rhumba", "numba"):
            return ("module", name, "numba")
        if module in ("rhumba.cuda", "numba.cuda"):
            return ("module", name, "numba.cuda")
        return ("other", name, f"module {module}")
    if isinstance(value, Dispatcher):
        return ("function", name, value)
    from . import typed as _typed

    if value is _typed.List:
        return ("builtin", name, "List")
    if value is _typed.Dict:
        return ("builtin", name, "Dict")
    if isinstance(value, type) and issubclass(value, BaseException):
        if getattr(builtins, value.__name__, None) is value:
            return ("builtin", name, value.__name__)
        from ._errors import register_class

        lineage = register_class(value)
        return ("exception", name, (value.__name__, lineage))
    from .ufunc import _kernels

    kernel = _kernels.get(id(value))
    if kernel is not None and kernel[0] is value:
        return ("function", name, kernel[1])
    if value is _prange or value is builtins.range:
        return ("builtin", name, "prange" if value is _prange else "range")
    if isinstance(value, np.ndarray):
        return ("array", name, value)
    if isinstance(value, type) and issubclass(value, np.generic):
        return ("dtype", name, np.dtype(value).name)
    if isinstance(value, Type) and "[" not in str(value):
        return ("dtype", name, str(value))
    func_name = getattr(value, "__name__", None)
    if func_name is not None and callable(value):
        if getattr(math, func_name, None) is value:
            return ("library", name, ("math", func_name))
        if getattr(cmath, func_name, None) is value:
            return ("library", name, ("cmath", func_name))
        if getattr(np, func_name, None) is value:
            return ("library", name, ("numpy", func_name))
        if getattr(builtins, func_name, None) is value:
            return ("builtin", name, func_name)
        return ("other", name, "a plain Python function; decorate it with @njit to call it from compiled code")
    return ("other", name, f"a {type(value).__name__}")


class Dispatcher(_native.Dispatcher):
    """A function compiled by rhumba on its first call for each new set of argument types."""

    def __init__(self, py_func, options=None, signatures=()):
        self.py_func = py_func
        self.options = dict(options or {})
        self.__name__ = getattr(py_func, "__name__", "function")
        self.__qualname__ = getattr(py_func, "__qualname__", self.__name__)
        self.__doc__ = getattr(py_func, "__doc__", None)
        self.__module__ = getattr(py_func, "__module__", None)
        self.__wrapped__ = py_func
        self._registered = False
        self._fallback_reason = None
        self._warned = False
        self._eager = []
        self._frozen_source = None
        for sig in signatures:
            self.compile(sig)

    # -- compiling ---------------------------------------------------------------------------

    @property
    def _strict(self):
        return self.options.get("strict", _STRICT) or self.options.get("nopython_strict", False)

    def _register(self, registering=None):
        """Freezes the globals the function reads and registers its source (once); the
        functions it calls are registered first."""
        if self._registered or self._fallback_reason is not None:
            return
        registering = set() if registering is None else registering
        if id(self) in registering:
            return
        registering.add(id(self))
        func = self.py_func
        try:
            if self._frozen_source is not None:
                text, filename, first_line, frozen = self._frozen_source
            else:
                text, first_line = _source(func)
                filename = inspect.getsourcefile(func) or func.__code__.co_filename
                frozen = self._freeze(func)
        except (OSError, TypeError, SyntaxError, StopIteration) as e:
            self._fallback_reason = (f"its source is not available ({e})", func.__code__.co_filename, func.__code__.co_firstlineno)
            return
        self._frozen_source = (text, filename, first_line, frozen)
        for kind, _, payload in frozen:
            if kind == "function":
                payload._register(registering)
        native = [(k, n, p._key if k == "function" else p) for k, n, p in frozen]
        failure = _native.Dispatcher._register(
            self, self.__name__, text, filename, first_line, native,
            parallel=bool(self.options.get("parallel", False)),
            boundscheck=self.options.get("boundscheck"),
            vectorized=bool(self.options.get("_vectorized", False)),
            cuda=bool(self.options.get("_cuda", False)),
            nogil=bool(self.options.get("nogil", False)),
        )
        if failure is not None:
            reason, line = failure
            self._fallback_reason = (reason, filename, line)
            return
        self._registered = True

    @staticmethod
    def _freeze(func):
        names = _code_names(func.__code__)
        closure = {}
        if func.__closure__:
            for var, cell in zip(func.__code__.co_freevars, func.__closure__):
                try:
                    closure[var] = cell.cell_contents
                except ValueError:  # an empty cell: the variable is not assigned yet
                    pass
        frozen = []
        for name in sorted(names):
            if name in closure:
                frozen.append(_describe(name, closure[name]))
            elif name in func.__globals__:
                frozen.append(_describe(name, func.__globals__[name]))
            elif isinstance(getattr(builtins, name, None), type) and issubclass(getattr(builtins, name), BaseException):
                # Python's exception classes, which compiled code raises by name.
                frozen.append(("builtin", name, name))
            elif name not in _COMPILED_BUILTINS and hasattr(builtins, name):
                # A builtin compiled code does not know (`str`, `print`, `sorted`, ...).
                frozen.append(("other", name, f"the builtin {name}()"))
        return frozen

    def _fall_back(self, reason, filename, line):
        """Runs as Python from now on for these types: warns once, or raises in strict mode."""
        where = f" ({filename}:{line})" if filename else ""
        if self._strict:
            raise UnsupportedError(f"rhumba cannot compile {self.__name__}() yet: {reason}{where}")
        if not self._warned:
            self._warned = True
            warnings.warn_explicit(
                f"{self.__name__}() runs as Python (not compiled): {reason}",
                RhumbaFallbackWarning,
                filename or "<unknown>",
                line or 0,
            )

    def _miss(self, args):
        """A call with argument types not seen yet: compile, or fall back, then call."""
        params = self.py_func.__code__.co_argcount
        if self.py_func.__code__.co_flags & inspect.CO_VARARGS:
            # `rhumba run` compiles `*args` as one tuple; this package does not pack it yet.
            code = self.py_func.__code__
            self._fall_back("`*args` parameters are not compiled by the Python package yet", code.co_filename, code.co_firstlineno)
            return self._call_python(args)
        if len(args) < params and self.py_func.__defaults__:
            # Missing arguments with default values: bind them, as Numba's dispatcher does.
            return self._call_with_keywords(args, {})
        if self._eager:
            return self._call_eager(args)
        self._register()
        if self._fallback_reason is not None:
            self._fall_back(*self._fallback_reason)
            return self._call_python(args)
        fallback = self._specialise(args)
        if fallback is not None:
            reason, filename, line = fallback
            if not filename:
                filename, line = self.py_func.__code__.co_filename, self.py_func.__code__.co_firstlineno
            self._fall_back(reason, filename, line)
            return self._call_python(args)
        return self(*args)

    def _call_python(self, args):
        """The original function's result, with numpy scalars as the Python numbers Numba's
        dispatcher returns."""
        return _as_returned(self.py_func(*args))

    def _call_with_keywords(self, args, kwargs):
        """Binds keyword arguments and defaults to positions, as Numba's dispatcher does."""
        bound = inspect.signature(self.py_func).bind(*args, **kwargs)
        bound.apply_defaults()
        if not kwargs and len(bound.args) == len(args):
            raise TypeError(f"{self.__name__}() got the wrong number of arguments")
        return self(*bound.args)

    def compile(self, sig):
        """Compiles an eager signature (``"f8(f8[:])"``, ``float64(float64[:])``)."""
        self._register()
        if self._fallback_reason is not None:
            self._fall_back(*self._fallback_reason)
            return
        arg_types, ret, fallback = self._compile_signature(signature_text(sig))
        if fallback is not None:
            self._fall_back(*fallback)
        self._eager.append((arg_types, ret))

    def _call_eager(self, args):
        """Eager signatures: convert the arguments to the first signature they fit, as Numba
        does, or refuse them."""
        for arg_types, ret in self._eager:
            converted = _convert(args, arg_types)
            if converted is not None:
                # Unchanged arguments that missed the compiled specialisation mean it runs as Python.
                unchanged = all(a is b for a, b in zip(converted, args))
                result = self._call_python(args) if unchanged else self(*converted)
                return _convert_result(result, ret)
        got = ", ".join(str(_native.typeof(a) or type(a).__name__) for a in args)
        raise TypeError(f"No matching definition for argument type(s) {got}")

    # -- inspection and pickling -------------------------------------------------------------

    @property
    def signatures(self):
        return [tuple(s) for s in self._signatures()]

    def inspect_types(self):
        print(self._tir())

    def __repr__(self):
        return f"CPUDispatcher({self.py_func!r})"

    def __get__(self, obj, objtype=None):
        # A dispatcher stored on a class works as a method, as a plain function does.
        if obj is None:
            return self
        return pytypes.MethodType(self, obj)

    def __reduce__(self):
        """Pickles as source, frozen globals and options (not machine code): the other side
        compiles on its first call, once per process."""
        self._register()
        if self._frozen_source is None:
            return (_rebuild_python, (self.py_func, self.options))
        text, filename, first_line, frozen = self._frozen_source
        eager = [f"{ret or ''}({', '.join(args)})" for args, ret in self._eager]
        return (_rebuild, (self.__name__, text, filename, first_line, frozen, self.options, eager))


# Rebuilt functions, by their pickled identity: each compiles once per process.
_rebuilt = {}


def _thaw(kind, payload):
    """The Python value of a frozen global, to run the rebuilt function as Python too."""
    from . import prange as _prange

    if kind == "module":
        return __import__("rhumba") if payload == "numba" else __import__(payload, fromlist=["_"])
    if kind == "library":
        module, attr = payload
        return getattr(__import__(module), attr)
    if kind == "builtin":
        return _prange if payload == "prange" else getattr(builtins, payload)
    if kind == "dtype":
        return getattr(np, payload)
    return payload


def _rebuild(name, text, filename, first_line, frozen, options, eager):
    identity = (name, text, filename, first_line, repr(sorted(options.items())))
    found = _rebuilt.get(identity)
    if found is not None:
        return found
    glb = {"__name__": "__rhumba_rebuilt__", "__builtins__": builtins}
    for kind, var, payload in frozen:
        if kind != "other":
            glb[var] = _thaw(kind, payload)
    namespace = {}
    exec(compile("\n" * (first_line - 1) + text, filename, "exec"), glb, namespace)
    d = Dispatcher(namespace[name], options)
    d._frozen_source = (text, filename, first_line, frozen)
    for sig in eager:
        d.compile(sig)
    _rebuilt[identity] = d
    return d


def _rebuild_python(func, options):
    return Dispatcher(func, options)


def _needs_boxing(value):
    if isinstance(value, np.generic):
        return True
    if isinstance(value, (tuple, list)):
        return any(_needs_boxing(v) for v in value)
    if isinstance(value, dict):
        return any(_needs_boxing(k) or _needs_boxing(v) for k, v in value.items())
    return False


def _as_returned(value):
    """A Python function's result as Numba's dispatcher would return it: numpy scalars as Python
    numbers (inside containers too), and a dict made by the function as a ``typed.Dict``.
    Containers that need no change are returned as they are (the same object)."""
    from .typed import Dict, List

    if isinstance(value, np.generic) and not isinstance(value, np.ndarray):
        return value.item()
    if type(value) is tuple:
        return tuple(_as_returned(v) for v in value)
    if type(value) is dict or (isinstance(value, dict) and _needs_boxing(value)):
        return Dict({_as_returned(k): _as_returned(v) for k, v in value.items()})
    if isinstance(value, list) and _needs_boxing(value):
        return type(value)(_as_returned(v) for v in value) if isinstance(value, List) else [_as_returned(v) for v in value]
    return value


def _convert(args, arg_types):
    """`args` converted to the scalar types of an eager signature, or None when they do not fit."""
    if len(args) != len(arg_types):
        return None
    out = []
    for value, ty in zip(args, arg_types):
        have = _native.typeof(value)
        if have == ty:
            out.append(value)
            continue
        if have is None or "[" in ty or "[" in have:
            return None
        scalar = getattr(np, ty, None) if ty != "bool" else np.bool_
        if scalar is None:
            return None
        if ty.startswith(("int", "uint")) and have.startswith("float"):
            return None  # Numba refuses to narrow a float to an integer parameter
        out.append(float(value) if ty == "float64" else scalar(value))
    return tuple(out)


def _convert_result(value, ret):
    if ret is None or value is None:
        return value
    if ret.startswith("float"):
        # The declared type's precision, returned as a Python float (as Numba does).
        return float(np.array(value).astype(ret))
    if ret.startswith(("int", "uint")):
        # Wrapped to the declared width, as the compiled conversion does.
        return int(np.array(value).astype(np.int64).astype(ret))
    if ret == "bool":
        return bool(value)
    return value


def _decorate(args, kwargs, cls=Dispatcher, defaults=None):
    """The decorator protocol Numba's ``jit`` family follows: ``@njit``, ``@njit(...)``,
    ``@njit("sig")``, ``@njit(["sig", ...])``, ``njit(func)``."""
    options = dict(defaults or {})
    for key in kwargs:
        if key not in _ACCEPTED_OPTIONS:
            raise TypeError(f"unknown option {key}=")
    options.update(kwargs)
    signatures = []
    if args:
        first = args[0]
        if callable(first) and not isinstance(first, (str, Type)) and not hasattr(first, "return_type"):
            return cls(first, options)
        if isinstance(first, (list, tuple)) and not (first and isinstance(first[0], Type) and not hasattr(first[0], "return_type") and len(args) == 1 and isinstance(first, tuple)):
            signatures = list(first)
        else:
            signatures = [first]
    signatures += [options.pop("signature_or_function")] if "signature_or_function" in options else []

    def wrap(func):
        if isinstance(func, Dispatcher):
            func = func.py_func
        if options.get("forceobj"):
            return func
        return cls(func, options, signatures)

    return wrap


def njit(*args, **kwargs):
    """Numba's ``njit``: compile the function on its first call for each argument types."""
    return _decorate(args, kwargs)


def jit(*args, **kwargs):
    """Numba's ``jit``; rhumba always compiles as ``nopython=True`` would, falling back to
    Python for what it cannot compile yet."""
    return _decorate(args, kwargs)
