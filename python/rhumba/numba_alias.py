"""An import hook that serves ``numba`` and ``numba.*`` from rhumba (``python -m rhumba``).

``numba.X.Y`` is served by ``rhumba.X.Y`` when rhumba has that module, and by the nearest
rhumba module that offers the same names otherwise (``numba.core.errors`` → ``rhumba.errors``)."""

import importlib
import importlib.abc
import importlib.util
import sys

# Numba module paths whose contents live elsewhere in rhumba.
_RENAMED = {
    "numba.core": "rhumba",
    "numba.core.errors": "rhumba.errors",
    "numba.core.types": "rhumba.types",
    "numba.np": "rhumba",
    "numba.np.ufunc": "rhumba.ufunc",
    "numba.np.numpy_support": "rhumba.types",
    "numba.typed.typedlist": "rhumba.typed",
    "numba.typed.typeddict": "rhumba.typed",
    "numba.experimental.jitclass": "rhumba.experimental",
    "numba.cuda.cudadrv": "rhumba.cuda",
    "numba.cuda.random": "rhumba.cuda",
    "numba.extending": "rhumba.extending",
}


def _target(fullname):
    if fullname in _RENAMED:
        return _RENAMED[fullname]
    return "rhumba" + fullname[len("numba"):]


class _Alias(importlib.abc.Loader):
    def __init__(self, target):
        self.target = target

    def create_module(self, spec):
        return importlib.import_module(self.target)

    def exec_module(self, module):
        pass


class NumbaAliasFinder(importlib.abc.MetaPathFinder):
    """Finds ``numba`` and its submodules as rhumba's."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != "numba" and not fullname.startswith("numba."):
            return None
        name = _target(fullname)
        try:
            if importlib.util.find_spec(name) is None:
                return None
        except ModuleNotFoundError:
            return None
        return importlib.util.spec_from_loader(fullname, _Alias(name))


def install():
    """Serves ``import numba`` from rhumba in this process from now on."""
    if not any(isinstance(f, NumbaAliasFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, NumbaAliasFinder())
    for name in [n for n in sys.modules if n == "numba" or n.startswith("numba.")]:
        del sys.modules[name]
