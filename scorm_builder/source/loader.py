"""Stage 1: YAML text -> a tree of dicts and lists that remember where each value was.

Stricter than YAML: safe tags only, duplicate keys rejected, UTF-8 only, the
top level must be a mapping. Nothing here knows the course format.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from scorm_builder.errors import Diagnostic, source_error

Pos = tuple[int, int]  # 1-based line, column


class Map(dict):
    """A YAML mapping: ``src`` is the file, ``pos`` the node, ``key_pos``/``val_pos`` per key."""

    src: str
    pos: Pos
    key_pos: dict[str, Pos]
    val_pos: dict[str, Pos]

    def where(self, key: str | None = None) -> tuple[str, Pos]:
        if key is not None and key in self.val_pos:
            # a value put here from another file (a company override) keeps that file's name
            return getattr(self, "val_src", {}).get(key, self.src), self.val_pos[key]
        return self.src, self.pos


class Seq(list):
    """A YAML sequence: ``src`` is the file, ``pos`` the node, ``item_pos`` per item."""

    src: str
    pos: Pos
    item_pos: list[Pos]

    def where(self, index: int | None = None) -> tuple[str, Pos]:
        if index is not None and 0 <= index < len(self.item_pos):
            return self.src, self.item_pos[index]
        return self.src, self.pos


class LoadError(Exception):
    """The file could not be turned into a tree; carries the problems."""

    def __init__(self, problems: list[Diagnostic]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def _mark(m) -> Pos:
    return (m.line + 1, m.column + 1)


class _Loader(yaml.SafeLoader):
    """A local SafeLoader so the global one is never changed."""


if getattr(yaml, "__with_libyaml__", False):
    from yaml.cyaml import CParser

    class _FastLoader(CParser, _Loader):
        """libyaml's parser (about 20x faster) with _Loader's resolvers and constructors.

        Used for the first read only: on any YAML error the text is read again by the
        pure-Python _Loader, so messages and positions are always pyyaml's own.
        """

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
else:  # pragma: no cover - pyyaml built without libyaml
    _FastLoader = None


# What YAML's reader refuses (pyyaml's Reader.NON_PRINTABLE), checked first so it gets a position.
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]")


def _compose_fast(text: str):
    """(root node, loader) from libyaml, or None when it is missing or the YAML has an error.

    Text with a tab or a byte-order mark goes to pyyaml: libyaml accepts tabs where pyyaml
    rejects them, and counts columns differently after a BOM.
    """
    if _FastLoader is None or "\t" in text or "\ufeff" in text:
        return None
    loader = _FastLoader(text)
    try:
        return loader.get_single_node(), loader
    except yaml.YAMLError:
        return None


def display_path(path: Path) -> str:
    """The path as the user should read it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


_PARSED: dict[tuple, Map] = {}  # (path, size, mtime, shown) -> tree, for builds of one course for many companies


def load_yaml(path: Path, shown: str | None = None) -> Map:
    """Read ``path`` and return its top-level mapping, or raise LoadError.

    A file read before and unchanged since (same size and modification time) is not parsed
    again: the caller gets a fresh copy of the cached tree, which it may change freely.
    """
    shown = shown or display_path(path)
    try:
        stat = path.stat()
        key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, shown)
        if key in _PARSED:
            return clone(_PARSED[key])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LoadError([source_error("file-not-found", shown, 1, 1, "", "file not found",
                                 "check the path, or create the file with `scorm-builder new`")])
    except OSError as err:
        raise LoadError([source_error("file-unreadable", shown, 1, 1, "", f"cannot read the file ({err.strerror})",
                                 "check the file's permissions")])
    tree = load_text(raw, shown)
    if len(_PARSED) > 256:
        _PARSED.clear()
    _PARSED[key] = clone(tree)
    return tree


def clone(node):
    """A deep copy of a positioned tree (much faster than parsing the YAML again)."""
    if isinstance(node, Map):
        out = Map((k, clone(v)) for k, v in node.items())
        out.src, out.pos, out.key_pos, out.val_pos = node.src, node.pos, dict(node.key_pos), dict(node.val_pos)
        if hasattr(node, "val_src"):
            out.val_src = dict(node.val_src)
        return out
    if isinstance(node, Seq):
        out = Seq(clone(v) for v in node)
        out.src, out.pos, out.item_pos = node.src, node.pos, list(node.item_pos)
        return out
    return node


def load_text(raw: bytes, shown: str) -> Map:
    """Parse YAML bytes (named ``shown`` in messages) into a positioned tree."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = err.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError([source_error(
            "not-utf8", shown, line, col, "",
            f"the file is not UTF-8 (byte 0x{raw[err.start]:02x} cannot be decoded)",
            "save the file as UTF-8 in your editor (for example 'Save with Encoding' > UTF-8)")])
    text = text.lstrip("\ufeff")
    bad = _NON_PRINTABLE.search(text)
    if bad:
        before = text[: bad.start()]
        line, col = before.count("\n") + 1, bad.start() - (before.rfind("\n") + 1) + 1
        raise LoadError([source_error("control-character", shown, line, col, "",
                                 f"an invisible control character U+{ord(bad.group()):04X} that YAML does not allow",
                                 "delete it; it often comes in with text pasted from another program")])
    fast = _compose_fast(text)
    loader = fast[1] if fast else _Loader(text)
    try:
        node = fast[0] if fast else loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem, context = err.problem or "invalid YAML", err.context
        if "quoted scalar" in (context or "") and err.context_mark and "end of stream" in problem:
            # an unclosed quote: the end of the file is no help, the opening quote is
            mark, problem, context = err.context_mark, "a quote is opened here and never closed", None
        elif "another document" in problem:
            problem, context = "a second YAML document starts here (expected one document per file)", None
        elif "'\\t'" in problem:
            problem, context = "a tab character (YAML indentation allows only spaces)", None
        line, col = _mark(mark) if mark else (1, 1)
        reason = "YAML syntax error: " + problem
        if context:
            reason += f" ({context}"
            if err.context_mark and err.context_mark is not mark:
                reason += f" at line {err.context_mark.line + 1}"
            reason += ")"
        raise LoadError([source_error("yaml-syntax", shown, line, col, "", reason, _syntax_hint(problem))])
    except yaml.YAMLError as err:  # pragma: no cover - reader errors without marks
        raise LoadError([source_error("yaml-syntax", shown, 1, 1, "", f"YAML error: {err}", "fix the YAML syntax")])
    finally:
        loader.dispose()
    if node is None:
        raise LoadError([source_error("empty-file", shown, 1, 1, "", "the file is empty",
                                 "start from `scorm-builder new my-course` or copy an example course")])
    if not isinstance(node, yaml.MappingNode):
        is_list = isinstance(node, yaml.SequenceNode)
        raise LoadError([source_error("top-level-not-mapping", shown, *_mark(node.start_mark), "",
                                 f"the top level must be a mapping of keys (expected keys such as "
                                 f"'id:' and 'title:', got {'a list' if is_list else 'a single value'})",
                                 "remove the leading '- ' so the file starts with 'id: ...'" if is_list
                                 else "write the course as 'key: value' lines, starting with 'id: ...'")])
    _check_aliases(node, shown)
    problems: list[Diagnostic] = []
    tree = _convert(node, loader, shown, problems, "")
    if problems:
        raise LoadError(problems)
    return tree


MAX_VALUES = 200_000  # far above any course; stops alias bombs ("billion laughs") from hanging a build


def _check_aliases(root: yaml.Node, shown: str) -> None:
    """Refuse an alias that refers to the list or mapping it is in, or aliases that expand the tree
    past MAX_VALUES: both would otherwise hang or crash the conversion below."""
    sizes: dict[int, int] = {}
    open_: set[int] = set()

    def size(node: yaml.Node) -> int:
        if id(node) in sizes:
            return sizes[id(node)]
        if id(node) in open_:
            raise LoadError([source_error("alias-loop", shown, *_mark(node.start_mark), "",
                                     "an alias (*name) refers to the list or mapping it is inside "
                                     "(expected no loops)", "remove the alias or the anchor (&name)")])
        if isinstance(node, yaml.ScalarNode):
            return 1
        open_.add(id(node))
        children = node.value if isinstance(node, yaml.SequenceNode) else [n for kv in node.value for n in kv]
        total = 1
        for child in children:
            total += size(child)
            if total > MAX_VALUES:
                raise LoadError([source_error("too-large", shown, *_mark(child.start_mark), "",
                                         f"the file expands to more than {MAX_VALUES} values through YAML "
                                         f"aliases (*name)", "write the repeated parts out, or use fewer aliases")])
        open_.discard(id(node))
        sizes[id(node)] = total
        return total

    size(root)


def _syntax_hint(problem: str) -> str:
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "second YAML document" in problem:
        return "remove the '---' line, or move the second document to its own file"
    if "never closed" in problem:
        return "add the closing quote at the end of the text"
    if "mapping values are not allowed" in problem:
        return "put text that contains ': ' in quotes, or use a block with '|'"
    if "found character" in problem or "expected <block end>" in problem:
        return "check the indentation of this line against the line above"
    return "check the quotes, colons and indentation at this position"


def _convert(node: yaml.Node, loader: _Loader, src: str, problems: list[Diagnostic], path: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        out = Map()
        out.src, out.pos, out.key_pos, out.val_pos = src, _mark(node.start_mark), {}, {}
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = _scalar(key_node, loader, src, problems, path)
            if not isinstance(key, str):
                key = str(key).lower() if isinstance(key, bool) else str(key)
            child = f"{path}.{key}" if path else key
            if key in out:
                first = out.key_pos[key][0]
                problems.append(source_error("duplicate-key", src, *_mark(key_node.start_mark), child,
                                        f"duplicate key '{key}' (first defined on line {first})",
                                        "keep one of the two and delete the other"))
                continue
            out.key_pos[key] = _mark(key_node.start_mark)
            out.val_pos[key] = _mark(value_node.start_mark)
            out[key] = _convert(value_node, loader, src, problems, child)
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = Seq()
        seq.src, seq.pos, seq.item_pos = src, _mark(node.start_mark), []
        for i, item in enumerate(node.value):
            seq.item_pos.append(_mark(item.start_mark))
            seq.append(_convert(item, loader, src, problems, f"{path}[{i}]"))
        return seq
    return _scalar(node, loader, src, problems, path)


def _scalar(node: yaml.Node, loader: _Loader, src: str, problems: list[Diagnostic], path: str) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        problems.append(source_error("key-not-text", src, *_mark(node.start_mark), path,
                                "a key must be plain text (expected a word, got a list or mapping)",
                                "write the key as a plain word followed by ':'"))
        return "?"
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as err:
        problems.append(source_error("yaml-tag", src, *_mark(node.start_mark), path,
                                f"unsupported YAML value ({err.problem})",
                                "remove the '!' tag; only plain YAML values are allowed"))
        return None
