"""A company profile's sections per course (``courses: {<course id>: {...}}``), merged with its top level.

The top level of a profile applies to every course built with it, so the ids it names must be ids
every one of those courses has (in practice those of the shared library, courses/shared: the
``core-*`` questions, the ``when-not-*`` pages, the ``barriers`` lesson). A course's section applies
to that course only, on top of the top level:

- its ``overrides``, ``remove``, ``add_pages``, ``add_questions`` and ``resources`` come after the top level's;
- its ``lessons``, ``pass_mark``, ``attempts`` and ``draw`` replace the top level's;
- its ``lint.scripted_phrases`` and ``lint.avoid_words`` join the top level's.

A section's key must be the id of a course in the folder of the course being built (a mistyped id
would otherwise customise nothing, silently), and an id that a top-level change or a section names
and the course lacks is an error, at its place in the profile.
"""
from __future__ import annotations

import re
from pathlib import Path

from scorm_builder.errors import Collector
from scorm_builder.format.spec import did_you_mean
from scorm_builder.source.loader import Map, Seq

LISTS = ("overrides", "remove", "add_pages", "add_questions", "resources")  # the section's items follow the top level's
REPLACED = ("lessons", "pass_mark", "attempts", "draw")  # the section's value replaces the top level's
LINT_LISTS = ("scripted_phrases",)
LINT_MAPS = ("avoid_words",)
TOP_LEVEL_NOTE = ("top-level changes apply to every course built with this profile: put a change for one "
                  "course under 'courses: <its course id>:'")
_COURSE_ID = re.compile(r"^id:[ \t]*[\"']?([A-Za-z0-9][A-Za-z0-9_.-]*)", re.M)


class CourseView(Map):
    """A profile as one course sees it. ``labels`` has, per list key, the path in the profile of each item
    (``overrides[1]``, ``courses.empathy-sales.overrides[0]``), for messages; ``sections`` is whether the
    profile has per-course sections at all (then a top-level id a course lacks says where such changes go)."""

    __slots__ = ("labels", "sections")


def for_course(profile: Map, course_id: str, ctx: Collector | None = None,
               course_file: Path | None = None) -> CourseView:
    """The profile's top level with the section for ``course_id`` merged in. With ``ctx`` and the course's file,
    a section named for no course in that course's folder is reported."""
    view = CourseView((), profile.src, profile.pos, dict(profile.key_pos), dict(profile.val_pos),
                      dict(profile.val_src))
    view.update((k, v) for k, v in profile.items() if k != "courses")
    view.labels = {k: [f"{k}[{i}]" for i in range(len(profile.get(k) or ()))] for k in (*LISTS, "lessons")}
    sections = profile.get("courses")
    view.sections = isinstance(sections, Map) and bool(sections)
    if not view.sections:
        return view
    if ctx is not None and course_file is not None:
        _check_course_ids(sections, course_id, course_file, ctx)
    section = sections.get(course_id)
    if isinstance(section, Map):
        _merge_section(view, section, f"courses.{course_id}")
    return view


def _merge_section(view: CourseView, section: Map, prefix: str) -> None:
    for key in LISTS:
        if section.get(key):
            view[key] = _joined(view.get(key), section[key], view, section, key)
            view.labels[key] = view.labels[key] + [f"{prefix}.{key}[{i}]" for i in range(len(section[key]))]
    for key in REPLACED:
        if key in section:
            view.put_from(key, section, key)
            if key == "lessons":
                view.labels[key] = [f"{prefix}.lessons[{i}]" for i in range(len(section[key]))]
    if isinstance(section.get("lint"), Map):
        top = view.get("lint") if isinstance(view.get("lint"), Map) else None
        view.put_from("lint", section, "lint")
        view["lint"] = _merged_lint(top, section["lint"]) if top is not None else section["lint"]


def _joined(first: Seq | None, then: Seq, view: Map, section: Map, key: str) -> Seq:
    """The top level's items, then the section's, each keeping where it was written."""
    src, pos = view.where(key) if first is not None else section.where(key)
    out = Seq((), src, pos, [])
    for part in (first or Seq(), then):
        for i, item in enumerate(part):
            out.append_at(item, part.where(i)[1], part.where(i)[0])
    return out


def _merged_lint(top: Map, section: Map) -> Map:
    """The top level's lint with the section's phrases added and its avoided words added or replaced."""
    out = top.copy()
    for key in LINT_LISTS:
        if section.get(key):
            out.put_from(key, top if top.get(key) else section, key)
            out[key] = _joined(top.get(key), section[key], top, section, key)
    for key in LINT_MAPS:
        if isinstance(section.get(key), Map):
            merged = top[key].copy() if isinstance(top.get(key), Map) else section[key].empty_like()
            for word in section[key]:
                merged.put_from(word, section[key], word)
            out.put_from(key, section, key)
            out[key] = merged
    return out


def _check_course_ids(sections: Map, course_id: str, course_file: Path, ctx: Collector) -> None:
    known = sorted({course_id, *course_ids_next_to(course_file)})
    for name in sections:
        if name not in known:
            src = sections.val_src.get(name, sections.src)
            ctx.error((src, sections.key_pos.get(name, sections.pos)), f"courses.{name}",
                      f"there is no course with id '{name}' in the folder of this course "
                      f"(courses: {', '.join(known)})",
                      did_you_mean(name, known) or "use one of the course ids listed, as written in its 'id:'",
                      rule="unknown-course")


def course_ids_next_to(course_file: Path) -> list[str]:
    """The ids of the courses in the folder that holds the course of ``course_file`` (``<folder>/*/course.yaml``),
    read from each file's top-level ``id:`` line."""
    out = []
    for file in sorted(Path(course_file).resolve().parent.parent.glob("*/course.yaml")):
        try:
            found = _COURSE_ID.search(file.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            continue
        if found:
            out.append(found.group(1))
    return out


def label(profile: Map, key: str, i: int) -> str:
    """The path in the profile of item ``i`` of list ``key`` (the top level's ``key[i]`` for a plain profile)."""
    labels = getattr(profile, "labels", None)
    return labels[key][i] if labels and i < len(labels.get(key, ())) else f"{key}[{i}]"


def note(profile: Map, key: str, i: int) -> str:
    """What to add to the fix for a missing id: where per-course changes go, for a top-level item of a profile
    that has per-course sections."""
    return f"; {TOP_LEVEL_NOTE}" if getattr(profile, "sections", False) and \
        not label(profile, key, i).startswith("courses.") else ""
