"""The one id space of a course: lessons, pages and questions each need an id no other one has."""
from __future__ import annotations

from scorm_builder.errors import Collector
from scorm_builder.source.loader import Map, Pos


class Ids:
    """The ids seen so far and where; a second use of one is reported."""

    def __init__(self, found: Collector):
        self.found = found
        self.seen: dict[str, tuple[str, Pos]] = {}
        self.automatic: set[str] = set()  # text pages' ids made from the lesson id and position

    def claim(self, ident: str, node: Map, path: str, automatic: bool = False) -> None:
        """Record the id of ``node`` (at ``path``); ``automatic``: a text page's derived id."""
        if ident not in self.seen:
            self.seen[ident] = node.where(None if automatic else "id")
            if automatic:
                self.automatic.add(ident)
            return
        src, (line, _) = self.seen[ident]
        shown = f"line {line}" if src == node.src else f"{src}:{line}"
        if automatic:
            self.found.error(node.where(None), path, f"this text page's automatic id '{ident}' (lesson id and "
                             f"position) is already used on {shown}", "give the page its own 'id:'",
                             rule="duplicate-automatic-id")
        elif ident in self.automatic:
            self.found.error(node.where("id"), f"{path}.id", f"duplicate id '{ident}' (it is the automatic id of "
                             f"the text page on {shown})", "choose another id, or give that page its own 'id:'",
                             rule="duplicate-automatic-id")
        else:
            self.found.error(node.where("id"), f"{path}.id", f"duplicate id '{ident}' (already used on {shown})",
                             "give each lesson, page and question its own id", rule="duplicate-id")
