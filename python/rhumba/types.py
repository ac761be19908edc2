"""Numba's type names (``float64``, ``int32[:]``, ``float64(float64[:], int64)``) as rhumba's
Python package offers them: enough to write eager signatures and to read ``typeof``'s answer.
A type's ``str`` is the signature syntax rhumba's compiler parses."""

import numpy as np


class Type:
    """A scalar or array type; ``float64[:, ::1]`` makes an array type, ``float64(...)`` a
    signature."""

    def __init__(self, name):
        self.name = name

    def __str__(self):
        return self.name

    def __repr__(self):
        return self.name

    def __eq__(self, other):
        return isinstance(other, Type) and str(self) == str(other)

    def __hash__(self):
        return hash(str(self))

    def __getitem__(self, dims):
        if not isinstance(dims, tuple):
            dims = (dims,)
        parts = []
        for d in dims:
            if not isinstance(d, slice):
                raise TypeError(f"array types are written with slices, such as {self.name}[:]")
            parts.append("::1" if d.step == 1 else ":")
        return Array(self, len(dims), "C" if parts and parts[-1] == "::1" else "A", "[" + ", ".join(parts) + "]")

    def __call__(self, *args):
        # `np.float64(1.5)`-style use in host code converts a value, as the numpy type does;
        # with type arguments it makes a signature.
        if args and not all(isinstance(a, Type) for a in args):
            if len(args) == 1 and self.name in _NUMPY:
                return _NUMPY[self.name](args[0])
            raise TypeError(f"{self.name}() takes types (a signature) or one value")
        return Signature(self, args)

    @property
    def dtype(self):
        return np.dtype(_NUMPY[self.name])


class Array(Type):
    """``dtype[:, :]``: an array type of a dtype, number of dimensions and layout."""

    def __init__(self, dtype, ndim, layout="A", text=None):
        self.dtype_type = dtype
        self.ndim = ndim
        self.layout = layout
        super().__init__(f"{dtype.name}{text or '[' + ', '.join([':'] * ndim) + ']'}")

    def __call__(self, *args):
        return Signature(self, args)

    @property
    def dtype(self):
        return self.dtype_type


class Signature:
    """``return_type(arg_types...)``."""

    def __init__(self, return_type, args):
        self.return_type = return_type
        self.args = tuple(args)

    def __str__(self):
        ret = "" if self.return_type is None else str(self.return_type)
        return f"{ret}({', '.join(str(a) for a in self.args)})"

    __repr__ = __str__


_NUMPY = {
    "boolean": np.bool_, "bool_": np.bool_, "b1": np.bool_,
    "int8": np.int8, "int16": np.int16, "int32": np.int32, "int64": np.int64,
    "uint8": np.uint8, "uint16": np.uint16, "uint32": np.uint32, "uint64": np.uint64,
    "float32": np.float32, "float64": np.float64,
    "intp": np.intp, "uintp": np.uintp, "intc": np.intc, "uintc": np.uintc,
    "i1": np.int8, "i2": np.int16, "i4": np.int32, "i8": np.int64,
    "u1": np.uint8, "u2": np.uint16, "u4": np.uint32, "u8": np.uint64,
    "f4": np.float32, "f8": np.float64, "byte": np.int8,
}

_CANONICAL = {
    "boolean": "bool", "bool_": "bool", "b1": "bool", "intp": "int64", "uintp": "uint64", "intc": "int32", "uintc": "uint32",
    "i1": "int8", "i2": "int16", "i4": "int32", "i8": "int64", "u1": "uint8", "u2": "uint16", "u4": "uint32",
    "u8": "uint64", "f4": "float32", "f8": "float64", "byte": "int8",
}

for _name in _NUMPY:
    globals()[_name] = Type(_CANONICAL.get(_name, _name))

void = none = Type("void")
double = float64  # noqa: F821 - defined in the loop above
float_ = float32  # noqa: F821
int_ = int64  # noqa: F821

# Numba's names for types rhumba does not compile yet: signatures using them are refused with a
# clear message by the compiler.
complex64 = Type("complex64")
complex128 = Type("complex128")
unicode_type = Type("unicode_type")


class DeferredType(Type):
    """``numba.deferred_type()``: a type named before it is defined (for linked jitclasses)."""

    def __init__(self):
        super().__init__("deferred_type")
        self.defined = None

    def define(self, ty):
        self.defined = ty


def deferred_type():
    """``numba.deferred_type`` (for jitclass specs, which run as Python here)."""
    return DeferredType()


def optional(ty):
    """``numba.optional(T)``."""
    return Type(f"OptionalType({ty})")


class ListType(Type):
    def __init__(self, item):
        super().__init__(f"ListType[{item}]")


class DictType(Type):
    def __init__(self, key, value):
        super().__init__(f"DictType[{key},{value}]")

__all__ = sorted(n for n in list(globals()) if not n.startswith("_") and n not in ("np",))


def signature_text(sig):
    """A signature (string, Signature or return-less tuple of types) as rhumba's parser reads it."""
    if isinstance(sig, str):
        return sig
    if isinstance(sig, Signature):
        return str(sig)
    if isinstance(sig, tuple):
        return "(" + ", ".join(str(a) for a in sig) + ")"
    raise TypeError(f"not a signature: {sig!r}")


def typeof(value):
    """The type rhumba gives `value` (Numba's ``typeof``)."""
    from . import _native

    name = _native.typeof(value)
    if name is None:
        raise ValueError(f"cannot determine the rhumba type of {type(value).__name__}")
    if "[" in name:
        base, dims = name.split("[", 1)
        return Array(Type(base), name.count(",") + 1, "A", "[" + dims)
    if name.startswith("("):
        return name
    return Type(name)


def UniTuple(dtype, count):
    """``types.UniTuple(int64, 2)``: the type of a tuple of `count` values of one type (for
    ``Dict.empty`` and ``List.empty_list``)."""
    return Type(f"UniTuple({dtype} x {count})")


def Tuple(*items):
    """``types.Tuple((int64, float64))``: the type of a tuple of values of these types."""
    if len(items) == 1 and isinstance(items[0], (tuple, list)):
        items = tuple(items[0])
    return Type(f"Tuple({', '.join(str(t) for t in items)})")
