"""Ctrl-C stops a long compiled loop, serial or prange, with KeyboardInterrupt within a
fraction of a second."""

import signal
import subprocess
import sys
import time

import pytest

SCRIPT = r'''
import sys, time
from rhumba import njit, prange

@njit
def nest(n):
    s = 0.0
    for i in range(n):
        for j in range(n):
            s += (i ^ j) * 0.5
    return s

@njit(parallel=True)
def pnest(n):
    s = 0.0
    for i in prange(n):
        for j in range(n):
            s += (i ^ j) * 0.5
    return s

@njit
def spin(n):
    k = 0
    while k < n:
        k += 1
    return k

f = {"serial": nest, "parallel": pnest, "while": spin}[sys.argv[1]]
f(10)
print("ready", flush=True)
start = time.perf_counter()
try:
    f(10**7) if sys.argv[1] != "while" else f(10**15)
    print("finished", flush=True)
except KeyboardInterrupt:
    print("interrupted", round(time.perf_counter() - start, 3), flush=True)
'''


@pytest.mark.parametrize("mode", ["serial", "parallel", "while"])
def test_ctrl_c_stops_a_long_kernel(mode):
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, mode], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(0.5)
    sent = time.perf_counter()
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    stopped_after = time.perf_counter() - sent
    assert out.startswith("interrupted"), out + err
    assert stopped_after < 2.0, f"took {stopped_after:.2f}s to stop"
