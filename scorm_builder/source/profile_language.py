"""A company profile's sections per language (``languages: {<LANG>: {...}}``), merged over its top level.

A package is in one language: the translation's with ``build --language``, else the profile's
``language:`` when it sets one, else the course's (a pseudo-locale build keeps the course's). The
section of that language, when the profile has one, applies on top of the profile's top level (and
of its section for the course, ``courses:``):

- its ``name`` replaces the company's name (``{{ company.name }}``, and the logo's text alternative
  unless the profile gives one), its ``branding.logo_alt`` the logo's text alternative;
- its ``terms`` replace the profile's terms of the same names, the others stay;
- its ``overrides`` and ``remove`` come after the top level's (so an override of the same piece wins);
- its ``add_pages`` and ``add_questions`` replace those of the top level with the same page or question
  id (the page in this language), and the others are added after the top level's;
- its ``courses: {<course id>: {...}}`` does the same with the lists of one course only (the
  translation of the profile's ``courses:`` section for that course).

Every section is checked in every build, whatever its language: its key must be a language code,
and each of its terms a term the course or the profile's top level defines (a mistyped term would
otherwise change nothing, silently), each at its place in the profile.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from scorm_builder.course import record
from scorm_builder.errors import Collector
from scorm_builder.format.spec import did_you_mean
from scorm_builder.source.loader import Map, Seq
from scorm_builder.source.profile import Company
from scorm_builder.source.profile_course import course_ids_next_to

KEY = "languages"
LISTS = ("overrides", "remove", "add_pages", "add_questions")  # the section's items follow the top level's
LANGUAGE = re.compile(r"[a-z]{2}(-[A-Z]{2})?")


def for_language(profile: Map, language: str | None, course_id: str | None = None) -> Map:
    """The profile as a build in ``language`` sees it: its top level with that language's section merged
    in, and that section's part for ``course_id`` (a new mapping of the same kind; ``profile`` is not
    changed), without ``languages:``."""
    view = _copy(profile)
    sections = profile.get(KEY)
    section = sections.get(language) if isinstance(sections, Map) and isinstance(language, str) else None
    if not isinstance(section, Map):
        return view
    prefix = f"{KEY}.{language}"
    if "name" in section:
        view.put_from("name", section, "name")
    if isinstance(section.get("terms"), Map):
        top = profile.get("terms") if isinstance(profile.get("terms"), Map) else None
        terms = top.copy() if top is not None else section["terms"].empty_like()
        for name in section["terms"]:
            terms.put_from(name, section["terms"], name)
        view.put_from("terms", section, "terms")
        view["terms"] = terms
    if isinstance(section.get("branding"), Map) and "logo_alt" in section["branding"]:
        branding = profile["branding"].copy() if isinstance(profile.get("branding"), Map) else Map()
        branding.put_from("logo_alt", section["branding"], "logo_alt")
        view["branding"] = branding
    _merge_lists(view, section, prefix)
    courses = section.get("courses")
    if isinstance(courses, Map) and isinstance(courses.get(course_id), Map):
        _merge_lists(view, courses[course_id], f"{prefix}.courses.{course_id}")
    return view


def _merge_lists(view: Map, section: Map, prefix: str) -> None:
    labels = getattr(view, "labels", None)
    for key in LISTS:
        if isinstance(section.get(key), Seq) and section[key]:
            old = labels.get(key) if isinstance(labels, dict) else None
            old = old or [f"{key}[{i}]" for i in range(len(view.get(key) or ()))]
            view[key], named = _joined(view.get(key), section[key], key, old, f"{prefix}.{key}")
            if isinstance(labels, dict):
                labels[key] = named


def in_language(profile: Map, company: Company, course: Map, ctx: Collector) -> tuple[Map, Company]:
    """The profile and company of a build of ``course`` (the tree, translated when built so): every
    language section checked, the package's language's merged in."""
    sections = profile.get(KEY)
    if isinstance(sections, Map):
        _check(sections, profile, course, ctx)
    language = profile.get("language") or course.get("language") or "en"
    course_id = course.get("id") if isinstance(course.get("id"), str) else None
    view = for_language(profile, language if isinstance(language, str) else None, course_id)
    return view, company_in(company, profile, view)


def company_in(company: Company, profile: Map, view: Map) -> Company:
    """``company`` with the name, terms and logo text of ``view`` (a profile's view in one language)."""
    if view.get("name") == company.name and view.get("terms") == profile.get("terms") and \
            view.get("branding") is profile.get("branding"):
        return company
    given = (view.get("branding") or {}).get("logo_alt")
    return record.replace(company, name=view["name"], terms=dict(view.get("terms") or {}),
                               logo_alt=given or view["name"])


def _check(sections: Map, profile: Map, course: Map, ctx: Collector) -> None:
    known = sorted({*_names(course.get("terms")), *_names(profile.get("terms"))})
    for language, section in sections.items():
        where = (sections.val_src.get(language, sections.src), sections.key_pos.get(language, sections.pos))
        if not LANGUAGE.fullmatch(str(language)):
            ctx.error(where, f"{KEY}.{language}", f"'{language}' is not a language code (expected a code such as "
                      "es, fr or pt-BR, as a course's language: is written)", "write the language's code",
                      rule="invalid-language")
        if isinstance(section, Map) and isinstance(section.get("courses"), Map):
            _check_courses(section["courses"], f"{KEY}.{language}", course, ctx)
        terms = section.get("terms") if isinstance(section, Map) else None
        for name in terms if isinstance(terms, Map) else ():
            if name in known:
                continue
            at = (terms.val_src.get(name, terms.src), terms.key_pos.get(name, terms.pos))
            ctx.error(at, f"{KEY}.{language}.terms.{name}",
                      f"neither the course nor the profile has a term '{name}' (terms: {', '.join(known) or 'none'})",
                      did_you_mean(name, known) or "use one of the terms listed, or define it under the profile's "
                      "own 'terms:' first", rule="unknown-term")


def _check_courses(courses: Map, prefix: str, course: Map, ctx: Collector) -> None:
    """A course part of a language section must name a course of the folder of the course being built."""
    known = sorted({str(course.get("id")), *course_ids_next_to(Path(course.src))})
    for name in courses:
        if name not in known:
            ctx.error((courses.val_src.get(name, courses.src), courses.key_pos.get(name, courses.pos)),
                      f"{prefix}.courses.{name}", f"there is no course with id '{name}' in the folder of this "
                      f"course (courses: {', '.join(known)})",
                      did_you_mean(name, known) or "use one of the course ids listed, as written in its 'id:'",
                      rule="unknown-course")


def _names(terms: Any) -> list[str]:
    return [k for k in terms if isinstance(k, str)] if isinstance(terms, Map) else []


def _copy(profile: Map) -> Map:
    """A shallow copy of the same class (a view per course keeps its labels), positions kept, without ``languages``."""
    view = type(profile).__new__(type(profile))
    Map.__init__(view, ((k, v) for k, v in profile.items() if k != KEY), profile.src, profile.pos,
                 dict(profile.key_pos), dict(profile.val_pos), dict(profile.val_src))
    for cls in type(profile).__mro__:
        for slot in getattr(cls, "__slots__", ()) if cls not in (Map, dict, object) else ():
            if hasattr(profile, slot):
                setattr(view, slot, copy.copy(getattr(profile, slot)))
    return view


def _joined(first: Seq | None, then: Seq, key: str, labels: list[str], prefix: str) -> tuple[Seq, list[str]]:
    """The top level's items and the section's, each keeping where it was written, and their labels: an added
    page or question of the section takes the place of the top level's with the same id."""
    first = first if isinstance(first, Seq) else Seq((), then.src, then.pos, [])
    items = [(item, first.where(i), labels[i] if i < len(labels) else f"{key}[{i}]") for i, item in enumerate(first)]
    for i, item in enumerate(then):
        at = _same(items, item, key)
        entry = (item, then.where(i), f"{prefix}[{i}]")
        if at is None:
            items.append(entry)
        else:
            items[at] = entry
    out = Seq((), first.src, first.pos, [])
    for item, (src, pos), _label in items:
        out.append_at(item, pos, src)
    return out, [label for _item, _where, label in items]


def _same(items: list[tuple[Any, Any, str]], item: Any, key: str) -> int | None:
    """Where in ``items`` the page or question ``item`` adds is added already (by its id), if it is."""
    ident = _added_id(item, key)
    if ident is None:
        return None
    return next((i for i, (other, _w, _l) in enumerate(items) if _added_id(other, key) == ident), None)


def _added_id(item: Any, key: str) -> str | None:
    if key == "add_pages" and isinstance(item, Map) and isinstance(item.get("page"), Map):
        item = item["page"]
    elif key != "add_questions":
        return None
    ident = item.get("id") if isinstance(item, Map) else None
    return ident if isinstance(ident, str) else None


TEXT_KEYS = ("terms", "overrides", "add_pages", "add_questions")  # where a profile writes course text


def untranslated(profile: Map, language: str) -> str | None:
    """What to say when a build in ``language`` takes a profile that writes course text but has no
    section for that language: those texts would reach the package as the profile wrote them."""
    sections = profile.get(KEY)
    if isinstance(sections, Map) and language in sections:
        return None
    courses = profile.get("courses")
    parts = [profile, *(s for s in (courses.values() if isinstance(courses, Map) else ()) if isinstance(s, Map))]
    written = [k for k in TEXT_KEYS if any(part.get(k) for part in parts)]
    if not written:
        return None
    return (f"no 'languages: {language}:' section: the texts this profile writes ({', '.join(written)}) "
            f"stay in the profile's own language in the {language} packages \u2014 translate them under "
            f"'languages: {language}:' (docs/company-profiles.md, \"Per-language terms\")")
