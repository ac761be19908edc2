"""Calls from CPython: zero-copy arrays in and out, strides, read-only arrays, scalars and
tuples as Numba returns them, errors with the kernel's line, fallback and strict mode, memory."""

import gc
import threading
import time
import warnings

import numpy as np
import pytest

import rhumba
from rhumba import njit, prange


@njit
def fill(a, v):
    for i in range(a.shape[0]):
        a[i] = v


@njit
def total(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i]
    return s


@njit
def doubled(a):
    out = np.empty_like(a)
    for i in range(a.shape[0]):
        out[i] = 2 * a[i]
    return out


@njit
def first_row(a):
    return a[0]


@njit
def stats(a):
    return a.min(), a.max(), a.shape[0]


@njit
def half(x):
    return np.float32(x) / np.float32(3)


@njit
def at(a, i):
    return a[i]


def test_kernel_writes_into_the_callers_array():
    a = np.zeros(5)
    fill(a, 7.5)
    assert a.tolist() == [7.5] * 5


def test_returned_array_owns_rhumbas_buffer_without_copy():
    b = doubled(np.arange(4.0))
    assert b.tolist() == [0.0, 2.0, 4.0, 6.0]
    assert type(b.base).__name__ == "Buffer" and type(b.base).__module__ == "rhumba._native"
    assert b.flags.writeable and b.flags.c_contiguous


@njit
def ones_and_tail(n):
    out = np.ones(n)
    return out, out[1:]


def test_arrays_sharing_a_kernel_buffer_share_one_owner():
    x, y = ones_and_tail(4)
    assert x.tolist() == [1.0] * 4 and y.tolist() == [1.0] * 3
    assert y.base is x.base and np.shares_memory(x, y)  # one buffer, not copies
    y[0] = 7.0
    assert x[1] == 7.0


@njit
def touched(a):
    a[0] = 5.0
    return a


def test_a_returned_argument_is_the_same_object_in_every_tier():
    a = np.zeros(3)
    for _ in range(200):  # long enough for the optimising tier to take over
        assert touched(a) is a


def test_view_of_an_argument_is_based_on_it():
    a = np.arange(12.0).reshape(3, 4)
    row = first_row(a)
    assert row.tolist() == [0.0, 1.0, 2.0, 3.0]
    row[0] = 99.0
    assert a[0, 0] == 99.0


def test_strided_and_reversed_arrays():
    a = np.arange(10.0)
    assert total(a[::3]) == 0 + 3 + 6 + 9
    assert total(a[::-1]) == 45.0
    b = np.arange(12.0).reshape(3, 4).T[1]
    assert total(b) == 1 + 5 + 9


def test_every_dtype_passes():
    for dtype in (np.float64, np.float32, np.int64, np.int32, np.int16, np.int8, np.uint8, np.uint16, np.uint32, np.uint64, np.bool_):
        a = np.ones(3, dtype=dtype)
        assert total(a) == 3.0, dtype


def test_read_only_array_is_refused_for_writing():
    a = np.zeros(3)
    a.setflags(write=False)
    with pytest.raises(ValueError, match="read-only"):
        fill(a, 1.0)
    assert total(a) == 0.0  # reading it is fine


def test_scalars_and_tuples_come_back_as_numba_returns_them():
    assert stats(np.array([3.0, -1.0, 2.0])) == (-1.0, 3.0, 3)
    r = half(1.0)
    assert type(r) is float and r == float(np.float32(1) / np.float32(3))


def test_index_error_names_the_kernel_line():
    with pytest.raises(IndexError) as info:
        at(np.zeros(3), 5)
    last = info.traceback[-1]
    assert last.name == "at" and str(last.path).endswith("test_calls.py")
    assert "return a[i]" in str(last.statement)


def test_typing_error_points_at_the_line():
    @njit
    def bad(x):
        return x(1)

    with pytest.raises(rhumba.TypingError) as info:
        bad(1.0)
    assert "test_calls.py" in str(info.value)


def test_fallback_warns_once_and_runs_python():
    @njit
    def uses_str(s):
        return s.title()

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert uses_str("ab") == "Ab"
        assert uses_str("cd") == "Cd"
    fallbacks = [w for w in caught if issubclass(w.category, rhumba.RhumbaFallbackWarning)]
    assert len(fallbacks) == 1 and "uses_str" in str(fallbacks[0].message)


def test_strict_mode_refuses_fallback():
    @njit(strict=True)
    def uses_str(s):
        return s.title()

    with pytest.raises(rhumba.UnsupportedError):
        uses_str("ab")


def test_keyword_and_default_arguments():
    @njit
    def poly(x, a=1.0, b=0.0):
        return a * x + b

    assert poly(2.0) == 2.0
    assert poly(2.0, b=1.0) == 3.0
    assert poly(2.0, 3.0, 1.0) == 7.0


def test_eager_signature_converts_and_wraps():
    @njit("int32(int32, int32)")
    def add32(x, y):
        return x + y

    assert add32(2**31 - 1, 1) == -(2**31)
    with pytest.raises(TypeError, match="No matching definition"):
        add32(np.zeros(2), 1)


def test_calls_between_compiled_functions_and_globals():
    scale = 3.0
    table = np.array([1.0, 2.0])

    @njit
    def inner(x):
        return x * scale

    @njit
    def outer(i):
        return inner(table[i])

    assert outer(1) == 6.0


def test_memory_stays_flat_over_many_calls_returning_arrays():
    import resource

    a = np.arange(1000.0)
    doubled(a)
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(100_000):
        doubled(a)
    gc.collect()
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # 10^5 arrays of 8 kB would be 800 MB if any were kept; allow allocator noise.
    assert after - before < 50_000, f"max RSS grew by {after - before} kB"


@njit
def busy(n):
    s = 0.0
    for i in range(n):
        s += (i % 7) * 0.5
    return s


@njit
def wait_for_host(flags, limit, step):
    # Announces that the kernel is running, then spins until the host thread answers. With the
    # GIL held during the call, the host thread could not run until the spin gave up. The index
    # `spins * step` (step is 0) keeps an optimiser from reading flags[0] once, before the loop.
    flags[1] = 1
    spins = 0
    while flags[spins * step] == 0:
        spins += 1
        if spins >= limit:
            return -1
    return spins


def test_a_kernel_call_releases_the_gil():
    # A handshake rather than a timing: the kernel waits for the main thread, which can only
    # answer while the kernel runs if the call released the GIL.
    wait_for_host(np.array([1, 0], dtype=np.int64), 10, 0)
    flags = np.zeros(2, dtype=np.int64)
    results = []
    worker = threading.Thread(target=lambda: results.append(wait_for_host(flags, 20_000_000_000, 0)))
    worker.start()
    while flags[1] == 0 and worker.is_alive():
        time.sleep(0.001)
    flags[0] = 1
    worker.join()
    assert results and results[0] >= 0, "the kernel gave up waiting: the call held the GIL"


@njit(parallel=True)
def psum(a):
    s = 0.0
    for i in prange(a.shape[0]):
        s += a[i]
    return s


def test_prange_and_thread_count():
    a = np.arange(100_000.0)
    assert psum(a) == a.sum()
    before = rhumba.get_num_threads()
    rhumba.set_num_threads(1)
    assert rhumba.get_num_threads() == 1
    assert psum(a) == a.sum()
    rhumba.set_num_threads(before)


def test_short_calls_keep_the_gil_and_long_ones_release_it():
    @njit
    def tiny(x):
        return x + 1.0

    for _ in range(100):
        tiny(1.0)
    assert tiny._gil_state() == [(100, False, False)]  # 64 short calls: keep the GIL

    @njit(nogil=True)
    def tiny_nogil(x):
        return x + 1.0

    for _ in range(100):
        tiny_nogil(1.0)
    assert tiny_nogil._gil_state()[0][1] is True  # nogil=True always releases it

    busy(1000)
    busy(1000)
    busy(20_000_000)  # a long call: every later call releases the GIL
    assert busy._gil_state()[0][1:] == (True, True)


def test_lists_of_arrays_compile_and_keep_identity():
    # strict=True: the function must compile (no fallback to Python) for lists of arrays.
    @njit(strict=True)
    def grow(arrays, scale):
        for k in range(len(arrays)):
            arrays[k][0] = -1.0
        made = arrays[1] * scale
        arrays.append(made)
        return made, arrays[0], arrays[2][1:]

    host = [np.zeros(3), np.arange(4.0), np.ones(5)]
    first = host[0]
    made, same, view = grow(host, 2.0)
    assert len(host) == 4 and np.shares_memory(host[-1], made)  # one array, appended and returned
    assert same is first  # an argument's array comes back as itself
    assert first[0] == -1.0 and host[2][0] == -1.0  # written through the list's items
    assert np.array_equal(made, [-2.0, 2.0, 4.0, 6.0])
    assert view.base is not None and np.shares_memory(view, host[2])
    view[0] = 9.0
    assert host[2][1] == 9.0

    frozen = np.ones(2)
    frozen.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        grow([frozen, np.ones(2)], 1.0)


def test_lists_of_lists_are_returned_as_lists():
    @njit(strict=True)
    def pascal(n):
        rows = [[1]]
        for i in range(1, n):
            prev = rows[i - 1]
            row = [1] * (i + 1)
            for j in range(1, i):
                row[j] = prev[j - 1] + prev[j]
            rows.append(row)
        return rows

    assert pascal(5) == [[1], [1, 1], [1, 2, 1], [1, 3, 3, 1], [1, 4, 6, 4, 1]]


def test_dicts_of_arrays_pass_both_ways_and_keep_identity():
    # strict=True: the function must compile (no fallback to Python) for dicts of arrays.
    @njit(strict=True)
    def update(d, scale):
        for k in d:
            d[k][0] = -1.0
        made = d[1] * scale
        d[7] = made
        return made, d[2]

    from rhumba.typed import Dict

    d = Dict()
    d[1] = np.arange(3.0)
    d[2] = np.ones(2)
    second = d[2]
    made, same = update(d, 2.0)
    assert sorted(d.keys()) == [1, 2, 7] and np.shares_memory(d[7], made)  # stored and returned
    assert same is second  # an argument's array comes back as itself
    assert d[1][0] == -1.0 and second[0] == -1.0  # written through the dict's values
    assert np.array_equal(made, [-2.0, 2.0, 4.0])

    frozen = np.ones(2)
    frozen.flags.writeable = False
    d2 = Dict()
    d2[1] = frozen
    with pytest.raises(ValueError, match="read-only"):
        update(d2, 1.0)


def test_dicts_of_lists_are_reflected():
    @njit(strict=True)
    def push(d, v):
        for k in d:
            d[k].append(v * k)
        d[9] = [v]
        return len(d)

    from rhumba.typed import Dict

    d = Dict()
    d[1] = [1.0]
    d[2] = [2.0, 3.0]
    first = d[1]
    assert push(d, 0.5) == 3
    assert d[1] is first and first == [1.0, 0.5]
    assert d[2] == [2.0, 3.0, 1.0] and d[9] == [0.5]
