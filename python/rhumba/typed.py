"""``numba.typed`` under rhumba: ``List`` and ``Dict`` as the Python containers they behave
like. Compiled code does not take containers yet, so functions receiving them run as Python
(with the fallback warning); host code using them works unchanged."""


class List(list):
    """``numba.typed.List``: a list (its items' type is not enforced here)."""

    @classmethod
    def empty_list(cls, item_type=None, allocated=0):
        return cls()


class Dict(dict):
    """``numba.typed.Dict``: a dict (its key and value types are not enforced here)."""

    @classmethod
    def empty(cls, key_type=None, value_type=None, n_keys=0):
        return cls()
