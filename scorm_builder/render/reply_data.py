"""The coached replies as the player's data: each reply's checks and model answer, and the course's
phrase lists the coaching flags (templates/player/js/reply-coach.js reads both).

The lists are the built-in ones for the course's language (course/phrases.json, which `scorm-builder
lint` reads too) plus the course's `lint:` additions, which a company profile merges into: so each
package coaches with its own language's and company's phrases.
"""
from __future__ import annotations

from typing import Any

from scorm_builder.course.model import Course, ScenarioPage
from scorm_builder.course.model_reply import Reply, ReplyPage
from scorm_builder.course.phrases import phrase_lists
from scorm_builder.render.item_hashes import content_hash

TEXT_LIMITS = {"scorm12": 255, "scorm2004": 4000}  # cmi.interactions.n.student_response / learner_response


def reply_data(reply: Reply, page_id: str, principle: str, when_not_to: tuple[str, ...]) -> dict[str, Any]:
    """A reply's checks (each with "any" words or a "pattern"), its model answer, whether it must act first,
    the id it is reported under (and its rating, with RATING_SUFFIX) and "h", the hash of what a saved
    checklist result means."""
    checks = []
    for check in reply.checks:
        out: dict[str, Any] = {"label": check.label}
        if check.words:
            out["any"], out["at_least"] = list(check.words), check.at_least
        else:
            out["pattern"] = check.pattern
        if check.hint:
            out["hint"] = check.hint
        checks.append(out)
    act_first = reply.acts_first(principle, when_not_to)
    return {"model": reply.model, "checks": checks, "act_first": act_first,
            "interaction_id": f"rpl_{page_id}",  # the rating's: this and RATING_SUFFIX (reply-record.js)
            "h": content_hash(["reply", checks, act_first])}


RATING_SUFFIX = "_rating"  # the self-rating's interaction id: the reply's and this
RATING_MAX = 4  # "How close was yours?": 1 (not close) to 4 (very close), the likert response


def worst_reply_record(page: dict[str, Any]) -> list[Any]:
    """A page's reply record at its largest (templates/player/js/reply-record.js): [replies sent, the
    checklist result of the last as one 0 or 1 per check (act_first last), its rating, h]. The text is never
    kept: it goes to the LMS as the interaction's response."""
    reply = page["reply"]
    tries = 999 if page.get("retry") else 1  # suspend.COUNTER_MAX
    return [tries, "1" * (len(reply["checks"]) + (1 if reply["act_first"] else 0)), RATING_MAX, reply["h"]]


def coach_lists(course: Course) -> dict[str, list[str]]:
    """The phrases the coaching flags: scripted ones anywhere in a reply, sympathy openers at its start."""
    scripted, sympathy = phrase_lists(course.language)
    return {"scripted": [*scripted, *course.lint.scripted_phrases],
            "sympathy": [*sympathy, *course.lint.sympathy_openers]}


def add_replies(data: dict[str, Any], course: Course) -> None:
    """Give each page with a reply its "reply", and the data the course's "coach" lists when it has one."""
    pages = [p for lesson in data["lessons"] for p in lesson["pages"]]
    found = False
    for page, out in zip(course.pages, pages, strict=True):
        reply = page.reply if isinstance(page, (ScenarioPage, ReplyPage)) else None
        if reply is not None:
            out["reply"] = reply_data(reply, page.id, page.principle, course.lint.when_not_to_principles)
            found = True
    if found:
        data["coach"] = coach_lists(course)
