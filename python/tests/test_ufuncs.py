"""``@vectorize`` returns a real numpy ufunc (broadcasting, ``out=``, ``reduce``/``accumulate``,
``__array_ufunc__`` dispatch); ``@guvectorize`` broadcasts its compiled core."""

import numpy as np
import pytest

from conftest import requires_dask
from rhumba import guvectorize, njit, vectorize


@vectorize(["float64(float64, float64)", "float32(float32, float32)"])
def hyp(x, y):
    return (x * x + y * y) ** 0.5


@vectorize
def plus_one(x):
    return x + 1


def test_eager_vectorize_is_a_numpy_ufunc():
    assert isinstance(hyp, np.ufunc)
    assert hyp.types == ["dd->d", "ff->f"]
    a = np.arange(6.0).reshape(2, 3)
    assert np.allclose(hyp(a, 1.0), np.sqrt(a * a + 1))
    assert hyp(a.astype(np.float32), np.float32(2)).dtype == np.float32
    out = np.zeros((2, 3))
    hyp(a, a, out=out)
    assert np.allclose(out, np.sqrt(2) * a)
    assert hyp.reduce(np.array([3.0, 4.0, 12.0])) == 13.0
    assert hyp.accumulate(np.array([3.0, 4.0, 12.0])).tolist() == [3.0, 5.0, 13.0]


def test_lazy_vectorize_compiles_a_loop_per_dtype():
    assert plus_one(np.arange(3)).tolist() == [1, 2, 3]
    assert plus_one(np.arange(3)).dtype == np.int64
    assert plus_one(np.arange(3.0)).dtype == np.float64
    assert sorted(plus_one.types) == ["d->d", "l->l"]


def test_compiled_code_calls_a_ufunc_elementwise():
    @njit
    def use(x):
        return hyp(x, 4.0)

    assert use(3.0) == 5.0


@requires_dask
def test_dask_dispatches_through_array_ufunc():
    import dask.array as da

    x = da.from_array(np.arange(10.0), chunks=5)
    y = hyp(x, 1.0)
    assert isinstance(y, da.Array)
    assert np.allclose(y.compute(), np.sqrt(np.arange(10.0) ** 2 + 1))


@guvectorize(["void(float64[:], float64, float64[:])"], "(n),()->(n)")
def shift(a, s, out):
    for i in range(a.shape[0]):
        out[i] = a[i] + s


def test_guvectorize_broadcasts_its_core():
    a = np.arange(6.0).reshape(2, 3)
    assert shift(a, 10.0).tolist() == [[10.0, 11.0, 12.0], [13.0, 14.0, 15.0]]
    out = np.zeros((2, 3))
    shift(a, np.array([1.0, 2.0])[:, None][:, 0], out)
    assert out.tolist() == [[1.0, 2.0, 3.0], [5.0, 6.0, 7.0]]
