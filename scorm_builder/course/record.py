"""Frozen records for the course model, made without generating code at import.

``@dataclass(frozen=True)`` writes and compiles six methods for every class each time a process
starts (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``):
about 0.5 to 1 ms a class here, and the model has some 70 classes, so it was the largest single
cost of a CLI build (bench/README.md, "Build"). :func:`record` gives a class the same contract
with methods written once, here, that read the class's field list, and an ``__init__`` compiled
when the class makes its first object (so only the classes a run uses pay for one):

- fields are the annotated names in definition order, a base class's first (as dataclasses
  order them); ``ClassVar`` annotations are not fields;
- a default is a plain value or :func:`field` with ``default`` or ``default_factory``, and
  ``compare=False`` / ``repr=False`` leave a field out of equality and hashing / of ``repr``;
- instances are frozen: assigning or deleting an attribute raises :class:`FrozenInstanceError`
  (the dataclasses one, an ``AttributeError``);
- equality compares the compared fields of two objects of the same class; the hash is that of
  those fields (an unhashable value makes the object unhashable, as with dataclasses).

:func:`replace` and :func:`fields` stand in for their ``dataclasses`` namesakes.
"""
from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import Any, Callable, TypeVar

T = TypeVar("T")
_MISSING: Any = object()


class Field:
    """A field's default and flags, as :func:`field` declares them."""

    __slots__ = ("name", "default", "factory", "compare", "repr")

    def __init__(self, default: Any = _MISSING, factory: Callable[[], Any] | None = None,
                 compare: bool = True, repr: bool = True) -> None:  # noqa: A002 (the dataclasses name)
        self.name = ""
        self.default, self.factory, self.compare, self.repr = default, factory, compare, repr

    @property
    def required(self) -> bool:
        return self.default is _MISSING and self.factory is None


def field(*, default: Any = _MISSING, default_factory: Callable[[], Any] | None = None,
          compare: bool = True, repr: bool = True) -> Any:  # noqa: A002
    """A field with a default value, a factory called for each new object, or flags."""
    return Field(default, default_factory, compare, repr)


def _is_class_var(annotation: Any) -> bool:
    text = annotation if isinstance(annotation, str) else repr(annotation)
    return text.startswith(("ClassVar", "typing.ClassVar"))


def _own_fields(cls: type) -> dict[str, Field]:
    found: dict[str, Field] = {}
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if _is_class_var(annotation):
            continue
        value = cls.__dict__.get(name, _MISSING)
        spec = value if isinstance(value, Field) else Field(value)
        spec.name = name
        if isinstance(value, Field):
            if spec.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, spec.default)
        found[name] = spec
    return found


def record(cls: type[T]) -> type[T]:
    """Make ``cls`` a frozen record (see the module's docstring)."""
    specs: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        specs.update(getattr(base, "__record_fields__", {}))
    specs.update(_own_fields(cls))
    seen_default = ""
    for spec in specs.values():
        if not spec.required:
            seen_default = spec.name
        elif seen_default:
            raise TypeError(f"{cls.__name__}: field {spec.name!r} without a default follows {seen_default!r}")
    cls.__record_fields__ = specs  # type: ignore[attr-defined]
    cls.__record_names__ = tuple(specs)  # type: ignore[attr-defined]
    cls.__record_compared__ = tuple(n for n, s in specs.items() if s.compare)  # type: ignore[attr-defined]
    for name, method in _METHODS.items():
        if name not in cls.__dict__:
            setattr(cls, name, method)
    return cls


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    # The first object of a class compiles the class's own __init__ (about 50 us, against the
    # dataclass decorator's six methods for every class at import) and keeps it.
    cls = type(self)
    owner = next(c for c in cls.__mro__ if c.__dict__.get("__init__") is _init)
    owner.__init__ = _compiled_init(owner)  # type: ignore[misc]
    owner.__init__(self, *args, **kwargs)  # type: ignore[misc]


def _compiled_init(cls: type) -> Callable[..., None]:
    specs: dict[str, Field] = cls.__record_fields__  # type: ignore[attr-defined]
    params, body = [], []
    for name, spec in specs.items():
        if spec.required:
            params.append(name)
            body.append(f"    _values_[{name!r}] = {name}")
        elif spec.factory is None:
            params.append(f"{name}=_defaults_[{name!r}]")
            body.append(f"    _values_[{name!r}] = {name}")
        else:
            params.append(f"{name}=_MISSING")
            body.append(f"    _values_[{name!r}] = _factories_[{name!r}]() if {name} is _MISSING else {name}")
    text = (f"def __init__(_self_, {', '.join(params)}):\n    _values_ = _self_.__dict__\n"
            + "\n".join(body or ["    pass"]) + "\n")
    scope = {"_MISSING": _MISSING, "_defaults_": {n: s.default for n, s in specs.items()},
             "_factories_": {n: s.factory for n, s in specs.items()}}
    made: dict[str, Any] = {}
    exec(compile(text, f"<record {cls.__qualname__}>", "exec"), scope, made)  # noqa: S102 (names are the class's own fields)
    init = made["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _compared(obj: Any) -> tuple[Any, ...]:
    values = obj.__dict__
    return tuple([values[n] for n in type(obj).__record_compared__])


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _compared(self) == _compared(other)


def _hash(self: Any) -> int:
    return hash(_compared(self))


def _repr(self: Any) -> str:
    specs = type(self).__record_fields__
    shown = ", ".join(f"{n}={self.__dict__[n]!r}" for n, s in specs.items() if s.repr)
    return f"{type(self).__qualname__}({shown})"


def _setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _reduce(self: Any) -> tuple[Any, ...]:
    # pickling (batch workers): rebuild through __new__ and put the values back without __setattr__
    return (_rebuild, (type(self), dict(self.__dict__)))


def _rebuild(cls: type[T], values: dict[str, Any]) -> T:
    obj = cls.__new__(cls)
    obj.__dict__.update(values)
    return obj


_METHODS: dict[str, Any] = {"__init__": _init, "__eq__": _eq, "__hash__": _hash, "__repr__": _repr,
                            "__setattr__": _setattr, "__delattr__": _delattr, "__reduce__": _reduce}


def fields(obj: Any) -> tuple[Field, ...]:
    """The record's fields, in order (like ``dataclasses.fields``)."""
    return tuple(type(obj).__record_fields__.values())


def is_record(obj: Any) -> bool:
    return hasattr(type(obj), "__record_fields__")


def replace(obj: T, **changes: Any) -> T:
    """A copy of ``obj`` with ``changes`` (like ``dataclasses.replace``)."""
    cls = type(obj)
    unknown = set(changes) - set(cls.__record_names__)
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {sorted(unknown)[0]!r}")
    copy = cls.__new__(cls)
    copy.__dict__.update(obj.__dict__)
    copy.__dict__.update(changes)
    return copy
