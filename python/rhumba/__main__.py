"""``python -m rhumba script.py [args]``: runs an unchanged Numba script under CPython, with
every ``import numba`` and ``from numba import ...`` served by rhumba."""

import os
import runpy
import sys


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: python -m rhumba script.py [args...]\n       python -m rhumba -c 'code'", file=sys.stderr)
        return 2
    from .numba_alias import install

    install()
    if argv[0] == "-c":
        sys.argv = ["-c", *argv[2:]]
        exec(compile(argv[1], "<string>", "exec"), {"__name__": "__main__"})
        return 0
    script = argv[0]
    if not os.path.exists(script):
        print(f"python -m rhumba: can't open file '{script}': No such file", file=sys.stderr)
        return 2
    sys.argv = list(argv)
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    runpy.run_path(script, run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
