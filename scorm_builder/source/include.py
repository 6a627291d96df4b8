"""Shared pieces: ``- include: path.yaml`` items in lessons, pages and questions lists.

An included file holds one lesson, page or question (a mapping), or several under
the same list key (``questions: [...]``), which are spliced in place. Paths are
relative to the file that includes them and must stay inside the courses folder
(the course folder's parent). Positions keep pointing into the included file. All the
files of a course count together against the limits of :mod:`scorm_builder.source.limits`
(each include of a file counted); a file included again is not parsed again.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from scorm_builder.course.record import replace
from scorm_builder.errors import Collector, Diagnostic
from scorm_builder.source import limits
from scorm_builder.source.limits import Budget
from scorm_builder.source.loader import LoadError, display_path, load_yaml
from scorm_builder.source.tree import Map, Pos, Seq, paused_gc

LIST_KEYS = ("lessons", "pages", "questions")


def expand_includes(tree: Map, root: Path, ctx: Collector, budget: Budget | None = None) -> Map:
    """Splice every included piece into ``tree`` (the course file read from folder ``root``).

    ``budget`` is what the course used so far; by default what ``tree``'s own file holds.
    """
    budget = budget if budget is not None else Budget(tree.loaded)
    with paused_gc():
        return _Expander(root.resolve().parent, ctx, budget).expand(
            tree, root, (str((root / "course.yaml").resolve()),), "", 1)


class _Expander:
    """One course's includes: the courses folder they must stay in, its problems and its budget."""

    def __init__(self, library: Path, ctx: Collector, budget: Budget):
        self.library, self.ctx, self.budget = library, ctx, budget
        self.resolved: dict[tuple[Path, str], Path] = {}  # (folder, include path) -> the file
        self.shown: dict[Path, str | None] = {}  # an existing file -> its name in messages; None: missing

    def expand(self, node: Any, here: Path, chain: tuple[str, ...], path: str, level: int) -> Any:
        """``node`` (at ``level``, the file's top mapping being 1) with its includes spliced in;
        ``path`` is its key path inside the current file, for messages."""
        if isinstance(node, Map):
            for key, value in node.items():
                sub = f"{path}.{key}" if path else key
                if key in LIST_KEYS and isinstance(value, Seq):
                    node[key] = self._list(sub, value, here, chain, level + 1)
                elif isinstance(value, (Map, Seq)):
                    self.expand(value, here, chain, sub, level + 1)
        elif isinstance(node, Seq):
            for i, item in enumerate(node):
                if isinstance(item, (Map, Seq)):
                    self.expand(item, here, chain, f"{path}[{i}]", level + 1)
        return node

    def _list(self, path: str, seq: Seq, here: Path, chain: tuple[str, ...], level: int) -> Seq:
        out = Seq((), seq.src, seq.pos, [])
        for i, item in enumerate(seq):
            src, pos = seq.where(i)
            if isinstance(item, Map) and "include" in item:
                for piece, piece_pos, piece_src in self._piece(path, item, i, here, chain, level + 1):
                    out.append_at(piece, piece_pos, piece_src)
            else:
                out.append_at(self.expand(item, here, chain, f"{path}[{i}]", level + 1), pos, src)
        return out

    def _piece(self, path: str, item: Map, index: int, here: Path, chain: tuple[str, ...],
               level: int) -> list[tuple[Any, Pos, str]]:
        """The pieces an include item stands for: (piece, position, file) each; none after a problem."""
        if self.budget.spent:  # a limit was hit and reported: the rest of the course is not read
            return []
        key = path.rsplit(".", 1)[-1]  # lessons, pages or questions
        file = self._target(path, item, index, here, chain)
        if file is None:
            return []
        where, path_key = item.where("include"), f"{path}[{index}].include"
        if not self.budget.include():
            self._stop(limits.too_many_includes(where[0], where[1], path_key))
            return []
        try:
            tree = load_yaml(file, self.shown[file], self.budget, resolved=True)
        except LoadError as err:
            self.ctx.problems.extend(_for_piece(p, key) for p in err.problems)
            return []
        if level - 1 + tree.loaded.depth > limits.MAX_DEPTH:
            self._stop(limits.too_deep(where[0], where[1], path_key))
            return []
        tree = self.expand(tree, file.parent, chain + (str(file),), "", level)
        return self._pieces_of(tree, key)

    def _target(self, path: str, item: Map, index: int, here: Path, chain: tuple[str, ...]) -> Path | None:
        """The file an include item names, or None after reporting why it can't be included."""
        where, path_key = item.where("include"), f"{path}[{index}].include"
        extra = [k for k in item if k != "include"]
        if extra:
            self.ctx.error((item.src, item.key_pos[extra[0]]), f"{path}[{index}].{extra[0]}",
                           f"an include item takes no other keys (got '{extra[0]}')",
                           "change the included file instead, or copy the piece here", rule="include-extra-keys")
        target = item["include"]
        if not isinstance(target, str) or not target.endswith((".yaml", ".yml")):
            self.ctx.error(where, path_key, f"expected the path of a .yaml file, got {target!r}",
                           "write a path such as ../shared/lessons/why-empathy.yaml", rule="include-not-yaml")
            return None
        file = self.resolved.get((here, target))
        if file is None:
            file = self.resolved[(here, target)] = (here / target).resolve()
        if not file.is_relative_to(self.library):
            self.ctx.error(where, path_key, f"the include {target!r} leaves the courses folder "
                           f"({display_path(self.library)})",
                           "keep shared pieces under the courses folder, e.g. courses/shared/", rule="include-outside")
            return None
        if str(file) in chain:
            self.ctx.error(where, path_key, f"the include {target!r} loops back to {display_path(file)}, "
                           f"which is already being included (expected no include loops)",
                           "remove the include that loops back", rule="include-loop")
            return None
        if file not in self.shown:
            self.shown[file] = display_path(file) if file.is_file() else None
        if self.shown[file] is None:
            self.ctx.error(where, path_key, f"included file not found: {target!r} (expected {display_path(file)})",
                           "check the path; it is relative to the file that includes it", rule="include-missing")
            return None
        return file

    def _pieces_of(self, tree: Map, key: str) -> list[tuple[Any, Pos, str]]:
        own = {"lessons": ("pages",)}.get(key, ())  # a lesson file has its own pages list
        lists = [k for k in tree if k in LIST_KEYS and k not in own]
        if lists and (lists != [key] or len(tree) > 1):
            wrong = lists[0] if lists[0] != key else next(k for k in tree if k != key)
            self.ctx.error((tree.src, tree.key_pos[wrong]), wrong,
                           f"this file is included in a '{key}' list, so it holds one {key[:-1]} or only a "
                           f"'{key}:' list (got '{wrong}')",
                           f"include it where {wrong} go, or keep only the '{key}:' list in it" if wrong in LIST_KEYS
                           else f"move '{wrong}' into the {key[:-1]}s it belongs to, or delete it",
                           rule="include-wrong-list")
            return []
        if lists == [key] and isinstance(tree[key], Seq):
            return list(tree[key].items_with_pos())
        return [(tree, tree.pos, tree.src)]

    def _stop(self, problem: Diagnostic) -> None:
        self.budget.spent = True
        self.ctx.problems.append(problem)


def _for_piece(problem: Diagnostic, key: str) -> Diagnostic:
    """An included file that is a bare list gets the fix that fits an included file."""
    if not problem.reason.startswith("the top level must be a mapping") or "got a list" not in problem.reason:
        return problem
    return replace(problem, rule="include-bare-list",
                   reason=f"an included file holds one {key[:-1]} or a '{key}:' list (expected a mapping, got a list)",
                   fix=f"put '{key}:' on the first line and indent the list under it")
