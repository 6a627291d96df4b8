"""Stage 1: YAML text -> a tree of dicts and lists that remember where each value was.

Stricter than YAML: safe tags only, duplicate keys rejected, UTF-8 only, the top level must be
a mapping, every text must be able to go into XML and HTML, and a course's files are held to
the limits of :mod:`scorm_builder.source.limits`. Nothing here knows the course format.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import yaml

from scorm_builder.errors import Diagnostic, source_error
from scorm_builder.source import tree_cache
from scorm_builder.source.compose import LoadError, TreeBuilder
from scorm_builder.source.limits import Budget, Counts
from scorm_builder.source.tree import Map, Pos, Seq, clone, paused_gc

__all__ = ["LoadError", "Map", "Seq", "Pos", "clear_cache", "clone", "display_path", "load_text", "load_yaml"]


class _Loader(yaml.SafeLoader):
    """A local SafeLoader so the global one is never changed."""


if getattr(yaml, "__with_libyaml__", False):
    from yaml.cyaml import CParser

    class _FastLoader(CParser, _Loader):
        """libyaml's parser (much faster) with _Loader's resolvers and constructors.

        Used for the first read only: on any YAML error the text is read again by the
        pure-Python _Loader, so messages and positions are always pyyaml's own.
        """

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
else:  # pragma: no cover - pyyaml built without libyaml
    _FastLoader = None


def display_path(path: Path) -> str:
    """The path as the user should read it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(_folder(os.getcwd())))
    except ValueError:
        return str(path)


@lru_cache(maxsize=8)
def _folder(cwd: str) -> Path:
    return Path(cwd).resolve()


# (path, size, mtime, shown) -> (tree, what it holds), for builds of one course for many companies and
# files included many times. A file goes in the second time it is read: most are read once, and
# copying them for the cache would cost more than it saves.
_PARSED: dict[tuple, tuple[Map, Counts]] = {}
_READ_ONCE: set[tuple] = set()


def clear_cache() -> None:
    """Forget every file read, so the next read of each is a first read (for benchmarks)."""
    _PARSED.clear()
    _READ_ONCE.clear()


def load_yaml(path: Path, shown: str | None = None, budget: Budget | None = None, resolved: bool = False) -> Map:
    """Read ``path`` and return its top-level mapping, or raise LoadError.

    ``budget`` is what the course the file belongs to has used so far (a new one when the
    file is the course itself or a profile); ``resolved``: ``path`` is already absolute with no
    symlinks. A file read before and unchanged since (same size and modification time) is not
    parsed again: the caller gets a fresh copy of the cached tree, which it may change freely.
    """
    shown = shown or display_path(path)
    budget = budget if budget is not None else Budget()
    try:
        stat = path.stat()
        key = (str(path if resolved else path.resolve()), stat.st_size, stat.st_mtime_ns, shown)
        if key in _PARSED:
            tree, counts = _PARSED[key]
            if budget.add(counts):
                with paused_gc():
                    out = clone(tree)
                out.loaded = counts
                return out
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LoadError([source_error("file-not-found", shown, 1, 1, "", "file not found",
                                      "check the path, or create the file with `scorm-builder new`")]) from None
    except OSError as err:
        raise LoadError([source_error("file-unreadable", shown, 1, 1, "", f"cannot read the file ({err.strerror})",
                                      "check the file's permissions")]) from None
    with paused_gc():
        kept = tree_cache.load(raw, shown)
    if kept is not None and budget.add(kept[1]):
        tree, tree.loaded = kept
    else:
        tree = load_text(raw, shown, budget)
        tree_cache.save(raw, shown, tree, tree.loaded)
    if key not in _READ_ONCE:
        if len(_READ_ONCE) > 4096:
            _READ_ONCE.clear()
        _READ_ONCE.add(key)
        return tree
    if len(_PARSED) > 256:
        _PARSED.clear()
    with paused_gc():
        _PARSED[key] = (clone(tree), tree.loaded)
    return tree


def load_text(raw: bytes, shown: str, budget: Budget | None = None) -> Map:
    """Parse YAML bytes (named ``shown`` in messages) into a positioned tree.

    The tree's ``loaded`` holds what the file counted for against the limits.
    """
    budget = budget if budget is not None else Budget()
    too_large = budget.read(len(raw), shown)
    if too_large:
        raise LoadError([too_large])
    text = _decode(raw, shown)
    builder = None
    with paused_gc():
        if _FastLoader is not None and "\t" not in text and "\ufeff" not in text:
            # libyaml accepts tabs where pyyaml rejects them, and counts columns differently after a BOM
            builder = _build(_FastLoader(text), text, shown, budget, quiet=True)
        if builder is None:
            builder = _build(_Loader(text), text, shown, budget, quiet=False)
    root = builder.root
    if builder.empty:
        raise LoadError([source_error("empty-file", shown, 1, 1, "", "the file is empty",
                                      "start from `scorm-builder new my-course` or copy an example course")])
    if not isinstance(root, Map):
        is_list = isinstance(root, Seq)
        raise LoadError([source_error("top-level-not-mapping", shown, *builder.root_pos, "",
                                      f"the top level must be a mapping of keys (expected keys such as "
                                      f"'id:' and 'title:', got {'a list' if is_list else 'a single value'})",
                                      "remove the leading '- ' so the file starts with 'id: ...'" if is_list
                                      else "write the course as 'key: value' lines, starting with 'id: ...'")])
    if builder.problems:
        raise LoadError(builder.problems)
    root.loaded = builder.counts(len(raw))
    budget.used = budget.used + root.loaded
    return root


def _decode(raw: bytes, shown: str) -> str:
    """The text of the file without a byte-order mark; LoadError if it is not UTF-8 or holds
    a character YAML refuses (pyyaml's Reader.NON_PRINTABLE, checked first to give its position)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = err.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError([source_error(
            "not-utf8", shown, line, col, "",
            f"the file is not UTF-8 (byte 0x{raw[err.start]:02x} cannot be decoded)",
            "save the file as UTF-8 in your editor (for example 'Save with Encoding' > UTF-8)")]) from None
    text = text.lstrip("\ufeff")
    bad = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if bad:
        before = text[: bad.start()]
        line, col = before.count("\n") + 1, bad.start() - (before.rfind("\n") + 1) + 1
        raise LoadError([source_error("control-character", shown, line, col, "",
                                      f"an invisible control character U+{ord(bad.group()):04X} that YAML does not allow",
                                      "delete it; it often comes in with text pasted from another program")])
    return text


def _build(parser, text: str, shown: str, budget: Budget, quiet: bool) -> TreeBuilder | None:
    """The built tree; on a YAML error None when ``quiet`` (the caller reads the text again with
    pyyaml's own parser), else LoadError with pyyaml's message made readable."""
    builder = TreeBuilder(parser, text, shown, budget)
    try:
        builder.build()
        return builder
    except yaml.MarkedYAMLError as err:
        if quiet:
            return None
        raise LoadError([_syntax_problem(err, shown)]) from None
    except yaml.YAMLError as err:
        if quiet:
            return None
        raise LoadError([source_error("yaml-syntax", shown, 1, 1, "", f"YAML error: {err}",  # pragma: no cover
                                      "fix the YAML syntax")]) from None
    finally:
        parser.dispose()


def _syntax_problem(err: yaml.MarkedYAMLError, shown: str) -> Diagnostic:
    mark = err.problem_mark or err.context_mark
    problem, context = err.problem or "invalid YAML", err.context
    if "quoted scalar" in (context or "") and err.context_mark and "end of stream" in problem:
        # an unclosed quote: the end of the file is no help, the opening quote is
        mark, problem, context = err.context_mark, "a quote is opened here and never closed", None
    elif "another document" in problem:
        problem, context = "a second YAML document starts here (expected one document per file)", None
    elif "'\\t'" in problem:
        problem, context = "a tab character (YAML indentation allows only spaces)", None
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    reason = "YAML syntax error: " + problem
    if context:
        reason += f" ({context}"
        if err.context_mark and err.context_mark is not mark:
            reason += f" at line {err.context_mark.line + 1}"
        reason += ")"
    fix = _syntax_hint(problem)
    if mark is not None and isinstance(getattr(mark, "buffer", None), str):
        start = mark.buffer.rfind("\n", 0, mark.pointer) + 1
        if re.search(r"(^|:\s|-\s)\s*\{\{[^{}]*\}\}", mark.buffer[start:mark.pointer]):
            # text: {{ company.name }} and more: YAML took the braces for a mapping
            fix = "a text that starts with '{{' must be in quotes: put the whole text in quotes"
    return source_error("yaml-syntax", shown, line, col, "", reason, fix)


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
