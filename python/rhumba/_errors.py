"""The exceptions rhumba raises, named as Numba names them, and the helpers the native module
calls to raise a kernel's error with a traceback entry at the kernel's file and line."""

import types


class NumbaError(Exception):
    """Base class of rhumba's compilation errors (Numba's name, so ``except`` clauses port)."""


class TypingError(NumbaError, TypeError):
    """A function Numba would refuse to compile too: the types do not work out."""


class UnsupportedError(NumbaError):
    """A construct rhumba does not compile yet, in strict (nopython) mode."""


class NumbaWarning(Warning):
    """Base class of rhumba's warnings."""


class NumbaPerformanceWarning(NumbaWarning):
    """Code that runs, but slower than it could."""


class RhumbaFallbackWarning(NumbaWarning):
    """A decorated function runs as ordinary Python because rhumba cannot compile it yet."""


# Numba's other public error names, so that code catching them keeps working.
NumbaValueError = ValueError
NumbaTypeError = TypeError
LoweringError = NumbaError


def _frame(exc, filename, lineno, name):
    """A traceback entry at `filename:lineno` in function `name` (a code object that raises
    `exc` on that line, run once to get its frame)."""
    code = compile("\n" * max(lineno - 1, 0) + "raise __rhumba_exception__", filename or "<rhumba>", "exec")
    code = code.replace(co_name=name)
    try:
        exec(code, {"__rhumba_exception__": exc, "__name__": "rhumba"})
    except BaseException as raised:  # noqa: BLE001 - we raised it ourselves, just above
        tb = raised.__traceback__
        # The first entry is this helper's exec call; the next is the synthesised frame.
        return tb.tb_next if tb is not None else None
    return None


def with_frames(exc, frames):
    """`exc` with a traceback made of `frames` ((file, line, function), outermost first)."""
    tb = None
    for filename, lineno, name in reversed(frames):
        entry = _frame(exc, filename, lineno, name)
        if entry is not None:
            tb = types.TracebackType(tb, entry.tb_frame, entry.tb_lasti, entry.tb_lineno)
    return exc.with_traceback(tb)


_BUILTIN_EXCEPTIONS = {
    name: getattr(__import__("builtins"), name)
    for name in ("IndexError", "ZeroDivisionError", "ValueError", "AssertionError", "OverflowError", "MemoryError", "RuntimeError", "TypeError", "KeyError", "RecursionError")
}


# The program's exception classes that compiled code may raise, by (name, lineage): a kernel's
# error names its class so.
_CLASSES = {}


def register_class(cls):
    """Records an exception class a compiled function refers to; returns its lineage (the
    names of the class and its bases, itself first)."""
    lineage = [c.__name__ for c in cls.__mro__ if issubclass(c, BaseException)]
    _CLASSES[(cls.__name__, tuple(lineage))] = cls
    return lineage


def kernel_error(exception, message, frames, args=None, lineage=()):
    """The exception a compiled function raised, located at its file and line. `args` are the
    arguments of a `raise` in the kernel (None for rhumba's own checks, which carry a message)."""
    cls = _CLASSES.get((exception, tuple(lineage))) or _BUILTIN_EXCEPTIONS.get(exception) or getattr(__import__("builtins"), exception, None)
    if not (isinstance(cls, type) and issubclass(cls, BaseException)):
        cls = RuntimeError
    if args is not None:
        exc = cls(*args)
    else:
        exc = cls(message) if message else cls()
    return with_frames(exc, frames)


def _source_line(filename, lineno):
    import linecache

    return linecache.getline(filename, lineno).rstrip("\n") if filename else ""


def typing_error(message, filename, lineno, function):
    """A TypingError pointing at the user's file, line and source text."""
    line = _source_line(filename, lineno)
    text = f"{message}\n\nFile \"{filename}\", line {lineno}, in {function}\n    {line.strip()}" if line else message
    return with_frames(TypingError(text), [(filename, lineno, function)])
