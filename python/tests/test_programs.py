"""Every example and test program, run as ``python -m rhumba`` under CPython, gives the output
CPython + Numba gives: the programs' ``.out`` files (written from Numba) or a live Numba run."""

import re

import pytest

from conftest import ROOT, requires_numba, run_script

PROGRAMS = sorted((ROOT / "tests" / "programs").glob("*.py"))
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


def _tokens(text):
    return [t for t in re.split(r"[\s,()\[\]]+", text) if t]


def _same(expected, got):
    """Token-wise comparison, numbers within 1e-9 relative (as the shared corpus checks)."""
    a, b = _tokens(expected), _tokens(got)
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x == y:
            continue
        try:
            fx, fy = float(x), float(y)
        except ValueError:
            return False
        if not (abs(fx - fy) <= 1e-12 or abs(fx - fy) <= 1e-9 * max(abs(fx), abs(fy))):
            return False
    return True


# CUDA programs run on the simulators: rhumba's (RHUMBA_CUDA_SIM) and Numba's (NUMBA_ENABLE_CUDASIM).
SIMULATORS = {"RHUMBA_CUDA_SIM": "1", "NUMBA_ENABLE_CUDASIM": "1"}


def _env(path):
    return SIMULATORS if path.name.startswith("cuda") else None


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.name)
def test_program_matches_numba_golden(path):
    result = run_script(path, env=_env(path))
    expected = path.with_suffix(".out").read_text()
    assert result.returncode == 0, result.stderr
    assert _same(expected, result.stdout), f"--- expected (Numba)\n{expected}\n--- python -m rhumba\n{result.stdout}\n{result.stderr}"


def _matches_live_numba(path):
    """`python -m rhumba path` prints what `python path` prints with Numba."""
    ours = run_script(path, env=_env(path))
    theirs = run_script(path, module=None, env=_env(path))
    assert ours.returncode == 0, ours.stderr
    if theirs.returncode != 0 and path.name.startswith("cuda"):
        pytest.skip(f"Numba's own CUDA simulator fails on {path.name}: {theirs.stderr.strip().splitlines()[-1]}")
    assert theirs.returncode == 0, theirs.stderr
    assert _same(theirs.stdout, ours.stdout), f"--- Numba\n{theirs.stdout}\n--- python -m rhumba\n{ours.stdout}"


@requires_numba
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_matches_live_numba(path):
    _matches_live_numba(path)


def test_drop_in_serves_numba_imports(tmp_path):
    script = tmp_path / "uses_numba.py"
    script.write_text(
        "import numba\nfrom numba import njit, prange\nfrom numba.core.errors import TypingError\n"
        "import numba.typed\n@njit\ndef f(x):\n    return x + 1\n"
        "print(numba.__name__, type(f).__module__, f(41), TypingError.__module__)\n"
    )
    result = run_script(script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["rhumba", "rhumba.dispatcher", "42", "rhumba._errors"]


@requires_numba
def test_dask_cluster_example_matches_numba():
    pytest.importorskip("dask.distributed")
    _matches_live_numba(ROOT / "examples" / "python" / "dask_cluster.py")


def test_cuda_without_a_gpu_or_simulator_says_so_in_one_line(tmp_path):
    script = tmp_path / "kernel.py"
    script.write_text(
        "import numpy as np\nfrom numba import cuda\n@cuda.jit\ndef k(a):\n    a[cuda.grid(1)] = 1.0\n"
        "k[1, 4](np.zeros(4))\n"
    )
    result = run_script(script, env={"RHUMBA_CUDA_SIM": "", "NUMBA_ENABLE_CUDASIM": ""})
    assert result.returncode != 0
    assert "CudaSupportError: no CUDA GPU is available" in result.stderr
