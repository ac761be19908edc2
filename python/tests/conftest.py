"""Shared helpers of the Python package's tests: where the repository is, and how to run a
script the way a user would (``python -m rhumba``)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_script(path, *args, env=None, module="rhumba", timeout=300):
    """Runs `path` as ``python -m rhumba path`` (or plain python with module=None) from its
    folder and returns the completed process."""
    command = [sys.executable] + (["-m", module] if module else []) + [str(path), *args]
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run(command, cwd=Path(path).parent, capture_output=True, text=True, timeout=timeout, env=full_env)


def has_module(name):
    try:
        __import__(name)
        return True
    except ImportError:
        return False


requires_numba = pytest.mark.skipif(not has_module("numba"), reason="Numba is not installed: no oracle to compare with")
requires_dask = pytest.mark.skipif(not has_module("dask"), reason="Dask is not installed")
