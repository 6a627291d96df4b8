"""Stage 2 output: the validated course as frozen dataclasses. Reads no files."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Asset:
    """A file from the course folder that goes into the package."""

    source: Path  # absolute path on disk
    href: str  # path inside the package, e.g. assets/call.png


@dataclass(frozen=True)
class Page:
    kind: str  # text | scenario | dialogue
    id: str
    title: str
    data: dict[str, Any]  # the page's keys as validated, ready to become JSON


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    pages: tuple[Page, ...]


@dataclass(frozen=True)
class Assessment:
    title: str
    pass_mark: int
    attempts: int
    draw: int
    questions: tuple[dict[str, Any], ...]
    settings: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Course:
    id: str
    title: str
    version: str
    language: str
    description: str
    audience: str
    duration_minutes: int | None
    completion: str  # lessons | assessment | both
    lms_mastery_score: bool
    scenario_retry: bool
    principles: tuple[dict[str, str], ...]
    lessons: tuple[Lesson, ...]
    assessment: Assessment | None
    assets: tuple[Asset, ...]
    source: str  # the course file as shown in messages
    company: Any = None  # company.Company when built for a company profile

    @property
    def pages(self) -> list[Page]:
        return [p for lesson in self.lessons for p in lesson.pages]
