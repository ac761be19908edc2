"""A rhumba kernel on a Dask cluster: workers receive it pickled as source and compile it on
first use. With no argument a LocalCluster of two worker processes is started; with a
scheduler address (tcp://host:8786) the script runs on that cluster."""
import sys

import dask.array as da
import numpy as np
from dask.distributed import Client, LocalCluster
from numba import njit, prange


@njit(parallel=True)
def energy(block):
    out = np.empty(block.shape[0])
    for i in prange(block.shape[0]):
        s = 0.0
        for j in range(block.shape[1]):
            s += block[i, j] * block[i, j]
        out[i] = s
    return out


def main():
    if len(sys.argv) > 1:
        client = Client(sys.argv[1])
    else:
        client = Client(LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None))
    with client:
        x = da.from_array(np.arange(40_000.0).reshape(4000, 10) / 1000.0, chunks=(1000, 10))
        rows = x.map_blocks(energy, drop_axis=1, dtype=float)
        print("total energy", round(float(rows.sum().compute()), 6))
        futures = client.map(energy, [np.ones((3, 4)) * k for k in range(3)])
        print("per-task", [f.tolist() for f in client.gather(futures)])


if __name__ == "__main__":
    main()
