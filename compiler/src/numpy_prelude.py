# rhumba's numpy prelude: numpy functions that compiled code calls, written in the compiled
# subset itself (as Numba writes its numpy support in Python with @overload). The checker types a
# call such as `np.searchsorted(s, q, side="right")` by compiling the function of that name here
# for the argument types; a string keyword `side="right"` arrives as the flag `side_right=True`.
# Functions whose name starts with `_` are helpers; `name__variant` is chosen by the checker from
# the argument types (see `prelude.rs`). Results follow numpy's: dtypes, NaN placement, ties.


def _less(x, y):
    # numpy's sort order: NaN after every number.
    return x < y or (x == x and y != y)


def _merge_keys(keys, src, dst, width, n):
    lo = 0
    while lo < n:
        mid = min(lo + width, n)
        hi = min(lo + 2 * width, n)
        i = lo
        j = mid
        k = lo
        while k < hi:
            if i < mid and (j >= hi or not _less(keys[src[j]], keys[src[i]])):
                dst[k] = src[i]
                i += 1
            else:
                dst[k] = src[j]
                j += 1
            k += 1
        lo += 2 * width


def argsort(a, kind_quicksort=False, kind_mergesort=False, kind_stable=False, kind_heapsort=False):
    # Stable: equal keys keep their order (numpy's "mergesort"/"stable").
    n = a.shape[0]
    src = np.arange(n)
    dst = np.empty_like(src)
    width = 1
    while width < n:
        _merge_keys(a, src, dst, width, n)
        src, dst = dst, src
        width *= 2
    return src


def sort(a, kind_quicksort=False, kind_mergesort=False, kind_stable=False, kind_heapsort=False):
    # The values in the stable order `argsort` finds (every `kind` gives numpy's order).
    order = argsort(a)
    out = np.empty_like(a)
    for i in range(order.shape[0]):
        out[i] = a[order[i]]
    return out


def _search(a, v, right):
    lo = 0
    hi = a.shape[0]
    while lo < hi:
        mid = (lo + hi) // 2
        if right:
            go_right = not _less(v, a[mid])
        else:
            go_right = _less(a[mid], v)
        if go_right:
            lo = mid + 1
        else:
            hi = mid
    return lo


def searchsorted(a, v, side_left=False, side_right=False):
    return _search(a, v, side_right)


def searchsorted__array(a, v, side_left=False, side_right=False):
    out = np.empty(v.shape[0], dtype=np.int64)
    for i in range(v.shape[0]):
        out[i] = _search(a, v[i], side_right)
    return out


def cumprod(a):
    out = a.ravel().copy()
    for i in range(1, out.shape[0]):
        out[i] = out[i - 1] * out[i]
    return out


def linspace(start, stop, num=50):
    out = np.empty(num)
    if num == 1:
        out[0] = start
        return out
    step = (stop - start) / (num - 1)
    for i in range(num):
        out[i] = i * step + start
    if num > 0:
        out[num - 1] = stop
    return out


def histogram(a, bins=10):
    # numpy's algorithm for an integer number of equal bins over the data's range.
    lo = a.min()
    hi = a.max()
    if lo == hi:
        lo = lo - 0.5
        hi = hi + 0.5
    edges = linspace(lo * 1.0, hi * 1.0, bins + 1)
    counts = np.zeros(bins, dtype=np.int64)
    norm = bins / (edges[bins] - edges[0])
    for x in a.ravel():
        k = int((x - edges[0]) * norm)
        if k == bins:
            k -= 1
        if x < edges[k]:
            k -= 1
        elif k != bins - 1 and x >= edges[k + 1]:
            k += 1
        counts[k] += 1
    return counts, edges


def concatenate(arrays):
    n = 0
    for x in arrays:
        n += x.shape[0]
    out = np.empty(n, dtype=arrays[0].dtype)
    k = 0
    for x in arrays:
        for i in range(x.shape[0]):
            out[k] = x[i]
            k += 1
    return out


def where__1d(cond):
    n = 0
    for i in range(cond.shape[0]):
        if cond[i]:
            n += 1
    idx = np.empty(n, dtype=np.int64)
    k = 0
    for i in range(cond.shape[0]):
        if cond[i]:
            idx[k] = i
            k += 1
    return (idx,)


def where__2d(cond):
    n = 0
    for i in range(cond.shape[0]):
        for j in range(cond.shape[1]):
            if cond[i, j]:
                n += 1
    rows = np.empty(n, dtype=np.int64)
    cols = np.empty(n, dtype=np.int64)
    k = 0
    for i in range(cond.shape[0]):
        for j in range(cond.shape[1]):
            if cond[i, j]:
                rows[k] = i
                cols[k] = j
                k += 1
    return rows, cols


def trace(a):
    s = a[0, 0] * 0
    for i in range(min(a.shape[0], a.shape[1])):
        s += a[i, i]
    return s


def outer(a, b):
    out = np.empty((a.shape[0], b.shape[0]))
    for i in range(a.shape[0]):
        for j in range(b.shape[0]):
            out[i, j] = a[i] * b[j]
    return out


# ---------------------------------------------------------------- products and linear algebra
# np.dot and `@` by the operands' dimensions; np.linalg by LU factorisation with partial
# pivoting (LAPACK's getrf order, so results agree with numpy's to rounding).


def dot__1_1(a, b):
    s = a[0] * b[0] - a[0] * b[0]
    for i in range(a.shape[0]):
        s += a[i] * b[i]
    return s


def dot__2_1(m, v):
    out = np.empty(m.shape[0])
    for i in range(m.shape[0]):
        s = 0.0
        for k in range(m.shape[1]):
            s += m[i, k] * v[k]
        out[i] = s
    return out


def dot__1_2(v, m):
    out = np.zeros(m.shape[1])
    for k in range(m.shape[0]):
        for j in range(m.shape[1]):
            out[j] += v[k] * m[k, j]
    return out


def dot__2_2(a, b):
    out = np.zeros((a.shape[0], b.shape[1]))
    for i in range(a.shape[0]):
        for k in range(a.shape[1]):
            x = a[i, k]
            for j in range(b.shape[1]):
                out[i, j] += x * b[k, j]
    return out


def _lu(a):
    # In-place LU of a copy with row pivots; returns (lu, pivots, sign); a zero pivot leaves
    # a zero on the diagonal (the caller decides what singular means).
    n = a.shape[0]
    lu = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            lu[i, j] = a[i, j]
    piv = np.arange(n)
    sign = 1.0
    for k in range(n):
        p = k
        best = abs(lu[k, k])
        for i in range(k + 1, n):
            if abs(lu[i, k]) > best:
                best = abs(lu[i, k])
                p = i
        if p != k:
            for j in range(n):
                t = lu[k, j]
                lu[k, j] = lu[p, j]
                lu[p, j] = t
            t2 = piv[k]
            piv[k] = piv[p]
            piv[p] = t2
            sign = -sign
        if lu[k, k] != 0.0:
            for i in range(k + 1, n):
                f = lu[i, k] / lu[k, k]
                lu[i, k] = f
                for j in range(k + 1, n):
                    lu[i, j] -= f * lu[k, j]
    return lu, piv, sign


def linalg_det(a):
    lu, piv, sign = _lu(a)
    d = sign
    for i in range(a.shape[0]):
        d *= lu[i, i]
    return d


def _lu_solve_into(lu, piv, b, out):
    n = lu.shape[0]
    for i in range(n):
        s = b[piv[i]]
        for j in range(i):
            s -= lu[i, j] * out[j]
        out[i] = s
    for i in range(n - 1, -1, -1):
        s = out[i]
        for j in range(i + 1, n):
            s -= lu[i, j] * out[j]
        out[i] = s / lu[i, i]


def linalg_inv(a):
    n = a.shape[0]
    lu, piv, sign = _lu(a)
    for i in range(n):
        if lu[i, i] == 0.0:
            _raise_singular()
    out = np.empty((n, n))
    e = np.zeros(n)
    col = np.empty(n)
    for j in range(n):
        e[j] = 1.0
        _lu_solve_into(lu, piv, e, col)
        for i in range(n):
            out[i, j] = col[i]
        e[j] = 0.0
    return out


def linalg_solve__1d(a, b):
    n = a.shape[0]
    lu, piv, sign = _lu(a)
    for i in range(n):
        if lu[i, i] == 0.0:
            _raise_singular()
    out = np.empty(n)
    _lu_solve_into(lu, piv, b, out)
    return out


def linalg_norm__1d(x, ord=None):
    if ord is None:
        s = 0.0
        for v in x:
            s += v * v
        return np.sqrt(s)
    if ord == np.inf:
        m = 0.0
        for v in x:
            m = max(m, abs(v))
        return m
    if ord == -np.inf:
        m = np.inf
        for v in x:
            m = min(m, abs(v))
        return m
    if ord == 0:
        c = 0.0
        for v in x:
            if v != 0:
                c += 1.0
        return c
    if ord == 1:
        s = 0.0
        for v in x:
            s += abs(v)
        return s
    if ord == 2:
        s = 0.0
        for v in x:
            s += v * v
        return np.sqrt(s)
    s = 0.0
    for v in x:
        s += abs(v) ** ord
    return s ** (1.0 / ord)


def linalg_norm__2d(x, ord=None):
    # The Frobenius norm (numpy's default for matrices).
    s = 0.0
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            s += x[i, j] * x[i, j]
    return np.sqrt(s)


# Complex numbers. The checker calls these for `/` and `**` on complex values and for `cmath`;
# each follows Numba's implementation (CPython's algorithms), so every tier gets the same bits.


def _complex_div(a, b):
    # CPython's _Py_c_quot, as Numba's complex_div.
    areal = a.real
    aimag = a.imag
    breal = b.real
    bimag = b.imag
    if breal == 0.0 and bimag == 0.0:
        _raise_complex_division()
    if abs(breal) >= abs(bimag):
        ratio = bimag / breal
        denom = breal + bimag * ratio
        return complex((areal + aimag * ratio) / denom, (aimag - areal * ratio) / denom)
    ratio = breal / bimag
    denom = breal * ratio + bimag
    return complex((areal * ratio + aimag) / denom, (aimag * ratio - areal) / denom)


def _complex_pow(a, b):
    # Numba squares by a product ("cpow loses a lot of precision"), else CPython's _Py_c_pow.
    if b.real == 2.0 and b.imag == 0.0:
        return a * a
    if b.real == 0.0 and b.imag == 0.0:
        return complex(1.0, 0.0)
    if a.real == 0.0 and a.imag == 0.0:
        if b.imag != 0.0 or b.real < 0.0:
            return complex(math.nan, math.nan)
        return complex(0.0, 0.0)
    vabs = math.hypot(a.real, a.imag)
    length = math.pow(vabs, b.real)
    at = math.atan2(a.imag, a.real)
    phase = at * b.real
    if b.imag != 0.0:
        length = length / math.exp(at * b.imag)
        phase = phase + b.imag * math.log(vabs)
    return complex(length * math.cos(phase), length * math.sin(phase))


def cmath_exp(z):
    x = z.real
    y = z.imag
    if math.isfinite(x):
        if math.isfinite(y):
            c = math.cos(y)
            s = math.sin(y)
            r = math.exp(x)
            return complex(r * c, r * s)
        return complex(math.nan, math.nan)
    if math.isnan(x):
        if y != 0.0:
            return complex(x, x)
        return complex(x, y)
    if x > 0.0:
        if math.isfinite(y):
            re = math.cos(y)
            im = math.sin(y)
            if re != 0.0:
                re = re * x
            if im != 0.0:
                im = im * x
            return complex(re, im)
        return complex(x, math.nan)
    if math.isfinite(y):
        r = math.exp(x)
        c = math.cos(y)
        s = math.sin(y)
        return complex(r * c, r * s)
    return complex(0.0, 0.0)


def cmath_sqrt(z):
    # numpy's npy_csqrt (Algorithm 312, CACM vol 10, Oct 1967), as Numba's sqrt_impl.
    a = z.real
    b = z.imag
    if a == 0.0 and b == 0.0:
        return complex(abs(b), b)
    if math.isinf(b):
        return complex(abs(b), b)
    if math.isnan(a):
        return complex(a, a)
    if math.isinf(a):
        if a < 0.0:
            return complex(abs(b - b), math.copysign(a, b))
        return complex(a, math.copysign(b - b, b))
    scale = False
    if abs(a) >= 7.446288774449766e307 or abs(b) >= 7.446288774449766e307:
        a = a * 0.25
        b = b * 0.25
        scale = True
    if a >= 0.0:
        t = math.sqrt((a + math.hypot(a, b)) * 0.5)
        real = t
        imag = b / (2.0 * t)
    else:
        t = math.sqrt((-a + math.hypot(a, b)) * 0.5)
        real = abs(b) / (2.0 * t)
        imag = math.copysign(t, b)
    if scale:
        return complex(real * 2.0, imag)
    return complex(real, imag)


def cmath_log(z):
    return complex(math.log(math.hypot(z.real, z.imag)), math.atan2(z.imag, z.real))


def cmath_log10(z):
    w = cmath_log(z)
    return complex(w.real / 2.302585092994046, w.imag / 2.302585092994046)


def cmath_phase(z):
    return math.atan2(z.imag, z.real)


def cmath_polar(z):
    return math.hypot(z.real, z.imag), math.atan2(z.imag, z.real)


def cmath_rect(r, phi):
    if not math.isfinite(phi):
        if r == 0.0:
            return complex(r, r)
        if math.isinf(r):
            return complex(r, phi)
    real = math.cos(phi)
    imag = math.sin(phi)
    if real == 0.0 and math.isinf(r):
        real = real / r
    else:
        real = real * r
    if imag == 0.0 and math.isinf(r):
        imag = imag / r
    else:
        imag = imag * r
    return complex(real, imag)


def cmath_isnan(z):
    return math.isnan(z.real) or math.isnan(z.imag)


def cmath_isinf(z):
    return math.isinf(z.real) or math.isinf(z.imag)


def cmath_isfinite(z):
    return math.isfinite(z.real) and math.isfinite(z.imag)


def complex_exp(a):
    src = a.reshape(a.size)
    out = np.empty_like(src)
    for k in range(a.size):
        out[k] = cmath_exp(src[k])
    return out.reshape(a.shape)


def complex_conj(a):
    src = a.reshape(a.size)
    out = np.empty_like(src)
    for k in range(a.size):
        out[k] = src[k].conjugate()
    return out.reshape(a.shape)


def complex_abs(a):
    src = a.reshape(a.size)
    out = np.empty(a.size, np.float64)
    for k in range(a.size):
        out[k] = abs(src[k])
    return out.reshape(a.shape)


def complex_abs__c64(a):
    src = a.reshape(a.size)
    out = np.empty(a.size, np.float32)
    for k in range(a.size):
        out[k] = abs(src[k])
    return out.reshape(a.shape)


def complex_real(a):
    src = a.reshape(a.size)
    out = np.empty(a.size, np.float64)
    for k in range(a.size):
        out[k] = src[k].real
    return out.reshape(a.shape)


def complex_real__c64(a):
    src = a.reshape(a.size)
    out = np.empty(a.size, np.float32)
    for k in range(a.size):
        out[k] = src[k].real
    return out.reshape(a.shape)


def complex_imag(a):
    src = a.reshape(a.size)
    out = np.empty(a.size, np.float64)
    for k in range(a.size):
        out[k] = src[k].imag
    return out.reshape(a.shape)


def complex_imag__c64(a):
    src = a.reshape(a.size)
    out = np.empty(a.size, np.float32)
    for k in range(a.size):
        out[k] = src[k].imag
    return out.reshape(a.shape)


def complex_sum(a):
    src = a.reshape(a.size)
    s = 0j
    for k in range(a.size):
        s += src[k]
    return s


def complex_sum__c64(a):
    src = a.reshape(a.size)
    s = np.complex64(0)
    for k in range(a.size):
        s += src[k]
    return s


def complex_prod(a):
    src = a.reshape(a.size)
    p = 1 + 0j
    for k in range(a.size):
        p *= src[k]
    return p


def complex_prod__c64(a):
    src = a.reshape(a.size)
    p = np.complex64(1)
    for k in range(a.size):
        p *= src[k]
    return p


def complex_mean(a):
    return complex_sum(a) / a.size


def complex_mean__c64(a):
    return complex_sum__c64(a) / a.size


def cmath_cosh(z):
    x = z.real
    y = z.imag
    if math.isinf(x):
        if math.isnan(y):
            real = abs(x)
            imag = y
        elif y == 0.0:
            real = abs(x)
            imag = y
        else:
            real = math.copysign(x, math.cos(y))
            imag = math.copysign(x, math.sin(y))
        if x < 0.0:
            imag = -imag
        return complex(real, imag)
    return complex(math.cos(y) * math.cosh(x), math.sin(y) * math.sinh(x))


def cmath_sinh(z):
    x = z.real
    y = z.imag
    if math.isinf(x):
        if math.isnan(y):
            return complex(x, y)
        real = math.cos(y)
        imag = math.sin(y)
        if real != 0.0:
            real = real * x
        if imag != 0.0:
            imag = imag * abs(x)
        return complex(real, imag)
    return complex(math.cos(y) * math.sinh(x), math.sin(y) * math.cosh(x))


def cmath_tanh(z):
    # CPython's c_tanh, as Numba's tanh_impl.
    x = z.real
    y = z.imag
    if math.isinf(x):
        real = math.copysign(1.0, x)
        imag = 0.0
        if not math.isinf(y):
            imag = math.copysign(0.0, math.sin(2.0 * y))
        return complex(real, imag)
    tx = math.tanh(x)
    ty = math.tan(y)
    cx = 1.0 / math.cosh(x)
    txty = tx * ty
    denom = 1.0 + txty * txty
    return complex(tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx)


def cmath_cos(z):
    return cmath_cosh(complex(-z.imag, z.real))


def cmath_sin(z):
    r = cmath_sinh(complex(-z.imag, z.real))
    return complex(r.imag, -r.real)


def cmath_tan(z):
    r = cmath_tanh(complex(-z.imag, z.real))
    return complex(r.imag, -r.real)


# ---------------------------------------------------------------- lists
# The list methods beyond the checker's primitives (`len`, items, `append`, `_truncate`), with
# Python's semantics and Numba's messages. Mutating ones change the list in place: a compiled
# list is a reference.


def _list_pop(lst, i):
    n = len(lst)
    if n == 0:
        raise IndexError("pop from empty list")
    if i < 0:
        i += n
    if i < 0 or i >= n:
        raise IndexError("pop index out of range")
    v = lst[i]
    for k in range(i, n - 1):
        lst[k] = lst[k + 1]
    lst._truncate(n - 1)
    return v


def _list_insert(lst, i, v):
    n = len(lst)
    if i < 0:
        i += n
        if i < 0:
            i = 0
    if i > n:
        i = n
    lst.append(v)
    k = n
    while k > i:
        lst[k] = lst[k - 1]
        k -= 1
    lst[i] = v


def _list_extend(lst, other):
    # The length is read first, so that `xs.extend(xs)` doubles the list once.
    n = len(other)
    for k in range(n):
        lst.append(other[k])


def _list_copy(lst):
    out = lst._new_like()
    for k in range(len(lst)):
        out.append(lst[k])
    return out


def _list_sort(lst):
    # Stable, by `<` as Python's sort orders: runs of 16 sorted by insertion, then merged
    # pairwise between the list and a buffer (a pair already in order is copied, so sorted
    # input costs one pass per level and no comparisons inside a merge).
    n = len(lst)
    run = 16
    lo = 0
    while lo < n:
        hi = min(lo + run, n)
        for i in range(lo + 1, hi):
            v = lst[i]
            j = i - 1
            while j >= lo and v < lst[j]:
                lst[j + 1] = lst[j]
                j -= 1
            lst[j + 1] = v
        lo = hi
    if n <= run:
        return
    src = lst
    dst = _list_copy(lst)
    in_buffer = False
    width = run
    while width < n:
        lo = 0
        while lo < n:
            mid = min(lo + width, n)
            hi = min(lo + 2 * width, n)
            if mid >= hi or not src[mid] < src[mid - 1]:
                for k in range(lo, hi):
                    dst[k] = src[k]
            else:
                i = lo
                j = mid
                k = lo
                while k < hi:
                    if i < mid and (j >= hi or not src[j] < src[i]):
                        dst[k] = src[i]
                        i += 1
                    else:
                        dst[k] = src[j]
                        j += 1
                    k += 1
            lo += 2 * width
        src, dst = dst, src
        in_buffer = not in_buffer
        width *= 2
    if in_buffer:
        for k in range(n):
            lst[k] = src[k]


def _list_sorted(lst):
    out = _list_copy(lst)
    _list_sort(out)
    return out


def _list_reverse(lst):
    i = 0
    j = len(lst) - 1
    while i < j:
        t = lst[i]
        lst[i] = lst[j]
        lst[j] = t
        i += 1
        j -= 1


def _slice_bound(b, n, step, default):
    # Python's slice.indices for one bound (the checker passes i64's minimum for None).
    if b == -9223372036854775807 - 1:
        return default
    if b < 0:
        b += n
        if b < 0:
            b = 0 if step > 0 else -1
    elif b >= n:
        b = n if step > 0 else n - 1
    return b


def _slice_span(n, start, stop, step):
    # (first, past-the-end, step) of a slice of a sequence of length n, as slice.indices.
    if step == -9223372036854775807 - 1:
        step = 1
    if step == 0:
        raise ValueError("slice step cannot be zero")
    if step > 0:
        return _slice_bound(start, n, step, 0), _slice_bound(stop, n, step, n), step
    return _slice_bound(start, n, step, n - 1), _slice_bound(stop, n, step, -1), step


def _list_slice(lst, start, stop, step):
    lo, hi, step = _slice_span(len(lst), start, stop, step)
    out = lst._new_like()
    i = lo
    while (i < hi) if step > 0 else (i > hi):
        out.append(lst[i])
        i += step
    return out


def _list_set_slice(lst, start, stop, step, values):
    # `lst[start:stop:step] = values`. The values are copied first, so that `xs[1:] = xs` reads
    # the list as it was (as Python does); a simple slice changes the list's length to fit.
    n = len(lst)
    lo, hi, step = _slice_span(n, start, stop, step)
    src = _list_copy(values)
    m = len(src)
    if step == 1:
        if hi < lo:
            hi = lo
        old = hi - lo
        if m > old:
            for k in range(m - old):
                lst.append(src[0])
            k = n - 1
            while k >= hi:
                lst[k + m - old] = lst[k]
                k -= 1
        elif m < old:
            for k in range(hi, n):
                lst[k - old + m] = lst[k]
            lst._truncate(n - old + m)
        for k in range(m):
            lst[lo + k] = src[k]
        return
    if step > 0:
        count = (hi - lo + step - 1) // step
    else:
        count = (lo - hi - step - 1) // (-step)
    if count < 0:
        count = 0
    if count != m:
        raise ValueError("cannot resize extended list slice with step != 1")
    i = lo
    for k in range(m):
        lst[i] = src[k]
        i += step


def _list_contains(lst, v):
    for k in range(len(lst)):
        if lst[k] == v:
            return True
    return False


def _list_index(lst, v):
    for k in range(len(lst)):
        if lst[k] == v:
            return k
    raise ValueError("value not in list")


def _list_count(lst, v):
    c = 0
    for k in range(len(lst)):
        if lst[k] == v:
            c += 1
    return c


def _list_remove(lst, v):
    _list_pop(lst, _list_index(lst, v))


def _list_sum(lst):
    s = 0
    for k in range(len(lst)):
        s += lst[k]
    return s


def _list_extreme(lst, largest):
    # min() (largest False) or max() of a list's items; the first of equal ones, as Python.
    n = len(lst)
    if n == 0:
        if largest:
            raise ValueError("max() arg is an empty sequence")
        raise ValueError("min() arg is an empty sequence")
    m = lst[0]
    for k in range(1, n):
        v = lst[k]
        if (v > m) if largest else (v < m):
            m = v
    return m


def _list_concat(a, b):
    out = _list_copy(a)
    _list_extend(out, b)
    return out


def _list_repeat(lst, times):
    out = lst._new_like()
    n = len(lst)
    for _ in range(times):
        for k in range(n):
            out.append(lst[k])
    return out


# ---------------------------------------------------------------- dicts
# Dict methods beyond the checker's primitives (lookup, `in`, store, `del`, iteration).


def _dict_get(d, k, default):
    if k in d:
        return d[k]
    return default


def _dict_get_or_none(d, k):
    if k in d:
        return d[k]
    return None


def _dict_pop(d, k):
    v = d[k]
    del d[k]
    return v


def _dict_pop_default(d, k, default):
    if k in d:
        v = d[k]
        del d[k]
        return v
    return default


def _dict_setdefault(d, k, v):
    if k not in d:
        d[k] = v
    return d[k]


def _dict_copy(d):
    out = {}
    for k, v in d.items():
        out[k] = v
    return out


def _dict_update(d, other):
    for k, v in other.items():
        d[k] = v


def _dict_popitem(d):
    # The last entry stored, as Python and Numba take it (Numba raises a bare KeyError when empty).
    n = len(d)
    if n == 0:
        raise KeyError()
    k = d._key_at(n - 1)
    v = d._value_at(n - 1)
    del d[k]
    return k, v


def _dict_clear(d):
    # From the end, so that no entry after a removed one has to move.
    while len(d) > 0:
        del d[d._key_at(len(d) - 1)]


# ---------------------------------------------------------------- strings
# A string is an immutable list of code points: `s._code(i)` reads one, `s._push(c)` appends
# one to a string this function has just made (`""` makes a new one each time it runs).


def _str_at(s, i):
    out = ""
    out._push(s._code(i))
    return out


def _str_concat(a, b):
    out = ""
    for k in range(len(a)):
        out._push(a._code(k))
    for k in range(len(b)):
        out._push(b._code(k))
    return out


def _str_eq(a, b):
    n = len(a)
    if n != len(b):
        return False
    for k in range(n):
        if a._code(k) != b._code(k):
            return False
    return True


def _str_slice(s, start, stop, step):
    lo, hi, step = _slice_span(len(s), start, stop, step)
    out = ""
    i = lo
    while (i < hi) if step > 0 else (i > hi):
        out._push(s._code(i))
        i += step
    return out


def _str_ord(c):
    if len(c) != 1:
        raise TypeError("ord() expected a character")
    return c._code(0)


def _str_chr(i):
    if i < 0 or i > 1114111:
        raise ValueError("chr() arg not in range(0x110000)")
    out = ""
    out._push(i)
    return out


def _str_from_int(n):
    # Digits from a value kept negative, so that the most negative int64 has its digits too.
    if n == 0:
        return "0"
    m = -n if n > 0 else n
    rev = ""
    while m != 0:
        r = m % -10
        rev._push(48 - r)
        m = (m - r) // 10
    out = ""
    if n < 0:
        out._push(45)
    for k in range(len(rev) - 1, -1, -1):
        out._push(rev._code(k))
    return out


def _str_isdigit(s):
    # ASCII digits (Python's isdigit also accepts other Unicode digits).
    if len(s) == 0:
        return False
    for k in range(len(s)):
        c = s._code(k)
        if c < 48 or c > 57:
            return False
    return True


def _str_match_at(s, sub, i):
    for k in range(len(sub)):
        if s._code(i + k) != sub._code(k):
            return False
    return True


def _str_find(s, sub):
    for i in range(len(s) - len(sub) + 1):
        if _str_match_at(s, sub, i):
            return i
    return -1


def _str_contains(s, sub):
    return _str_find(s, sub) >= 0


def _str_startswith(s, prefix):
    return len(prefix) <= len(s) and _str_match_at(s, prefix, 0)


def _str_split(s, sep):
    n = len(s)
    m = len(sep)
    if m == 0:
        raise ValueError("empty separator")
    parts = []
    cur = ""
    i = 0
    while i < n:
        if i + m <= n and _str_match_at(s, sep, i):
            parts.append(cur)
            cur = ""
            i += m
        else:
            cur._push(s._code(i))
            i += 1
    parts.append(cur)
    return parts


def _str_compare(a, b):
    # -1, 0 or 1 as `a` sorts before, with or after `b` (code point by code point, as Python).
    n = min(len(a), len(b))
    for k in range(n):
        x = a._code(k)
        y = b._code(k)
        if x != y:
            return -1 if x < y else 1
    if len(a) == len(b):
        return 0
    return -1 if len(a) < len(b) else 1


def _str_endswith(s, suffix):
    return len(suffix) <= len(s) and _str_match_at(s, suffix, len(s) - len(suffix))


def _str_rfind(s, sub):
    for i in range(len(s) - len(sub), -1, -1):
        if _str_match_at(s, sub, i):
            return i
    return -1


def _str_index(s, sub):
    i = _str_find(s, sub)
    if i < 0:
        raise ValueError("substring not found")
    return i


def _str_count(s, sub):
    # Non-overlapping occurrences; the empty string occurs len(s) + 1 times, as in Python.
    if len(sub) == 0:
        return len(s) + 1
    n = 0
    i = 0
    while i + len(sub) <= len(s):
        if _str_match_at(s, sub, i):
            n += 1
            i += len(sub)
        else:
            i += 1
    return n


def _str_replace(s, old, new):
    out = ""
    m = len(old)
    if m == 0:
        # Python puts `new` before every character and at the end.
        for k in range(len(s)):
            for j in range(len(new)):
                out._push(new._code(j))
            out._push(s._code(k))
        for j in range(len(new)):
            out._push(new._code(j))
        return out
    i = 0
    while i < len(s):
        if i + m <= len(s) and _str_match_at(s, old, i):
            for j in range(len(new)):
                out._push(new._code(j))
            i += m
        else:
            out._push(s._code(i))
            i += 1
    return out


def _str_join(sep, parts):
    out = ""
    for p in range(len(parts)):
        if p > 0:
            for j in range(len(sep)):
                out._push(sep._code(j))
        piece = parts[p]
        for j in range(len(piece)):
            out._push(piece._code(j))
    return out


def _str_is_space(c):
    # Python's whitespace among the first 128 code points, and the other Unicode spaces.
    return (c >= 9 and c <= 13) or (c >= 28 and c <= 32) or c == 133 or c == 160 or c == 5760 or (c >= 8192 and c <= 8202) or c == 8232 or c == 8233 or c == 8239 or c == 8287 or c == 12288


def _str_in_chars(c, chars):
    for k in range(len(chars)):
        if chars._code(k) == c:
            return True
    return False


def _str_strip_span(s, chars, default, left, right):
    lo = 0
    hi = len(s)
    if left:
        while lo < hi and (_str_is_space(s._code(lo)) if default else _str_in_chars(s._code(lo), chars)):
            lo += 1
    if right:
        while hi > lo and (_str_is_space(s._code(hi - 1)) if default else _str_in_chars(s._code(hi - 1), chars)):
            hi -= 1
    out = ""
    for k in range(lo, hi):
        out._push(s._code(k))
    return out


def _str_split_whitespace(s):
    parts = [""]
    parts.pop()
    cur = ""
    inside = False
    for k in range(len(s)):
        c = s._code(k)
        if _str_is_space(c):
            if inside:
                parts.append(cur)
                cur = ""
                inside = False
        else:
            cur._push(c)
            inside = True
    if inside:
        parts.append(cur)
    return parts


def _str_ascii_case(s, upper):
    # ASCII only: Unicode's case tables are not compiled in, so other letters are refused
    # rather than answered wrongly.
    out = ""
    for k in range(len(s)):
        c = s._code(k)
        if c > 127:
            raise NotImplementedError("changing the case of non-ASCII strings is not compiled yet")
        if upper and c >= 97 and c <= 122:
            c -= 32
        elif not upper and c >= 65 and c <= 90:
            c += 32
        out._push(c)
    return out


def _str_all_ascii(s, kind):
    # 0: letters, 1: letters or digits, 2: whitespace, 3: cased and all upper, 4: cased and all lower.
    if len(s) == 0:
        return False
    cased = False
    for k in range(len(s)):
        c = s._code(k)
        if c > 127 and kind != 2:
            raise NotImplementedError("classifying non-ASCII characters is not compiled yet")
        letter = (c >= 65 and c <= 90) or (c >= 97 and c <= 122)
        digit = c >= 48 and c <= 57
        if kind == 0 and not letter:
            return False
        if kind == 1 and not (letter or digit):
            return False
        if kind == 2 and not _str_is_space(c):
            return False
        if kind == 3 and c >= 97 and c <= 122:
            return False
        if kind == 4 and c >= 65 and c <= 90:
            return False
        if letter:
            cased = True
    return cased if kind >= 3 else True


def _print_str(s):
    # A string argument of a compiled print(), character by character.
    for k in range(len(s)):
        _print_char(s._code(k))


# ---------------------------------------------------------------- differences, unique, interp


def _diff_once(cur, m):
    for i in range(m - 1):
        cur[i] = cur[i + 1] - cur[i]


def diff(a, n=1):
    if n < 0:
        raise ValueError("order must be non-negative")
    cur = a.copy()
    m = cur.shape[0]
    for _ in range(n):
        if m == 0:
            break
        _diff_once(cur, m)
        m -= 1
    out = np.empty(m, dtype=a.dtype)
    for i in range(m):
        out[i] = cur[i]
    return out


def diff__2d(a, n=1):
    # Along the last axis, as numpy's default.
    if n < 0:
        raise ValueError("order must be non-negative")
    cur = a.copy()
    rows = cur.shape[0]
    m = cur.shape[1]
    for _ in range(n):
        if m == 0:
            break
        for r in range(rows):
            for i in range(m - 1):
                cur[r, i] = cur[r, i + 1] - cur[r, i]
        m -= 1
    out = np.empty((rows, m), dtype=a.dtype)
    for r in range(rows):
        for i in range(m):
            out[r, i] = cur[r, i]
    return out


def unique(a):
    # Sorted distinct values; NaNs (which sort last) count as one, as in Numba.
    b = np.sort(a.ravel())
    n = b.shape[0]
    out = np.empty(n, dtype=b.dtype)
    k = 0
    for i in range(n):
        x = b[i]
        if i == 0:
            fresh = True
        else:
            p = b[i - 1]
            fresh = x != p and not (x != x and p != p)
        if fresh:
            out[k] = x
            k += 1
    return out[:k].copy()


def _interp_one(x, xp, fp):
    # numpy's algorithm (and Numba's): the bracketing pair by bisection, an exact hit taken as
    # it is, and a NaN from an infinite slope retried from the right end.
    n = xp.shape[0]
    if n == 0:
        raise ValueError("array of sample points is empty")
    if x != x:
        return x * 1.0
    if x > xp[n - 1]:
        return fp[n - 1] * 1.0
    if x < xp[0]:
        return fp[0] * 1.0
    lo = 0
    hi = n
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if xp[mid] <= x:
            lo = mid
        else:
            hi = mid
    j = lo
    if j == n - 1 or xp[j] == x:
        return fp[j] * 1.0
    slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j])
    r = slope * (x - xp[j]) + fp[j]
    if r != r:
        r = slope * (x - xp[j + 1]) + fp[j + 1]
        if r != r and fp[j] == fp[j + 1]:
            r = fp[j] * 1.0
    return r


def interp(x, xp, fp):
    if xp.shape[0] != fp.shape[0]:
        raise ValueError("fp and xp are not of the same size.")
    return _interp_one(x * 1.0, xp, fp)


def interp__array(x, xp, fp):
    if xp.shape[0] != fp.shape[0]:
        raise ValueError("fp and xp are not of the same size.")
    flat = x.ravel()
    out = np.empty(flat.shape[0])
    for i in range(flat.shape[0]):
        out[i] = _interp_one(flat[i] * 1.0, xp, fp)
    return out.reshape(x.shape)


# ---------------------------------------------------------------- reductions along an axis
# Each output element accumulates along the axis in index order from zero, as Numba's
# `sum(axis=...)` adds slices one after another.


def _axis_of(axis, ndim):
    k = axis + ndim if axis < 0 else axis
    if k < 0 or k >= ndim:
        raise ValueError("axis is out of bounds for the array's dimensions")
    return k


def _sum_axis__1d(a, axis):
    _axis_of(axis, 1)
    return a.sum()


def _sum_axis__2d(a, axis):
    k = _axis_of(axis, 2)
    n0 = a.shape[0]
    n1 = a.shape[1]
    if k == 0:
        out = np.zeros(n1, dtype=a.dtype)
        for i in range(n0):
            for j in range(n1):
                out[j] += a[i, j]
        return out
    out = np.zeros(n0, dtype=a.dtype)
    for i in range(n0):
        for j in range(n1):
            out[i] += a[i, j]
    return out


def _sum_axis__3d(a, axis):
    k = _axis_of(axis, 3)
    n0 = a.shape[0]
    n1 = a.shape[1]
    n2 = a.shape[2]
    if k == 0:
        out = np.zeros((n1, n2), dtype=a.dtype)
        for i in range(n0):
            for j in range(n1):
                for l in range(n2):
                    out[j, l] += a[i, j, l]
        return out
    if k == 1:
        out = np.zeros((n0, n2), dtype=a.dtype)
        for i in range(n0):
            for j in range(n1):
                for l in range(n2):
                    out[i, l] += a[i, j, l]
        return out
    out = np.zeros((n0, n1), dtype=a.dtype)
    for i in range(n0):
        for j in range(n1):
            for l in range(n2):
                out[i, j] += a[i, j, l]
    return out


def _better(x, best, largest):
    # NaN wins (the first one), as numpy's argmax and argmin answer.
    if best != best:
        return False
    if x != x:
        return True
    return x > best if largest else x < best


def _arg_axis__2d(a, axis, largest):
    k = _axis_of(axis, 2)
    n0 = a.shape[0]
    n1 = a.shape[1]
    if (n1 if k == 1 else n0) == 0:
        if largest:
            raise ValueError("attempt to get argmax of an empty sequence")
        raise ValueError("attempt to get argmin of an empty sequence")
    if k == 0:
        out = np.zeros(n1, dtype=np.int64)
        for j in range(n1):
            best = a[0, j]
            for i in range(1, n0):
                if _better(a[i, j], best, largest):
                    best = a[i, j]
                    out[j] = i
        return out
    out = np.zeros(n0, dtype=np.int64)
    for i in range(n0):
        best = a[i, 0]
        for j in range(1, n1):
            if _better(a[i, j], best, largest):
                best = a[i, j]
                out[i] = j
    return out


def _cumsum_axis__2d(a, axis):
    k = _axis_of(axis, 2)
    out = a.copy()
    n0 = out.shape[0]
    n1 = out.shape[1]
    if k == 0:
        for i in range(1, n0):
            for j in range(n1):
                out[i, j] += out[i - 1, j]
    else:
        for i in range(n0):
            for j in range(1, n1):
                out[i, j] += out[i, j - 1]
    return out


# ---------------------------------------------------------------- inverse complex functions
# CPython's algorithms (c_asinh, c_acos, c_acosh, c_atanh in cmathmodule.c) as Numba compiles
# them: the large-argument branches avoid overflow; asin and atan go through asinh and atanh.


def cmath_asinh(z):
    x = z.real
    y = z.imag
    if abs(x) > 4.4942328371557893e307 or abs(y) > 4.4942328371557893e307:
        real = math.copysign(math.log(math.hypot(x * 0.5, y * 0.5)) + 1.3862943611198906, x)
        return complex(real, math.atan2(y, abs(x)))
    s1 = cmath_sqrt(complex(1.0 + y, -x))
    s2 = cmath_sqrt(complex(1.0 - y, x))
    real = math.asinh(s1.real * s2.imag - s2.real * s1.imag)
    imag = math.atan2(y, s1.real * s2.real - s1.imag * s2.imag)
    return complex(real, imag)


def cmath_asin(z):
    r = cmath_asinh(complex(-z.imag, z.real))
    return complex(r.imag, -r.real)


def cmath_acos(z):
    x = z.real
    y = z.imag
    if abs(x) > 4.4942328371557893e307 or abs(y) > 4.4942328371557893e307:
        real = math.atan2(abs(y), x)
        imag = math.copysign(math.log(math.hypot(x * 0.5, y * 0.5)) + 1.3862943611198906, -y)
        return complex(real, imag)
    s1 = cmath_sqrt(complex(1.0 - x, -y))
    s2 = cmath_sqrt(complex(1.0 + x, y))
    real = 2.0 * math.atan2(s1.real, s2.real)
    imag = math.asinh(s2.real * s1.imag - s2.imag * s1.real)
    return complex(real, imag)


def cmath_acosh(z):
    x = z.real
    y = z.imag
    if abs(x) > 4.4942328371557893e307 or abs(y) > 4.4942328371557893e307:
        real = math.log(math.hypot(x * 0.5, y * 0.5)) + 1.3862943611198906
        return complex(real, math.atan2(y, x))
    s1 = cmath_sqrt(complex(x - 1.0, y))
    s2 = cmath_sqrt(complex(x + 1.0, y))
    real = math.asinh(s1.real * s2.real + s1.imag * s2.imag)
    imag = 2.0 * math.atan2(s1.imag, s2.real)
    return complex(real, imag)


def cmath_atanh(z):
    x = z.real
    y = z.imag
    negate = x < 0.0
    if negate:
        x = -x
        y = -y
    ay = abs(y)
    if math.isnan(x) or x > 6.703903964971298e153 or ay > 6.703903964971298e153:
        if math.isinf(y):
            real = math.copysign(0.0, x)
        elif math.isinf(x):
            real = 0.0
        else:
            h = math.hypot(x * 0.5, y * 0.5)
            real = x / 4.0 / h / h
        imag = -math.copysign(1.5707963267948966, -y)
    elif x == 1.0 and ay < 1.4916681462400413e-154:
        if ay == 0.0:
            real = math.inf
            imag = y
        else:
            real = -math.log(math.sqrt(ay) / math.sqrt(math.hypot(ay, 2.0)))
            imag = math.copysign(math.atan2(2.0, -ay) / 2.0, y)
    else:
        sqay = ay * ay
        zr1 = 1.0 - x
        real = math.log1p(4.0 * x / (zr1 * zr1 + sqay)) * 0.25
        imag = -math.atan2(-2.0 * y, zr1 * (1.0 + x) - sqay) * 0.5
    if math.isnan(y):
        imag = math.nan
    if negate:
        return complex(-real, -imag)
    return complex(real, imag)


def cmath_atan(z):
    r = cmath_atanh(complex(-z.imag, z.real))
    if math.isinf(z.real) and math.isnan(z.imag):
        return complex(r.imag, r.real)
    return complex(r.imag, -r.real)


# ---------------------------------------------------------------- n-d sort, concatenate, stack


def sort__2d(a, kind_quicksort=False, kind_mergesort=False, kind_stable=False, kind_heapsort=False):
    # Each row sorted (numpy's default axis, the last).
    out = np.empty((a.shape[0], a.shape[1]), dtype=a.dtype)
    for r in range(a.shape[0]):
        row = a[r]
        order = argsort(row)
        for i in range(order.shape[0]):
            out[r, i] = row[order[i]]
    return out


def concatenate__2d(arrays, axis=0):
    k = _axis_of(axis, 2)
    other = 1 - k
    n = 0
    width = arrays[0].shape[other]
    for x in arrays:
        if x.shape[other] != width:
            # Numba's message.
            if other == 0:
                raise ValueError("np.concatenate(): input sizes over dimension 0 do not match")
            raise ValueError("np.concatenate(): input sizes over dimension 1 do not match")
        n += x.shape[k]
    if k == 0:
        out = np.empty((n, width), dtype=arrays[0].dtype)
    else:
        out = np.empty((width, n), dtype=arrays[0].dtype)
    at = 0
    for x in arrays:
        for i in range(x.shape[0]):
            for j in range(x.shape[1]):
                if k == 0:
                    out[at + i, j] = x[i, j]
                else:
                    out[i, at + j] = x[i, j]
        at += x.shape[k]
    return out


def vstack__1d(arrays):
    # Rows of equal length, one per array (also `np.stack` of 1-d arrays).
    width = arrays[0].shape[0]
    n = 0
    for x in arrays:
        if x.shape[0] != width:
            raise ValueError("all input arrays must have the same shape")
        n += 1
    out = np.empty((n, width), dtype=arrays[0].dtype)
    r = 0
    for x in arrays:
        for j in range(width):
            out[r, j] = x[j]
        r += 1
    return out


# ---------------------------------------------------------------- symmetric eigenproblems


def _jacobi_cs(theta):
    # The cosine and sine of the Jacobi rotation for cot(2 phi) = theta (the smaller angle).
    t = 1.0 / (abs(theta) + math.sqrt(theta * theta + 1.0))
    if theta < 0.0:
        t = -t
    c = 1.0 / math.sqrt(t * t + 1.0)
    return c, t * c


def _rotate_columns(x, p, q, rows, c, s):
    # Columns p and q of x (its first `rows` rows) rotated by (c, s).
    for k in range(rows):
        a = x[k, p]
        b = x[k, q]
        x[k, p] = c * a - s * b
        x[k, q] = s * a + c * b


def _jacobi_rotate(m, v, p, q, n):
    # One Jacobi rotation zeroing m[p, q] of the symmetric matrix m (Golub & Van Loan 8.5.2),
    # accumulated into the eigenvector columns of v.
    apq = m[p, q]
    if apq == 0.0:
        return
    c, s = _jacobi_cs((m[q, q] - m[p, p]) / (2.0 * apq))
    _rotate_columns(m, p, q, n, c, s)
    for k in range(n):
        mpk = m[p, k]
        mqk = m[q, k]
        m[p, k] = c * mpk - s * mqk
        m[q, k] = s * mpk + c * mqk
    _rotate_columns(v, p, q, n, c, s)


def linalg_eigh(a):
    # Eigenvalues (ascending) and orthonormal eigenvectors (columns) of a real symmetric matrix,
    # read from its lower triangle as numpy's default UPLO="L", by cyclic Jacobi sweeps. Each
    # eigenvector is determined up to its sign; LAPACK may choose the other one.
    n = a.shape[0]
    if a.shape[1] != n:
        raise ValueError("Last 2 dimensions of the array must be square")
    m = np.empty((n, n))
    v = np.zeros((n, n))
    scale = 0.0
    for i in range(n):
        v[i, i] = 1.0
        for j in range(n):
            x = a[i, j] * 1.0 if i >= j else a[j, i] * 1.0
            m[i, j] = x
            scale += x * x
    for _ in range(100):
        off = 0.0
        for p in range(n):
            for q in range(p + 1, n):
                off += m[p, q] * m[p, q]
        if off <= 1e-32 * scale or off == 0.0:
            break
        for p in range(n - 1):
            for q in range(p + 1, n):
                _jacobi_rotate(m, v, p, q, n)
    w = np.empty(n)
    for i in range(n):
        w[i] = m[i, i]
    order = argsort(w)
    values = np.empty(n)
    vectors = np.empty((n, n))
    for j in range(n):
        values[j] = w[order[j]]
        for i in range(n):
            vectors[i, j] = v[i, order[j]]
    return values, vectors


def linalg_eigvalsh(a):
    w, v = linalg_eigh(a)
    return w


# ---------------------------------------------------------------- least squares


def _svd_columns(u, v, m, n):
    # One-sided Jacobi (Hestenes): rotates the columns of u (m x n, m >= n) until they are
    # orthogonal, accumulating the rotations in v; afterwards u's column norms are the singular
    # values and u's normalised columns the left singular vectors.
    for _ in range(100):
        rotated = False
        for p in range(n - 1):
            for q in range(p + 1, n):
                alpha = 0.0
                beta = 0.0
                gamma = 0.0
                for k in range(m):
                    alpha += u[k, p] * u[k, p]
                    beta += u[k, q] * u[k, q]
                    gamma += u[k, p] * u[k, q]
                if gamma == 0.0 or abs(gamma) <= 1e-15 * math.sqrt(alpha * beta):
                    continue
                rotated = True
                c, s = _jacobi_cs((beta - alpha) / (2.0 * gamma))
                _rotate_columns(u, p, q, m, c, s)
                _rotate_columns(v, p, q, n, c, s)
        if not rotated:
            break


def _lstsq_columns(a, b2, k):
    # numpy's lstsq for k right-hand sides (the columns of b2): x = V S^+ U^T b through an
    # SVD, singular values below rcond * max(s) (rcond = eps * max(m, n), numpy's default)
    # treated as zero; the residuals' squared norms when the rank is full and m > n.
    m = a.shape[0]
    n = a.shape[1]
    if b2.shape[0] != m:
        raise ValueError("Incompatible dimensions")
    tall = m >= n
    r = m if tall else n
    c = n if tall else m
    u = np.empty((r, c))
    for i in range(r):
        for j in range(c):
            u[i, j] = a[i, j] * 1.0 if tall else a[j, i] * 1.0
    v = np.zeros((c, c))
    for i in range(c):
        v[i, i] = 1.0
    _svd_columns(u, v, r, c)
    s = np.empty(c)
    for j in range(c):
        norm = 0.0
        for i in range(r):
            norm += u[i, j] * u[i, j]
        s[j] = math.sqrt(norm)
    smax = 0.0
    for j in range(c):
        smax = max(smax, s[j])
    cutoff = 2.220446049250313e-16 * max(m, n) * smax
    rank = 0
    for j in range(c):
        if s[j] > cutoff:
            rank += 1
    # a = U S V^T when tall; a^T = U S V^T otherwise, so a = V S U^T.
    x = np.zeros((n, k))
    for col in range(k):
        for j in range(c):
            if s[j] <= cutoff:
                continue
            if tall:
                proj = 0.0
                for i in range(m):
                    proj += u[i, j] / s[j] * b2[i, col]
                for i in range(n):
                    x[i, col] += v[i, j] * proj / s[j]
            else:
                proj = 0.0
                for i in range(m):
                    proj += v[i, j] * b2[i, col]
                for i in range(n):
                    x[i, col] += u[i, j] / s[j] * proj / s[j]
    if rank == n and m > n:
        residuals = np.zeros(k)
        for col in range(k):
            for i in range(m):
                e = b2[i, col] * 1.0
                for j in range(n):
                    e -= a[i, j] * x[j, col]
                residuals[col] += e * e
    else:
        residuals = np.zeros(0)
    order = argsort(s)
    sv = np.empty(c)
    for j in range(c):
        sv[j] = s[order[c - 1 - j]]
    return x, residuals, rank, sv


def linalg_lstsq__1d(a, b, rcond=None):
    b2 = b.reshape((b.shape[0], 1))
    x, residuals, rank, sv = _lstsq_columns(a, b2, 1)
    return x[:, 0].copy(), residuals, rank, sv


def linalg_lstsq__2d(a, b, rcond=None):
    return _lstsq_columns(a, b, b.shape[1])
