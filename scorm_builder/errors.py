"""The errors a user sees: one root on ClickException, and positioned problems."""
from __future__ import annotations

from dataclasses import dataclass

import click


class BuilderError(click.ClickException):
    """Any error meant for the user: printed as ``Error: ...``, exit status 1."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a source file, with where it is and how to fix it.

    Renders as ``path:line:col: key.path: reason — fix``; line and column are
    1-based. ``severity`` is "error" or "warning" (warnings come from lint).
    """

    path: str
    line: int
    column: int
    key: str
    reason: str
    fix: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        key = f" {self.key}:" if self.key else ""
        fix = f" \u2014 {self.fix}" if self.fix else ""
        tag = "warning: " if self.severity == "warning" else ""
        return f"{where}:{key} {tag}{self.reason}{fix}"


class CourseInvalid(BuilderError):
    """A course (or profile) has problems; carries them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_problem_order)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} {noun} found.")
        super().__init__("\n".join(lines))

    def show(self, file=None) -> None:  # no "Error:" prefix on each line
        click.echo(self.message, err=True, file=file)


def _problem_order(p: Problem) -> tuple:
    return (p.path, p.line, p.column, p.key, p.reason)
