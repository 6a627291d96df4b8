"""YAML parser events -> a positioned tree, in one pass with no recursion, within the course's limits.

pyyaml's own composer builds a node tree first and recurses once per level (a deeply nested
file ends in a RecursionError); this builder makes :class:`Map`/:class:`Seq` straight from the
events, counts what each file holds as it goes (values, what aliases copy, depth) and stops at
the first limit hit with the position where it was hit.
"""
from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from scorm_builder.errors import Diagnostic, source_error
from scorm_builder.source import limits
from scorm_builder.source.limits import Budget, Counts
from scorm_builder.source.tree import Map, Pos, Seq, clone

STR = "tag:yaml.org,2002:str"
MERGE = "tag:yaml.org,2002:merge"
VALUE = "tag:yaml.org,2002:value"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
BOOLS = yaml.SafeLoader.bool_values
PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,%d})" % (limits.MAX_NUMBER_DIGITS - 1))
PLAIN_FLOAT = re.compile(r"[-+]?[0-9]*\.[0-9]*(?:[eE][-+]?[0-9]+)?")
RESOLVERS = yaml.SafeLoader.yaml_implicit_resolvers  # first character -> [(tag, pattern)]
BIG_NUMBER = 10 ** limits.MAX_NUMBER_DIGITS

NEED_KEY, BAD_KEY, MERGE_KEY = object(), object(), object()


class LoadError(Exception):
    """The file could not be turned into a tree; carries the problems."""

    def __init__(self, problems: list[Diagnostic]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


class _Open:
    """A list or mapping whose end event has not come yet."""

    __slots__ = ("node", "start", "mark", "anchor", "at", "key", "key_pos", "merges", "height", "values", "text")

    def __init__(self, node: Map | Seq, start: Pos, mark, anchor: str | None, at: Any, values: int, text: int):
        self.node, self.start, self.mark, self.anchor, self.at = node, start, mark, anchor, at
        self.key: Any = NEED_KEY  # a mapping's key waiting for its value
        self.key_pos: Pos = start
        self.merges: list[tuple[Any, Pos]] = []
        self.height = 1
        self.values, self.text = values, text  # the counts when it opened, for an anchor's size


class TreeBuilder:
    """Reads every event of ``parser`` (libyaml's or pyyaml's, reading ``text``) into ``root``.

    ``problems`` are the file's own mistakes (duplicate keys, tags, characters); a limit hit
    raises LoadError at once.
    """

    def __init__(self, parser, text: str, shown: str, budget: Budget):
        self.parser, self.src, self.source = parser, shown, text
        self.check_all = limits.not_in_xml(text) >= 0  # else only double-quoted texts need a check
        self.values, self.alias_values, self.alias_text = (budget.used.values, budget.used.alias_values,
                                                           budget.used.alias_text)
        self.start_values, self.start_alias_values, self.start_alias_text = (self.values, self.alias_values,
                                                                             self.alias_text)
        self.budget = budget
        self.text = 0  # characters of text so far in the file (only anchors' sizes need it)
        self.open: list[_Open] = []
        self.anchors: dict[str, tuple[Any, int, int, int, Any]] = {}  # name -> (value, values, text, height, mark)
        self.problems: list[Diagnostic] = []
        self.root: Any = None
        self.empty = True  # no document at all (an empty file, or only comments)
        self.root_pos: Pos = (1, 1)
        self.height = 0

    def counts(self, size: int) -> Counts:
        """What the file holds, for the limits of the course that includes it."""
        return Counts(size, self.values - self.start_values, self.alias_values - self.start_alias_values,
                      self.alias_text - self.start_alias_text, self.height)

    def build(self) -> None:
        """One document: the stream's events, checked as pyyaml's ``get_single_node`` checks them."""
        parser = self.parser
        parser.get_event()  # stream start
        if parser.check_event(StreamEndEvent):
            return
        parser.get_event()  # document start
        self.empty = False
        first = parser.peek_event().start_mark
        self.root_pos = (first.line + 1, first.column + 1)
        self._document()
        parser.get_event()  # document end
        if not parser.check_event(StreamEndEvent):
            event = parser.get_event()
            raise ComposerError("expected a single document in the stream", first,
                                "but found another document", event.start_mark)
        parser.get_event()

    def _document(self) -> None:  # long: one loop over every kind of event, kept together for speed
        get, open_ = self.parser.get_event, self.open
        while True:
            event = get()
            kind = type(event)
            mark = event.start_mark
            pos = (mark.line + 1, mark.column + 1)
            if kind is ScalarEvent:
                top = open_[-1].node if open_ else None
                if type(top) is Seq and event.anchor is None:  # the most common case, kept short
                    list.append(top, self._scalar(event, pos, False))
                    top.item_pos.append(pos)
                    continue
                if event.anchor is not None:
                    self._new_anchor(event)
                is_key = type(top) is Map and open_[-1].key is NEED_KEY
                value = self._scalar(event, pos, is_key)
                height = 0
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1, len(value) if type(value) is str else 0, 0, mark)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                self._start(event, pos, kind is MappingStartEvent)
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                done = open_.pop()
                value, pos, height = self._end(done), done.start, done.height
            elif kind is AliasEvent:
                value, height = self._alias(event, pos)
            else:  # pragma: no cover - the parser gives nothing else inside a document
                raise ComposerError(None, None, f"unexpected {event}", mark)
            if not open_:
                self.root, self.height = value, height
                return
            self._deliver(open_[-1], value, pos, height)

    def _start(self, event, pos: Pos, mapping: bool) -> None:
        open_ = self.open
        if len(open_) >= limits.MAX_DEPTH:
            self._stop(limits.too_deep(self.src, pos, self._path(...)))
        if event.anchor is not None:
            self._new_anchor(event)
        self._count(pos, 1)
        node = Map((), self.src, pos) if mapping else Seq((), self.src, pos, [])
        at = None
        if open_:
            parent = open_[-1]
            at = len(parent.node) if type(parent.node) is Seq else parent.key
        open_.append(_Open(node, pos, event.start_mark, event.anchor, at, self.values, self.text))

    def _end(self, done: _Open) -> Map | Seq:
        node = done.node
        if done.merges:
            node = self._merged(done)
        if done.anchor is not None:
            self.anchors[done.anchor] = (node, self.values - done.values + 1, self.text - done.text, done.height,
                                         done.mark)
        return node

    def _deliver(self, parent: _Open, value: Any, pos: Pos, height: int) -> None:
        if height + 1 > parent.height:
            parent.height = height + 1
        node = parent.node
        if type(node) is Seq:
            list.append(node, value)
            node.item_pos.append(pos)
            return
        key = parent.key
        if key is NEED_KEY:
            parent.key, parent.key_pos = self._key(value, pos), pos
            return
        parent.key = NEED_KEY
        if key is MERGE_KEY:
            parent.merges.append((value, pos))
        elif key is BAD_KEY:
            return
        elif key in node:
            first = node.key_pos[key][0]
            self.problems.append(source_error("duplicate-key", self.src, *parent.key_pos, self._path(key),
                                              f"duplicate key '{key}' (first defined on line {first})",
                                              "keep one of the two and delete the other"))
        else:
            dict.__setitem__(node, key, value)
            node.key_pos[key] = parent.key_pos
            node.val_pos[key] = pos

    def _key(self, value: Any, pos: Pos) -> Any:
        if type(value) is str or value is MERGE_KEY:
            return value
        if isinstance(value, (Map, Seq)):
            braces = self._unquoted_placeholder(pos)
            if braces:  # text: {{ terms.x }} is a mapping whose key is a mapping, to YAML
                self.problems.append(source_error(
                    "placeholder-unquoted", self.src, pos[0], pos[1] - 1, self._path(),
                    f"a text that starts with '{{{{' must be in quotes (YAML reads {braces} as a mapping)",
                    f"put the text in quotes: {_quoted(braces)}"))
                return BAD_KEY
            self.problems.append(source_error("key-not-text", self.src, *pos, self._path(),
                                              "a key must be plain text (expected a word, got a list or mapping)",
                                              "write the key as a plain word followed by ':'"))
            return BAD_KEY
        return str(value).lower() if isinstance(value, bool) else str(value)

    def _unquoted_placeholder(self, pos: Pos) -> str:
        """The rest of the line from '{{' when a mapping that is a key starts at the second brace of '{{',
        as in an unquoted ``text: {{ terms.x }}``; else ''."""
        line, column = pos
        lines = re.split(r"\r\n|[\r\n\x85\u2028\u2029]", self.source, maxsplit=line)
        text = lines[line - 1] if line <= len(lines) else ""
        if column < 2 or not re.match(r"\{\{[^{}:]*\}\}", text[column - 2:]):
            return ""
        return re.sub(r"\s+#.*$", "", text[column - 2:]).strip()

    def _scalar(self, event, pos: Pos, is_key: bool) -> Any:
        if not is_key:
            self.values += 1
            if self.values > limits.MAX_VALUES:
                self._stop(limits.too_many_values(self.src, pos, self._path(...)))
        value, tag = event.value, event.tag
        implicit = tag is None or tag == "!"
        if implicit:
            tag = STR
            if event.implicit[0]:
                for candidate, pattern in RESOLVERS.get(value[:1], ()):
                    if pattern.match(value):
                        tag = candidate
                        break
        if tag != STR:
            if implicit and tag == INT and PLAIN_INT.fullmatch(value):  # common forms, without pyyaml's constructors
                value = int(value)
            elif implicit and tag == BOOL:
                value = BOOLS[value.lower()]
            elif implicit and tag == NULL:
                value = None
            elif implicit and tag == FLOAT and PLAIN_FLOAT.fullmatch(value):
                value = float(value)
            elif tag == MERGE and is_key:
                return MERGE_KEY
            elif not (tag == VALUE and is_key):
                value = self._construct(event, tag, pos)
        if type(value) is str:
            self.text += len(value)
            # what the file holds literally was checked at once: only escapes ("\x01") can add more
            bad = limits.not_in_xml(value) if event.style == '"' or self.check_all else -1
            if bad >= 0:
                self.problems.append(limits.character_not_allowed(self.src, pos, self._path(None if is_key else ...),
                                                                   value, bad))
        return value

    def _construct(self, event, tag: str, pos: Pos) -> Any:
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = self.parser.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as err:
            self.problems.append(source_error("yaml-tag", self.src, *pos, self._path(...),
                                              f"unsupported YAML value ({err.problem})",
                                              "remove the '!' tag; only plain YAML values are allowed"))
            return None
        except (ValueError, TypeError, AttributeError, KeyError, OverflowError) as err:
            # an integer of more than 4300 digits, a date such as 2024-13-45, or `!!int x`
            self.problems.append(self._unreadable(event, tag, pos, err))
            return None
        finally:
            self.parser.constructed_objects.pop(node, None)
        if type(value) is int and not -BIG_NUMBER < value < BIG_NUMBER:
            self.problems.append(limits.number_too_long(self.src, pos, self._path(...), event.value))
            return None
        return value

    def _unreadable(self, event, tag: str, pos: Pos, err: Exception) -> Diagnostic:
        written, key = event.value, self._path(...)
        if tag == INT and written.lstrip("+-").replace("_", "").isdigit():
            return limits.number_too_long(self.src, pos, key, written)
        if tag == TIMESTAMP and event.tag is None:
            return source_error("invalid-date", self.src, *pos, key,
                                f"{written!r} is written as a date but is not one ({err})",
                                "put the value in quotes if it is text, or write a real date as YYYY-MM-DD")
        return source_error("yaml-tag", self.src, *pos, key,
                            f"{written!r} cannot be read as {tag.rsplit(':', 1)[-1]} (the tag "
                            f"{event.tag.replace('tag:yaml.org,2002:', '!!')} says it is)",
                            "remove the '!' tag; only plain YAML values are allowed")

    def _alias(self, event, pos: Pos) -> tuple[Any, int]:
        name = event.anchor
        for frame in self.open:
            if frame.anchor == name:
                self._stop(source_error("alias-loop", self.src, *frame.start, "",
                                        "an alias (*name) refers to the list or mapping it is inside "
                                        "(expected no loops)", "remove the alias or the anchor (&name)"))
        if name not in self.anchors:
            raise ComposerError(None, None, f"found undefined alias {name!r}", event.start_mark)
        value, values, text, height, _ = self.anchors[name]
        if len(self.open) + height > limits.MAX_DEPTH:
            self._stop(limits.too_deep(self.src, pos, self._path(...)))
        self.alias_values += values
        self.alias_text += text
        if self.alias_values > limits.MAX_ALIAS_VALUES:
            self._stop(limits.alias_values(self.src, pos, self._path(...)))
        if self.alias_text > limits.MAX_ALIAS_TEXT:
            self._stop(limits.alias_text(self.src, pos, self._path(...)))
        self._count(pos, values)
        self.text += text
        return clone(value), height

    def _new_anchor(self, event) -> None:
        name = event.anchor
        known = self.anchors.get(name)
        first = known[4] if known else next((f.mark for f in self.open if f.anchor == name), None)
        if first is not None:
            raise ComposerError(f"found duplicate anchor {name!r}; first occurrence", first,
                                "second occurrence", event.start_mark)

    def _merged(self, done: _Open) -> Map:
        """The mapping with its ``<<`` merges: its own keys first, then each merged mapping's in order."""
        node, sources = done.node, []
        for value, pos in done.merges:
            items = value if isinstance(value, Seq) else [value]
            if all(isinstance(item, Map) for item in items):
                sources.extend(items)
                continue
            got = "a list holding " + _describe(next(i for i in items if not isinstance(i, Map))) \
                if isinstance(value, Seq) else _describe(value)
            self.problems.append(source_error(
                "merge-key", self.src, *pos, self._path("<<", done),
                f"a merge key '<<' takes a mapping or a list of mappings (expected '<<: *name' where '&name' "
                f"marks a mapping, got {got})", "remove the '<<' line, or point it at a mapping"))
        out = Map((), node.src, node.pos)
        for source in sources:
            for key in source:
                if key not in out:
                    out.put_from(key, source, key)
        for key in node:
            out.put(key, node[key], node.key_pos[key], node.val_pos[key])
        return out

    def _count(self, pos: Pos, values: int) -> None:
        self.values += values
        if self.values > limits.MAX_VALUES:
            self._stop(limits.too_many_values(self.src, pos, self._path(...)))

    def _stop(self, problem: Diagnostic) -> None:
        self.budget.spent = True
        raise LoadError([problem])

    def _path(self, last: Any = None, closed: _Open | None = None) -> str:
        """The key path of the value being read (``...``), of key ``last`` in the innermost mapping,
        or of the innermost list or mapping itself (None); ``closed``: one just closed, as innermost."""
        frames = self.open if closed is None else self.open + [closed]
        parts = [f.at for f in frames[1:]]
        if last is ... and frames:
            top = frames[-1]
            last = len(top.node) if type(top.node) is Seq else top.key
        if last is not None and last is not ...:
            parts.append(last)
        out = ""
        for part in parts:
            if isinstance(part, int):
                out += f"[{part}]"
            elif isinstance(part, str):
                out += f".{part}" if out else part
        return out


def _quoted(text: str) -> str:
    """``text`` as a YAML quoted scalar: double quotes unless it holds some, then single."""
    return f'"{text}"' if '"' not in text and "\\" not in text else "'" + text.replace("'", "''") + "'"


def _describe(value: Any) -> str:
    if isinstance(value, Map):
        return "a mapping"
    if isinstance(value, Seq):
        return "a list"
    if isinstance(value, str):
        return f"the text {value!r}"
    return "nothing" if value is None else f"the value {value!r}"
