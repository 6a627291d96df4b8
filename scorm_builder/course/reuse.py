"""What the companies of a batch reuse of their course's own checks and model (source/shared.py shares the tree).

A mapping or list of a company's checked tree that is one of the course's checked tree (the
format's result for a container the company shares, format/spec.py with ``source.shared.Memo``)
holds what it held for the course: the links to files in it were checked then, and the model of
a page made from it is the one made then, when it sits at the same place with the same id and the
course's same images. :class:`Reuse` knows those containers, which of them hold no link to a file
(course/assets.py then doesn't read their texts again), and keeps the model of each page.
"""
from __future__ import annotations

from typing import Any, Hashable

from scorm_builder.course.assets import local_path, markdown_values
from scorm_builder.render.markdown import link_targets
from scorm_builder.source.tree import Map, Seq


class Reuse:
    """For the checked tree of a batch's course (kept alive by the caller, never changed)."""

    def __init__(self, clean: Map):
        parents: dict[int, Any] = {}
        containers: list[Any] = [clean]
        for node in containers:  # grows while it is read: every container of the tree, each after its parent
            for value in node.values() if isinstance(node, Map) else node:
                if isinstance(value, (Map, Seq)):
                    parents[id(value)] = node
                    containers.append(value)
        linking: set[int] = set()
        for node, _key, _path, text in markdown_values(clean):
            if any(local_path(href) is not None for href in link_targets(text)):
                at: Any = node
                while at is not None and id(at) not in linking:
                    linking.add(id(at))
                    at = parents.get(id(at))
        self.course = {id(node) for node in containers}
        self.unlinked = self.course - linking  # ids of the containers with no Markdown link to a file under them
        self._pages: dict[int, tuple[Map, Hashable, Any]] = {}

    def page(self, page: Map, key: Hashable) -> Any:
        """The model made before from the course's checked ``page`` with the same ``key``, or None."""
        hit = self._pages.get(id(page))
        return hit[2] if hit is not None and hit[0] is page and hit[1] == key else None

    def keep(self, page: Map, key: Hashable, model: Any) -> None:
        """Note the model made from ``page`` (only a page of the course's own tree: a company's is its own)."""
        if id(page) in self.course:
            self._pages[id(page)] = (page, key, model)
