"""Shared pieces: ``- include: path.yaml`` items in lessons, pages and questions lists.

An included file holds one lesson, page or question (a mapping), or several under
the same list key (``questions: [...]``), which are spliced in place. Paths are
relative to the file that includes them and must stay inside the courses folder
(the course folder's parent). Positions keep pointing into the included file.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from scorm_builder.source.loader import LoadError, Map, Seq, display_path, load_yaml
from scorm_builder.format.spec import Ctx

LIST_KEYS = ("lessons", "pages", "questions")


def expand_includes(tree: Map, root: Path, ctx: Ctx) -> Map:
    library = root.resolve().parent
    return _expand(tree, root, library, ctx, (str((root / "course.yaml").resolve()),))


def _expand(node, here: Path, library: Path, ctx: Ctx, chain: tuple[str, ...], path: str = ""):
    """``path`` is the key path inside the current file, for messages."""
    if isinstance(node, Map):
        for key in list(node):
            value = node[key]
            sub = f"{path}.{key}" if path else key
            if key in LIST_KEYS and isinstance(value, Seq):
                node[key] = _expand_list(sub, value, here, library, ctx, chain)
            elif isinstance(value, (Map, Seq)):
                node[key] = _expand(value, here, library, ctx, chain, sub)
    elif isinstance(node, Seq):
        for i, item in enumerate(node):
            node[i] = _expand(item, here, library, ctx, chain, f"{path}[{i}]")
    return node


def _expand_list(path: str, seq: Seq, here: Path, library: Path, ctx: Ctx, chain) -> Seq:
    out = Seq()
    out.src, out.pos, out.item_pos = seq.src, seq.pos, []
    for i, item in enumerate(seq):
        if not (isinstance(item, Map) and "include" in item):
            out.append(_expand(item, here, library, ctx, chain, f"{path}[{i}]"))
            out.item_pos.append(seq.item_pos[i])
            continue
        pieces = _load_piece(path, item, i, here, library, ctx, chain)
        for piece, pos in pieces:
            out.append(piece)
            out.item_pos.append(pos)
    return out


def _load_piece(path: str, item: Map, index: int, here: Path, library: Path, ctx: Ctx, chain):
    key = path.rsplit(".", 1)[-1]  # lessons, pages or questions
    where = item.where("include")
    path_key = f"{path}[{index}].include"
    extra = [k for k in item if k != "include"]
    if extra:
        ctx.error((item.src, item.key_pos[extra[0]]), f"{path}[{index}].{extra[0]}",
                  f"an include item takes no other keys (got '{extra[0]}')",
                  "change the included file instead, or copy the piece here")
    target = item["include"]
    if not isinstance(target, str) or not target.endswith((".yaml", ".yml")):
        ctx.error(where, path_key, f"expected the path of a .yaml file, got {target!r}",
                  "write a path such as ../shared/lessons/why-empathy.yaml")
        return []
    file = (here / target).resolve()
    if not file.is_relative_to(library):
        ctx.error(where, path_key, f"the include {target!r} leaves the courses folder ({display_path(library)})",
                  "keep shared pieces under the courses folder, e.g. courses/shared/")
        return []
    if str(file) in chain:
        ctx.error(where, path_key, f"the include {target!r} loops back to {display_path(file)}, "
                  f"which is already being included (expected no include loops)",
                  "remove the include that loops back")
        return []
    if not file.is_file():
        ctx.error(where, path_key, f"included file not found: {target!r} (expected {display_path(file)})",
                  "check the path; it is relative to the file that includes it")
        return []
    try:
        tree = load_yaml(file)
    except LoadError as err:
        ctx.problems.extend(_for_piece(p, key) for p in err.problems)
        return []
    tree = _expand(tree, file.parent, library, ctx, chain + (str(file),))
    own = {"lessons": ("pages",)}.get(key, ())  # a lesson file has its own pages list
    lists = [k for k in tree if k in LIST_KEYS and k not in own]
    if lists and (lists != [key] or len(tree) > 1):
        wrong = lists[0] if lists[0] != key else next(k for k in tree if k != key)
        ctx.error((tree.src, tree.key_pos[wrong]), wrong,
                  f"this file is included in a '{key}' list, so it holds one {key[:-1]} or only a "
                  f"'{key}:' list (got '{wrong}')",
                  f"include it where {wrong} go, or keep only the '{key}:' list in it" if wrong in LIST_KEYS
                  else f"move '{wrong}' into the {key[:-1]}s it belongs to, or delete it")
        return []
    if lists == [key] and isinstance(tree[key], Seq):
        many = tree[key]
        return list(zip(many, many.item_pos))
    return [(tree, tree.pos)]


def _for_piece(problem, key: str):
    """An included file that is a bare list gets the fix that fits an included file."""
    if not problem.reason.startswith("the top level must be a mapping") or "got a list" not in problem.reason:
        return problem
    return replace(problem, rule="include-bare-list",
                   reason=f"an included file holds one {key[:-1]} or a '{key}:' list (expected a mapping, got a list)",
                   fix=f"put '{key}:' on the first line and indent the list under it")
