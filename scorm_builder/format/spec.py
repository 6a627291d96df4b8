"""Small declarative type specs: each checks a positioned value and describes itself as JSON Schema.

format/course.py and format/profile.py declare the formats with them. Messages follow one shape: what is
wrong (expected ..., got ...) and how to fix it.
"""
from __future__ import annotations

import difflib
import itertools
import re
from dataclasses import dataclass
from typing import Any, Callable

from scorm_builder.errors import Collector
from scorm_builder.source.loader import Map, Seq

Ctx = Collector  # the name the specs use for the collector


def describe(value: Any) -> str:
    """How a YAML value reads to a designer, for 'got ...'."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {short!r}"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping of keys"
    return type(value).__name__


def did_you_mean(word: str, options) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


class Spec:
    """A value type in the course format."""

    doc: str = ""
    expected: str = "a value"

    def check(self, value: Any, where, key: str, ctx: Ctx) -> Any:
        raise NotImplementedError

    def json(self) -> dict:
        raise NotImplementedError

    def _wrong_type(self, value, where, key, ctx, fix=""):
        ctx.error(where, key, f"wrong type (expected {self.expected}, got {describe(value)})",
                  fix or f"write {self.expected} here", rule="wrong-type")
        return None


class Str(Spec):
    expected = "text"

    def __init__(self, doc: str = "", pattern: str | None = None, pattern_help: str = "",
                 max_len: int | None = None, markdown: bool = False, example: str | None = None):
        self.doc, self.pattern, self.pattern_help = doc, pattern, pattern_help
        self.max_len, self.markdown, self.example = max_len, markdown, example

    def check(self, value, where, key, ctx):
        if isinstance(value, bool):  # the YAML said yes, no, on, off, true or false: which one is lost
            return self._wrong_type(value, where, key, ctx,
                                    "put the text in quotes (unquoted, YAML reads yes, no, "
                                    "on, off, true and false as true or false)")
        if isinstance(value, float):  # 1.10 was read as 1.1: show no digits that may be wrong
            return self._wrong_type(value, where, key, ctx,
                                    "put the value in quotes, exactly as it should read, e.g. version: \"1.10\"")
        if isinstance(value, int):
            return self._wrong_type(value, where, key, ctx, f"put the value in quotes: \"{value}\"")
        if not isinstance(value, str):
            return self._wrong_type(value, where, key, ctx)
        if not value.strip():
            ctx.error(where, key, "empty text (expected text, got an empty string)",
                      "write the text, or remove the key", rule="empty-text")
            return None
        if self.pattern and not re.fullmatch(self.pattern, value):
            ctx.error(where, key, f"invalid value {value!r} (expected {self.pattern_help})",
                      f"use {self.pattern_help}" + (f", for example '{self.example}'" if self.example else ""),
                      rule="pattern-mismatch")
            return None
        if self.max_len and len(value) > self.max_len:
            ctx.error(where, key, f"too long (expected at most {self.max_len} characters, got {len(value)})",
                      "shorten the text", rule="too-long")
            return None
        return value

    def json(self):
        out: dict = {"type": "string", "minLength": 1}
        if self.pattern:
            out["pattern"] = f"^(?:{self.pattern})$"
        if self.max_len:
            out["maxLength"] = self.max_len
        if self.doc:
            out["description"] = self.doc + (" (Markdown)" if self.markdown else "")
        return out


class Choice(Spec):
    def __init__(self, options: tuple[str, ...], doc: str = ""):
        self.options, self.doc = options, doc
        self.expected = "one of: " + ", ".join(options)

    def check(self, value, where, key, ctx):
        if isinstance(value, str) and value in self.options:
            return value
        hint = did_you_mean(value, self.options) if isinstance(value, str) else ""
        ctx.error(where, key, f"invalid value (expected {self.expected}, got {describe(value)})",
                  hint or f"use one of: {', '.join(self.options)}", rule="not-a-choice")
        return None

    def json(self):
        return {"enum": list(self.options), "description": self.doc}


class Int(Spec):
    def __init__(self, doc: str = "", minimum: int | None = None, maximum: int | None = None):
        self.doc, self.minimum, self.maximum = doc, minimum, maximum
        if minimum is not None and maximum is not None:
            self.expected = f"a whole number from {minimum} to {maximum}"
        elif minimum is not None:
            self.expected = f"a whole number of at least {minimum}"
        else:
            self.expected = "a whole number"

    def check(self, value, where, key, ctx):
        if isinstance(value, bool) or not isinstance(value, int):
            return self._wrong_type(value, where, key, ctx)
        if (self.minimum is not None and value < self.minimum) or \
                (self.maximum is not None and value > self.maximum):
            ctx.error(where, key, f"out of range (expected {self.expected}, got {value})",
                      f"use {self.expected}", rule="out-of-range")
            return None
        return value

    def json(self):
        limits = {"minimum": self.minimum, "maximum": self.maximum}
        return {"type": "integer", "description": self.doc, **{k: v for k, v in limits.items() if v is not None}}


class Anything(Spec):
    """Any YAML value; checked later where it lands (company overrides)."""

    expected = "a value"

    def __init__(self, doc: str = ""):
        self.doc = doc

    def check(self, value, where, key, ctx):
        return value

    def json(self):
        return {"description": self.doc}


class Bool(Spec):
    expected = "true or false"

    def __init__(self, doc: str = ""):
        self.doc = doc

    def check(self, value, where, key, ctx):
        if isinstance(value, bool):
            return value
        return self._wrong_type(value, where, key, ctx, "write true or false, without quotes")

    def json(self):
        return {"type": "boolean", "description": self.doc}


class ListOf(Spec):
    def __init__(self, item: Spec, doc: str = "", min_items: int = 0, item_name: str = "item"):
        self.item, self.doc, self.min_items, self.item_name = item, doc, min_items, item_name
        self.expected = f"a list of {item_name}s"

    def check(self, value, where, key, ctx):
        if not isinstance(value, Seq):
            return self._wrong_type(value, where, key, ctx,
                                    f"write each {self.item_name} on its own line starting with '- '")
        if len(value) < self.min_items:
            ctx.error(where, key,
                      f"too few {self.item_name}s (expected at least {self.min_items}, got {len(value)})",
                      f"add {self.min_items - len(value)} more {self.item_name}"
                      f"{'s' if self.min_items - len(value) > 1 else ''}", rule="too-few-items")
        out = Seq()
        out.src, out.pos, out.item_pos = value.src, value.pos, list(value.item_pos)
        for i, item in enumerate(value):
            out.append(self.item.check(item, value.where(i), f"{key}[{i}]", ctx))
        return out

    def json(self):
        out = {"type": "array", "items": self.item.json(), "description": self.doc}
        if self.min_items:
            out["minItems"] = self.min_items
        return out


class MapOf(Spec):
    """A mapping from free names (e.g. score names) to values of one type."""

    def __init__(self, value: Spec, doc: str = "", key_pattern: str = r"[A-Za-z][A-Za-z0-9_-]*"):
        self.value, self.doc, self.key_pattern = value, doc, key_pattern
        self.expected = "a mapping of names to values"

    def check(self, value, where, key, ctx):
        if not isinstance(value, Map):
            return self._wrong_type(value, where, key, ctx)
        out = _copy_map(value)
        for k, v in value.items():
            out[k] = self.value.check(v, value.where(k), f"{key}.{k}", ctx)
        return out

    def json(self):
        return {"type": "object", "additionalProperties": self.value.json(), "description": self.doc}


@dataclass
class F:
    """A key of an object: its spec, whether it is required, and its default."""

    spec: Spec
    required: bool = False
    default: Any = None


_made = itertools.count()  # the order objects were declared in, for stable hint wording


class Obj(Spec):
    def __init__(self, name: str, fields: dict[str, F], doc: str = "",
                 post: Callable[[Map, str, Ctx], None] | None = None, key_hints: dict[str, str] | None = None):
        self.name, self.fields, self.doc, self.post = name, fields, doc, post
        self.key_hints = key_hints or {}  # an unknown key people write here -> the fix to give for it
        self.expected = f"a mapping with keys ({', '.join(self.fields)})"
        self.order = next(_made)
        # key -> names of the objects of the same format that have it, for indentation hints;
        # filled by index_keys() on the format's root, so one format never sees another's keys
        self.owners: dict[str, list[str]] = {}
        self.near: set[str] = set()  # names of the objects inside this one, or that this one is inside

    def _unknown_key_fix(self, k: str) -> str:
        hint = self.key_hints.get(k) or did_you_mean(k, self.fields)
        if hint:
            return hint
        owners = self.owners.get(k, [])
        if not owners or len(owners) > 3:
            return f"remove it; allowed keys: {', '.join(self.fields)}"
        # only an object above or below this one can be what a misindented key was meant for
        near = [o for o in owners if o in self.near]
        return (f"{'check the indentation: ' if near else ''}'{k}' is a key of {' or '.join(map(_a, near or owners))}, not of {_a(self.name)}; "
                f"allowed keys here: {', '.join(self.fields)}")

    def check(self, value, where, key, ctx):
        if not isinstance(value, Map):
            return self._wrong_type(value, where, key, ctx,
                                    f"write the {self.name} as indented 'key: value' lines")
        return self.check_keys(value, key, ctx)

    def check_keys(self, value: Map, key: str, ctx: Ctx, skip: tuple[str, ...] = ()) -> Map:
        if ctx.memo is not None and (known := ctx.memo.get(self, value, skip)) is not None:  # source/shared.py
            return known
        out = _copy_map(value)
        typos: set[str] = set()  # required keys an unknown key was taken for: not reported missing too
        for k, v in value.items():
            sub = f"{key}.{k}" if key else k
            if k in skip:
                out[k] = v
                continue
            if k not in self.fields:
                typos.update(difflib.get_close_matches(k, list(self.fields), n=1, cutoff=0.6))
                ctx.error((getattr(value, "val_src", {}).get(k, value.src), value.key_pos[k]), sub,
                          f"unknown key '{k}' in {self.name}", self._unknown_key_fix(k), rule="unknown-key")
                continue
            out[k] = self.fields[k].spec.check(v, value.where(k), sub, ctx)
        for k, f in self.fields.items():
            if k in value:
                continue
            if f.required and k not in typos:
                sub = f"{key}.{k}" if key else k
                example = getattr(f.spec, "example", None)
                ctx.error(value.where(), sub, f"missing required key '{k}' in {self.name}",
                          f"add '{k}:' ({f.spec.expected}" + (f", for example {k}: {example})" if example else ")"),
                          rule="missing-key")
            elif f.default is not None:
                out[k] = f.default
        if self.post:
            self.post(out, key, ctx)
        return out if ctx.memo is None else ctx.memo.put(self, value, skip, out)

    def json(self):
        return {
            "type": "object",
            "description": self.doc,
            "properties": {k: _with_default(f) for k, f in self.fields.items()},
            "required": [k for k, f in self.fields.items() if f.required],
            "additionalProperties": False,
        }


class Tagged(Spec):
    """One of several objects, chosen by a ``type`` key."""

    def __init__(self, name: str, variants: dict[str, Obj], doc: str = "", tag: str = "type"):
        self.name, self.variants, self.doc, self.tag = name, variants, doc, tag
        self.expected = f"a {name} with '{tag}:' one of {', '.join(variants)}"

    def check(self, value, where, key, ctx):
        if not isinstance(value, Map):
            return self._wrong_type(value, where, key, ctx)
        kind = value.get(self.tag)
        if kind is None:
            ctx.error(value.where(), f"{key}.{self.tag}", f"missing required key '{self.tag}' in {self.name}",
                      f"add '{self.tag}:' with one of: {', '.join(self.variants)}", rule="missing-key")
            return None
        if not isinstance(kind, str) or kind not in self.variants:
            hint = did_you_mean(kind, self.variants) if isinstance(kind, str) else ""
            ctx.error(value.where(self.tag), f"{key}.{self.tag}",
                      f"unknown {self.name} type (expected one of: {', '.join(self.variants)}, "
                      f"got {describe(kind)})", hint or f"use one of: {', '.join(self.variants)}",
                      rule="unknown-type")
            return None
        return self.variants[kind].check_keys(value, key, ctx, skip=(self.tag,))

    def json(self):
        branches = []
        for name, obj in self.variants.items():
            sch = obj.json()
            sch["properties"] = {self.tag: {"const": name}, **sch["properties"]}
            sch["required"] = [self.tag] + sch["required"]
            branches.append(sch)
        return {"description": self.doc, "oneOf": branches}


def _with_default(f: F) -> dict:
    """A key's JSON Schema, with its default so editors can offer it."""
    out = f.spec.json()
    if f.default is not None:
        out["default"] = f.default
    return out


def _copy_map(value: Map) -> Map:
    out = Map()
    out.src, out.pos = value.src, value.pos
    out.key_pos, out.val_pos = dict(value.key_pos), dict(value.val_pos)
    out.val_src = dict(getattr(value, "val_src", {}))
    return out


def _a(name: str) -> str:
    return ("an " if name[:1] in "aeiou" else "a ") + name


def index_keys(root: Spec) -> None:
    """Tell every object of one format which objects of that format have each key, and which objects are
    inside it or it is inside (only those can be what a misindented key was meant for)."""
    objects: dict[int, Obj] = {}
    inside: dict[int, set[int]] = {}  # object -> the objects that are values of its keys
    todo = _objects_in(root)
    while todo:
        obj = todo.pop()
        if id(obj) not in objects:
            objects[id(obj)] = obj
            children = [c for f in obj.fields.values() for c in _objects_in(f.spec)]
            inside[id(obj)] = {id(c) for c in children}
            todo.extend(children)
    below = {k: _reachable(k, inside) for k in objects}
    owners: dict[str, list[str]] = {}
    for obj in sorted(objects.values(), key=lambda o: o.order):
        for k in obj.fields:
            owners[k] = list(dict.fromkeys([*owners.get(k, []), obj.name]))
    for k, obj in objects.items():
        obj.owners = owners
        obj.near = {objects[o].name for o in below[k]} | {o.name for j, o in objects.items() if k in below[j]}


def _objects_in(spec: Spec) -> list[Obj]:
    """The objects a value of ``spec`` may be: itself, or one inside its lists, mappings or tagged kinds."""
    if isinstance(spec, Obj):
        return [spec]
    if isinstance(spec, Tagged):
        return list(spec.variants.values())
    inner = spec.item if isinstance(spec, ListOf) else spec.value if isinstance(spec, MapOf) else None
    return _objects_in(inner) if inner is not None else []


def _reachable(start: int, edges: dict[int, set[int]]) -> set[int]:
    seen, todo = set(), list(edges[start])
    while todo:
        k = todo.pop()
        if k not in seen:
            seen.add(k)
            todo.extend(edges[k])
    return seen
