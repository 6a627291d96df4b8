"""What a user is told: one error root on ClickException, and one kind of diagnostic.

Validation, lint and check all report :class:`Diagnostic` objects, rendered by
:func:`render_text` and :func:`render_json`. Every diagnostic has a stable rule id
(listed in docs/diagnostics.md and docs/check.md) so tools and people can refer to it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Iterable

import click

from scorm_builder.course.record import record


class BuilderError(click.ClickException):
    """Any error meant for the user: printed as ``Error: ...``, exit status 1."""


@dataclass(frozen=True, order=True)
class Where:
    """Where a diagnostic points: a source file position, or an entry of a package.

    ``line``/``column`` are 1-based. For a course file ``key`` is the key path
    (``lessons[0].pages[2].title``); for a package ``entry`` is the zip entry.
    """

    file: str
    line: int | None = None
    column: int | None = None
    key: str = ""
    entry: str | None = None
    package: bool = False  # a package given to `check`, not a source file

    def __str__(self) -> str:
        parts = [self.file]
        if self.entry is not None:
            parts.append(self.entry)
        if self.line:
            parts.append(str(self.line))
            if self.column:
                parts.append(str(self.column))
        return ":".join(parts)


@record
class Diagnostic:
    """One thing wrong (error) or risky (warning), where it is, and how to fix it."""

    severity: str  # error | warning
    rule: str  # a stable id such as unknown-key or zip-symlink
    where: Where
    reason: str
    fix: str = ""

    # convenient views used by callers and tests
    @property
    def file(self) -> str:
        return self.where.file

    @property
    def line(self) -> int | None:
        return self.where.line

    @property
    def column(self) -> int | None:
        return self.where.column

    @property
    def key(self) -> str:
        return self.where.key

    def __str__(self) -> str:
        return render_line(self)

    def order(self) -> tuple:
        w = self.where
        return (w.file, w.entry or "", w.line or 0, w.column or 0, w.key, self.reason, self.rule)


def source_error(rule: str, file: str, line: int, column: int, key: str, reason: str, fix: str = "",
                 severity: str = "error") -> Diagnostic:
    """A diagnostic about a position in a source file (a course, an included piece, a profile)."""
    return Diagnostic(severity, rule, Where(file, line, column, key), reason, fix)


def render_line(d: Diagnostic) -> str:
    """The one text form.

    Source files: ``file:line:col: key: reason — fix``, with ``warning: [rule]`` before the
    reason of a warning. Packages: ``package:entry:line: severity [rule] reason — fix``.
    """
    where = str(d.where)
    fix = f" \u2014 {d.fix}" if d.fix else ""
    if d.where.package:
        return f"{where}: {d.severity} [{d.rule}] {d.reason}{fix}"
    key = f" {d.key}:" if d.key else ""
    tag = f"warning: [{d.rule}] " if d.severity == "warning" else ""
    return f"{where}:{key} {tag}{d.reason}{fix}"


def render_text(diagnostics: Iterable[Diagnostic]) -> list[str]:
    return [render_line(d) for d in diagnostics]


def as_dict(d: Diagnostic) -> dict:
    w = d.where
    return {"severity": d.severity, "rule": d.rule, "file": w.file, "entry": w.entry, "line": w.line,
            "column": w.column, "key": w.key, "reason": d.reason, "fix": d.fix}


def render_json(diagnostics: Iterable[Diagnostic]) -> str:
    """A JSON list, one object per diagnostic, with the keys of :func:`as_dict`."""
    return json.dumps([as_dict(d) for d in diagnostics], indent=2, ensure_ascii=False)


def count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


@dataclass
class Collector:
    """Collects diagnostics while a tree is checked, so every problem is reported at once."""

    problems: list[Diagnostic] = field(default_factory=list)
    memo: object = None  # a format.spec.Memo: the checks of a batch's shared course tree, reused (source/shared.py)

    def error(self, where: tuple[str, tuple[int, int]], key: str, reason: str, fix: str = "",
              rule: str = "invalid-value") -> None:
        src, (line, col) = where
        self.problems.append(source_error(rule, src, line, col, key, reason, fix))


class CourseInvalid(BuilderError):
    """A course (or profile) has problems; carries them all."""

    def __init__(self, problems: list[Diagnostic]):
        self.problems = sorted(_unique(problems), key=Diagnostic.order)
        lines = render_text(self.problems)
        lines.append(f"{count(len(self.problems), 'problem')} found.")
        super().__init__("\n".join(lines))

    def show(self, file=None) -> None:  # no "Error:" prefix on each line
        click.echo(self.message, err=True, file=file)


def _unique(problems: Iterable[Diagnostic]) -> list[Diagnostic]:
    seen, out = set(), []
    for p in problems:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out
