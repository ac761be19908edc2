# Exceptions in compiled code: raise with constant and run-time arguments (ints, floats, bools),
# user exception classes and their bases, assert with a message, raises from callees through
# several frames, try/except/else/finally inside kernels (nested, in loops, around calls and
# around Numba's own errors), a KeyboardInterrupt-free handler, and objects caught on the host.
import numpy as np
from numba import njit


class SolverError(Exception):
    pass


class Diverged(SolverError):
    """A subclass: caught by handlers for SolverError."""


@njit
def check_step(i, x):
    if x != x:
        raise Diverged("nan at step", i)
    if x > 1e6:
        raise SolverError("too large", x)
    if i > 50:
        raise RuntimeError
    return x


@njit
def iterate(x0, rate, steps):
    x = x0
    for i in range(steps):
        x = check_step(i, x * rate)
    return x


@njit
def flags(a, b):
    if a and not b:
        raise ValueError(a, b)
    assert a == b, "flags differ"
    assert a
    return 1


@njit
def guarded_mean(a):
    total = 0.0
    bad = 0
    for i in range(a.shape[0]):
        try:
            total += check_step(i, a[i])
        except Exception:
            bad += 1
    if bad == a.shape[0]:
        raise ValueError("no valid values")
    return total / (a.shape[0] - bad), bad


@njit(boundscheck=True)
def nested(a, i, j):
    out = 0
    try:
        try:
            out = a[i] // a[j]
        except Exception:
            out = -1
            x = a[i + 100]
        else:
            out += 1000
    except:
        out = -2
    finally:
        out *= 10
    return out


@njit(boundscheck=True)
def first_bad(a):
    count = 0
    for k in range(-2, a.shape[0] + 2):
        try:
            v = a[k]
        except Exception:
            count += 1
            continue
        if v < 0:
            break
    else:
        count += 100
    return count


def show(f, *args):
    try:
        print("ok", f(*args))
    except SolverError as e:
        print("solver:", type(e).__name__, e.args, str(e), repr(e))
    except (ValueError, AssertionError, RuntimeError) as e:
        print(type(e).__name__, e.args, str(e))


show(iterate, 1.0, 2.0, 10)
show(iterate, 1.0, 3.0, 20)
show(iterate, 1.0, 1.0, 60)
show(iterate, float("nan"), 1.0, 5)
show(flags, True, True)
show(flags, True, False)
show(flags, False, True)
show(flags, False, False)
show(guarded_mean, np.array([1.0, np.nan, 3.0, 2e7, 5.0]))
show(guarded_mean, np.array([np.nan, np.nan]))
a = np.array([7, 0, 3, 9])
print(nested(a, 0, 2), nested(a, 0, 1), nested(a, 1, 1), nested(a, 3, 2))
print(first_bad(np.array([1.0, 2.0, 3.0])), first_bad(np.array([1.0, -2.0, 3.0])))
try:
    iterate(1.0, 3.0, 20)
except Diverged:
    print("not reached")
except Exception as e:
    print("caught by its base:", type(e).__name__, isinstance(e, Exception))
