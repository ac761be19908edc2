"""``numba.typed`` under rhumba: ``List`` and ``Dict`` as the Python containers they behave
like. Compiled code takes both (of numbers and tuples of numbers) and changes them in place,
and returns them as these classes. Host code using either works unchanged."""


def _numba_type_name(v):
    """Numba's name for the type of a list item (``int64``, ``UniTuple(int64 x 2)``)."""
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int64"
    if isinstance(v, float):
        return "float64"
    if isinstance(v, complex):
        return "complex128"
    if isinstance(v, str):
        return "unicode_type"
    if isinstance(v, tuple):
        names = [_numba_type_name(x) for x in v]
        if None in names:
            return None
        if names and all(n == names[0] for n in names):
            return f"UniTuple({names[0]} x {len(names)})"
        return f"Tuple({', '.join(names)})"
    return None


def _list_body(items):
    """A typed list's items as Numba shows them: each with ``str`` (``[a, b]`` for strings)."""
    return "[" + ", ".join(str(x) for x in items) + "]"


def _dict_body(d):
    """A typed dict's entries as Numba shows them: keys and values with ``str``."""
    return "{" + ", ".join(f"{k}: {v}" for k, v in d.items()) + "}"


class List(list):
    """``numba.typed.List``: a list (its items' type is not enforced here)."""

    @classmethod
    def empty_list(cls, item_type=None, allocated=0):
        return cls()

    def __str__(self):
        return _list_body(self)

    def __repr__(self):
        # As Numba shows a typed list: its item type (known from an item), then the items.
        item = _numba_type_name(self[0]) if self else None
        body = _list_body(self)
        return f"ListType[{item}]({body})" if item else body


class Dict(dict):
    """``numba.typed.Dict``: a dict (its key and value types are not enforced here)."""

    @classmethod
    def empty(cls, key_type=None, value_type=None, n_keys=0):
        return cls()

    def __str__(self):
        return _dict_body(self)

    def __repr__(self):
        # As Numba shows a typed dict: its key and value types (known from an entry).
        for k, v in self.items():
            key, value = _numba_type_name(k), _numba_type_name(v)
            if key and value:
                return f"DictType[{key},{value}]<iv=None>({_dict_body(self)})"
            break
        return _dict_body(self)
