"""Pickling and processes: a rhumba function pickles as source, frozen globals and options,
and compiles once per process on the other side (multiprocessing fork and spawn,
ProcessPoolExecutor, Dask)."""

import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest

from conftest import requires_dask
from kernels_for_processes import parallel_square, shifted_sum, uses_other


def _call(f, n):
    return f(np.arange(float(n)))


def test_pickle_round_trip_compiles_from_source():
    data = pickle.dumps(uses_other)
    assert b"def uses_other" in data and b"def shifted_sum" in data  # source, not machine code
    clone = pickle.loads(data)
    assert clone(np.arange(4.0)) == uses_other(np.arange(4.0)) == 2 * (6.0 + 4 * 0.5)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_multiprocessing(method):
    parallel_square(np.arange(4.0))  # the parent's pool is running before the fork
    ctx = multiprocessing.get_context(method)
    with ctx.Pool(2) as pool:
        sums = pool.starmap(_call, [(shifted_sum, 10), (uses_other, 10)])
        squares = pool.starmap(_call, [(parallel_square, 5)])
    assert sums == [45.0 + 5.0, 2 * (45.0 + 5.0)]
    assert squares[0].tolist() == [0.0, 1.0, 4.0, 9.0, 16.0]


def test_process_pool_executor():
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as ex:
        assert list(ex.map(_call, [shifted_sum] * 3, [1, 2, 3])) == [0.5, 2.0, 4.5]


@requires_dask
def test_dask_map_blocks_threaded():
    import dask
    import dask.array as da

    x = da.arange(1000.0, chunks=100)
    y = x.map_blocks(parallel_square, dtype=float)
    with dask.config.set(scheduler="threads"):
        assert np.allclose(y.compute(), np.arange(1000.0) ** 2)


@requires_dask
def test_dask_delayed():
    import dask

    parts = [dask.delayed(shifted_sum)(np.arange(float(n))) for n in (1, 2, 3)]
    assert dask.compute(*parts, scheduler="threads") == (0.5, 2.0, 4.5)


@requires_dask
def test_dask_local_cluster_with_worker_processes():
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        futures = client.map(_call, [uses_other] * 4, [1, 2, 3, 4])
        assert client.gather(futures) == [2 * 0.5, 2 * 2.0, 2 * 4.5, 2 * 8.0]
        assert client.submit(_call, parallel_square, 3).result().tolist() == [0.0, 1.0, 4.0]
