"""Stage 2: the cross-field rules over a tree the course format has checked, then the model.

The rules here and in rules_dialogue.py and rules_assessment.py read the tree only (no
files); assets.py checks the files pages name and text links to; from_tree.py makes the model. Every
problem is collected with its rule id before the stage fails once.
"""
from __future__ import annotations

from pathlib import Path

from scorm_builder.course import record
from scorm_builder.course.aids import course_aids
from scorm_builder.course.assets import course_assets, linked_assets
from scorm_builder.course.calibration import check_calibrations
from scorm_builder.course.from_tree import course_from_tree
from scorm_builder.course.ids import Ids
from scorm_builder.course.model import MAX_CHOICES, Course
from scorm_builder.course.rules_assessment import check_assessment
from scorm_builder.course.rules_dialogue import check_dialogue
from scorm_builder.course.rules_practice import check_practice
from scorm_builder.errors import Collector
from scorm_builder.format.spec import did_you_mean
from scorm_builder.source.loader import Map
from scorm_builder.source.tree import paused_gc


def check_course(clean: Map, root: Path, found: Collector, company=None, reuse=None) -> Course | None:
    """The cross-field rules and the course's files (those its pages show, then those its text links to);
    the model when nothing anywhere is wrong. ``reuse``: what is known of the parts of the tree a batch's
    companies share with their course (course/reuse.py ``Reuse``)."""
    with paused_gc():  # the tree and the model are many small objects and no cycles: a collection finds nothing
        check_rules(clean, found, company.source if company is not None else None)
        assets = course_assets(clean, root, found)
        linked = linked_assets(clean, root, found, reuse.unlinked if reuse is not None else ())
        aids, aid_files = course_aids(clean, root, found)  # resources, glossary, certificate (course/aids.py)
        if found.problems:
            return None
        return record.replace(course_from_tree(clean, assets, company, [*linked, *aid_files], reuse), aids=aids)


def structure_broken(clean: Map) -> bool:
    """After type errors, go on to the semantic checks only if the tree's skeleton is intact."""
    lessons = clean.get("lessons")
    if not isinstance(lessons, list) or any(not isinstance(l, dict) for l in lessons):
        return True
    for lesson in lessons:
        pages = lesson.get("pages")
        if not isinstance(pages, list) or any(not isinstance(p, dict) for p in pages):
            return True
    return False


def check_rules(clean: Map, found: Collector, profile: str | None = None) -> None:
    """Every cross-field rule: ids, principles, pages, dialogues, questions, completion; ``profile``: the file of
    the company profile applied to the tree, if any (its author can't change the course itself)."""
    ids = Ids(found)
    principles = _principles(clean, found)
    for i, lesson in enumerate(clean.get("lessons") or []):
        _lesson(lesson, f"lessons[{i}]", ids, principles, found)
    check_calibrations(clean, found)  # the rubric and the calibration pages (course/calibration.py)
    if isinstance(clean.get("assessment"), dict):
        check_assessment(clean["assessment"], "assessment", ids, found, profile)
        for i, q in enumerate(clean["assessment"].get("questions") or []):
            if isinstance(q, dict):
                check_principle(q, f"assessment.questions[{i}]", principles, found)
    completion = clean.get("completion")
    if completion in ("assessment", "both") and "assessment" not in clean:
        found.error(clean.where("completion"), "completion",
                    f"completion '{completion}' needs an assessment, but the course has none",
                    "add an 'assessment:' section, or set 'completion: lessons'", rule="completion-needs-assessment")
    check_practice(clean, principles, found)  # weights, review links, the completion mapping, confidence


def _principles(clean: Map, found: Collector) -> set[str]:
    """The declared principle ids; a second use of one is reported."""
    seen: set[str] = set()
    for i, p in enumerate(clean.get("principles") or []):
        if not isinstance(p, dict) or not isinstance(p.get("id"), str):
            continue
        if p["id"] in seen:
            found.error(p.where("id"), f"principles[{i}].id", f"duplicate principle id '{p['id']}'",
                        "give each principle its own id", rule="duplicate-principle-id")
        seen.add(p["id"])
    return seen


def _lesson(lesson: Map, path: str, ids: Ids, principles: set[str], found: Collector) -> None:
    if lesson.get("id"):
        ids.claim(lesson["id"], lesson, path)
    for j, page in enumerate(lesson.get("pages") or []):
        if not isinstance(page, dict) or "type" not in page:
            continue
        ppath = f"{path}.pages[{j}]"
        ids.claim(page.get("id") or f"{lesson.get('id')}-{j + 1}", page, ppath, automatic=not page.get("id"))
        if page["type"] in ("scenario", "reply"):  # a reply page: a scenario with no options
            _scenario(page, ppath, principles, found)
        elif page["type"] == "dialogue":
            check_dialogue(page, ppath, found)
        elif page["type"] == "calibration":
            check_principle(page, ppath, principles, found)


def check_principle(item: Map, path: str, principles: set[str], found: Collector) -> None:
    """A scenario's or question's ``principle:`` is one the course declares (when it declares any)."""
    principle = item.get("principle")
    if isinstance(principle, str) and principle and principles and principle not in principles:
        found.error(item.where("principle"), f"{path}.principle",
                    f"unknown principle '{principle}' (expected one of: {', '.join(sorted(principles))})",
                    did_you_mean(principle, principles) or "add it under 'principles:' or use one that is declared",
                    rule="unknown-principle")


def _scenario(page: Map, path: str, principles: set[str], found: Collector) -> None:
    options = [o for o in (page.get("options") or []) if isinstance(o, dict)]
    if len(options) > MAX_CHOICES:
        found.error(page.where("options"), f"{path}.options",
                    f"too many options (expected at most {MAX_CHOICES}, got {len(options)})",
                    "split the scenario in two", rule="too-many-options")
    if options and not any(o.get("verdict") == "best" for o in options):
        found.error(page.where("options"), f"{path}.options",
                    "no option has verdict 'best' (expected at least one best response)",
                    "mark the strongest response with 'verdict: best'", rule="no-best-option")
    check_principle(page, path, principles, found)
    customer, channel = page.get("customer"), page.get("channel")
    # a missing or unknown channel is the format's to report (it is None here): only a real channel is compared
    if isinstance(customer, dict) and customer.get("subject") and isinstance(channel, str) and channel != "email":
        found.error(customer.where("subject"), f"{path}.customer.subject",
                    f"a subject line only applies to email (got channel '{channel}')",
                    "remove 'subject:' or set 'channel: email'", rule="subject-without-email")
