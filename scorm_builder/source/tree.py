"""Positioned trees: YAML mappings and lists that remember the file and line:column of every value.

A :class:`Map` knows where each key and each value is (``key_pos``, ``val_pos``), and, for a
value put there from another file (a company override), that file (``val_src``). A
:class:`Seq` knows where each item is (``item_pos``). Change them through their methods
(``put``, ``append_at``, ``insert_at``, ``delete_at``) so the positions stay in step with the
values; ``copy`` and ``clone`` keep them too.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Any, Iterable, Iterator

Pos = tuple[int, int]  # 1-based line, column
START: Pos = (1, 1)


class Map(dict):
    """A YAML mapping: ``src`` is its file, ``pos`` where it starts, then a position per key and value."""

    __slots__ = ("src", "pos", "key_pos", "val_pos", "val_src", "loaded")

    def __init__(self, items: Iterable[tuple[str, Any]] = (), src: str = "", pos: Pos = START,
                 key_pos: dict[str, Pos] | None = None, val_pos: dict[str, Pos] | None = None,
                 val_src: dict[str, str] | None = None):
        super().__init__(items)
        self.src, self.pos = src, pos
        self.key_pos = {} if key_pos is None else key_pos
        self.val_pos = {} if val_pos is None else val_pos
        self.val_src = {} if val_src is None else val_src
        self.loaded = None  # on the top mapping of a file: what the file holds (limits.Counts)

    def where(self, key: str | None = None) -> tuple[str, Pos]:
        """(file, position) of the value of ``key``, or of the mapping itself."""
        if key is not None and key in self.val_pos:
            return self.val_src.get(key, self.src), self.val_pos[key]
        return self.src, self.pos

    def put(self, key: str, value: Any, key_pos: Pos, val_pos: Pos, src: str | None = None) -> None:
        """Set ``key`` with the positions of the key and the value (in file ``src``, default this map's)."""
        self[key] = value
        self.key_pos[key], self.val_pos[key] = key_pos, val_pos
        if src is not None and src != self.src:
            self.val_src[key] = src
        else:
            self.val_src.pop(key, None)

    def put_from(self, key: str, source: "Map", source_key: str) -> None:
        """Set ``key`` to ``source[source_key]``, keeping where that value was written."""
        src, val_pos = source.where(source_key)
        self.put(key, source[source_key], source.key_pos.get(source_key, source.pos), val_pos, src)

    def empty_like(self) -> "Map":
        """A new empty mapping at the same place, with every position of this one kept."""
        return Map((), self.src, self.pos, dict(self.key_pos), dict(self.val_pos), dict(self.val_src))

    def copy(self) -> "Map":
        """A shallow copy, positions included."""
        out = self.empty_like()
        out.update(self)
        return out

    def clone(self) -> "Map":
        """A deep copy of the whole tree under this mapping."""
        return clone(self)


class Seq(list):
    """A YAML sequence: ``src`` is its file, ``pos`` where it starts, ``item_pos`` one position per item."""

    __slots__ = ("src", "pos", "item_pos", "item_src")

    def __init__(self, items: Iterable[Any] = (), src: str = "", pos: Pos = START,
                 item_pos: list[Pos] | None = None, item_src: list[str] | None = None):
        super().__init__(items)
        self.src, self.pos = src, pos
        self.item_pos = [pos] * len(self) if item_pos is None else item_pos
        self.item_src = item_src  # None while every item comes from ``src``

    def where(self, index: int | None = None) -> tuple[str, Pos]:
        """(file, position) of item ``index``, or of the list itself."""
        if index is not None and 0 <= index < len(self.item_pos):
            # item_src out of step with item_pos (a caller that changed item_pos by hand): the list's file
            known = self.item_src is not None and len(self.item_src) == len(self.item_pos)
            return (self.item_src[index] if known else self.src), self.item_pos[index]
        return self.src, self.pos

    def append_at(self, value: Any, pos: Pos, src: str | None = None) -> None:
        """Append ``value``, written at ``pos`` (in file ``src``, default this list's)."""
        self.insert_at(len(self), value, pos, src)

    def insert_at(self, index: int, value: Any, pos: Pos, src: str | None = None) -> None:
        """Insert ``value`` before item ``index``, written at ``pos`` (in file ``src``)."""
        index = len(self) if index > len(self) else index
        list.insert(self, index, value)
        self.item_pos.insert(index, pos)
        if self.item_src is None and src is not None and src != self.src:
            self.item_src = [self.src] * (len(self) - 1)
        if self.item_src is not None:
            self.item_src.insert(index, src or self.src)

    def delete_at(self, index: int) -> None:
        """Remove item ``index`` and its position."""
        del self[index]
        del self.item_pos[index]
        if self.item_src is not None:
            del self.item_src[index]

    def items_with_pos(self) -> Iterator[tuple[Any, Pos, str]]:
        """(item, position, file) of every item."""
        for i, item in enumerate(self):
            src, pos = self.where(i)
            yield item, pos, src

    def empty_like(self) -> "Seq":
        """A new empty list at the same place, with the positions of every item of this one kept
        (for a caller that appends the items again, changed, in the same order)."""
        return Seq((), self.src, self.pos, list(self.item_pos),
                   None if self.item_src is None else list(self.item_src))

    def copy(self) -> "Seq":
        """A shallow copy, positions included."""
        return Seq(self, self.src, self.pos, list(self.item_pos),
                   None if self.item_src is None else list(self.item_src))

    def clone(self) -> "Seq":
        """A deep copy of the whole tree under this list."""
        return clone(self)


def clone(node: Any) -> Any:
    """A deep copy of a positioned tree: much faster than parsing the YAML again.

    Recursive, but trees are at most ``limits.MAX_DEPTH`` levels deep.
    """
    if isinstance(node, Map):
        return Map([(k, clone(v)) for k, v in node.items()], node.src, node.pos, dict(node.key_pos),
                   dict(node.val_pos), dict(node.val_src))
    if isinstance(node, Seq):
        return Seq([clone(v) for v in node], node.src, node.pos, list(node.item_pos),
                   None if node.item_src is None else list(node.item_src))
    return node


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cycle collector while a tree is built or copied.

    A tree is made of dicts and lists with no cycles, so a collection finds nothing; on a
    large course, collections set off by the many new containers took over a third of the time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
