# try/except/else/finally in host code: exceptions raised by compiled kernels (ZeroDivisionError, IndexError
# with boundscheck, numpy's LinAlgError as a ValueError) caught by class, tuple and base class; a
# bare raise re-raising; break through finally; `except ... as e` holding the message.
import numpy as np
from numba import njit


@njit
def ratio(a, b):
    return a // b


@njit(boundscheck=True)
def at(a, i):
    return a[i]


def attempt(a, b):
    try:
        r = ratio(a, b)
    except ZeroDivisionError as e:
        print("caught:", e)
        r = -1
    else:
        print("no error")
    finally:
        print("finally runs")
    return r


print(attempt(7, 2), attempt(7, 0))
for i in (1, 5):
    try:
        print(at(np.arange(3), i))
    except (KeyError, IndexError):
        print("index", i, "out of range")
try:
    try:
        np.linalg.inv(np.ones((2, 2)))
    except ValueError:
        print("LinAlgError is a ValueError")
        raise
except Exception as e:
    print("re-raised:", e)


def loop():
    total = 0
    for k in range(5):
        try:
            if k == 3:
                break
            total += k
        finally:
            total += 100
    return total


print(loop())
try:
    raise RuntimeError("custom message")
except RuntimeError as err:
    print("got", err)
