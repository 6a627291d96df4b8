"""One course tree shared by the builds of many companies: each build copies only what it changes.

A batch reads and checks a course once (pack/batch_load.py). :class:`SharedTree` keeps that
tree, which nothing changes afterwards, and knows every mapping and list in it by identity.
:meth:`SharedTree.spine` gives a company its own root, lessons, pages lists, assessment and lint
(the parts a profile changes in place), sharing every page and question with the course; the
profile then copies a page or lesson before it changes it (source/profile.py), and
:func:`~scorm_builder.source.substitute.substitute` copies a mapping or list before it fills in
one of its texts and passes by those that hold no ``{`` at all (:attr:`SharedTree.plain`). So a
container of a company's tree that *is* one of the course's is unchanged, and what was found
checking it for the course holds for it too (:class:`Memo`, course/reuse.py).
"""
from __future__ import annotations

from typing import Any

from scorm_builder.source.tree import Map, Seq, clone


class SharedTree:
    """The course's tree (never changed once given here) and what is known about its containers."""

    def __init__(self, tree: Map):
        self.tree = tree
        self.ids: set[int] = set()  # every mapping and list of the tree (alive as long as self.tree)
        self.plain: set[int] = set()  # those with no text holding '{' anywhere under them
        self._index(tree)
        self.memo = Memo()  # the format's result for each of them, once the course is checked with it
        self.reuse: Any = None  # what is known of the course's checked tree (course/reuse.py Reuse), once checked

    def _index(self, node: Any) -> bool:
        """Note ``node`` and what is under it; True when no text under it holds '{'.

        Recursive, but trees are at most ``limits.MAX_DEPTH`` levels deep."""
        plain = True
        for value in node.values() if isinstance(node, Map) else node:
            if isinstance(value, (Map, Seq)):
                plain = self._index(value) and plain
            elif isinstance(value, str) and "{" in value:
                plain = False
        self.ids.add(id(node))
        if plain:
            self.plain.add(id(node))
        return plain

    def spine(self) -> Map:
        """A company's tree: its own copies of the containers a profile changes in place (the root, the
        lessons list, each lesson and its pages list, the assessment and its questions list, the lint
        settings); the pages and questions themselves shared."""
        root = self.tree.copy()
        lessons = root.get("lessons")
        if isinstance(lessons, Seq):
            root["lessons"] = lessons = lessons.copy()
            for i, lesson in enumerate(lessons):
                if isinstance(lesson, Map):
                    lessons[i] = lesson = lesson.copy()
                    if isinstance(lesson.get("pages"), Seq):
                        lesson["pages"] = lesson["pages"].copy()
        assessment = root.get("assessment")
        if isinstance(assessment, Map):
            root["assessment"] = assessment = assessment.copy()
            if isinstance(assessment.get("questions"), Seq):
                assessment["questions"] = assessment["questions"].copy()
        if isinstance(root.get("lint"), (Map, Seq)):
            root["lint"] = clone(root["lint"])
        return root

    def is_shared(self, node: object) -> bool:
        """``node`` is one of the course's containers (not a company's copy): it must be copied to change."""
        return id(node) in self.ids


class Memo:
    """What checking each mapping of a shared course tree against the format gave, by identity: a company's
    tree that shares the mapping gets that result again, as checking it again would give (a check reads only
    the mapping, and the key path only for messages). ``Obj.check_keys`` (format/spec.py) asks it when a
    Collector carries it (``ctx.memo``); while ``recording`` (checking the course itself), it notes every
    result; the course must then have passed without a problem for the results to be used."""

    def __init__(self) -> None:
        # id -> (the mapping, kept so that its id is never another's, the spec, the keys skipped, the result)
        self.done: dict[int, tuple[Map, object, tuple[str, ...], Map]] = {}
        self.recording = True

    def get(self, spec: object, value: Map, skip: tuple[str, ...]) -> Map | None:
        hit = self.done.get(id(value))
        return hit[3] if hit is not None and hit[0] is value and hit[1] is spec and hit[2] == skip else None

    def put(self, spec: object, value: Map, skip: tuple[str, ...], out: Map) -> Map:
        if self.recording:
            self.done[id(value)] = (value, spec, skip, out)
        return out
