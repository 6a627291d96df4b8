"""The coached replies in the outline: each reply's model answer and checklist, as the player coaches it."""
from __future__ import annotations

from typing import Any

from scorm_builder.course.model import Course, ScenarioPage
from scorm_builder.course.model_reply import ReplyPage
from scorm_builder.render.reply_data import RATING_SUFFIX, reply_data


def add_reply_outline(lessons: list[dict[str, Any]], course: Course) -> None:
    """Give each outline page with a reply its "reply": render/reply_data.py's, each check with "test" (what
    meets it, in words), and the customer's words of a reply page as one text."""
    pages = [p for lesson in lessons for p in lesson["pages"]]
    for page, out in zip(course.pages, pages, strict=True):
        reply = page.reply if isinstance(page, (ScenarioPage, ReplyPage)) else None
        if reply is None:
            continue
        data = reply_data(reply, page.id, page.principle, course.lint.when_not_to_principles)
        for check, model in zip(data["checks"], reply.checks, strict=True):
            check["hint"] = model.hint  # "" when none (the player's data leaves it out)
            check["test"] = (f"matches {model.pattern}" if model.pattern else
                             f"{model.at_least} of: " + ", ".join(model.words))
        out["reply"] = {**data, "rating_id": data["interaction_id"] + RATING_SUFFIX}
        if isinstance(page, ReplyPage):
            out["customer"] = {**out["customer"], "says": page.customer.says}
            out["options"] = []  # the template's scenario part lists none
