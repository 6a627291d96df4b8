"""The outline's view of calibration pages: the transcript line by line with its speakers, and the
expert's score on each criterion of the rubric with the level it stands for and the reason, so that a
reviewer reads exactly what the learner compares their scores with (templates/outline/)."""
from __future__ import annotations

from typing import Any

from scorm_builder.course.model import Course
from scorm_builder.course.model_calibration import CalibrationPage
from scorm_builder.render.markdown import markdown


def calibration_outline(page: CalibrationPage) -> dict[str, Any]:
    """{lines: [{who, text}], scores: [{title, score, top, level, reason, reason_html}], expert_total, top_total}"""
    customer, agent = page.customer or "Customer", page.agent or "Agent"
    lines = [{"who": customer if t.speaker == "customer" else agent, "text": line}
             for t in page.transcript for line in t.lines]
    scores = [{"title": c.title, "score": e.score, "top": c.top, "level": c.levels[e.score], "reason": e.reason,
               "reason_html": markdown(e.reason)} for c, e in zip(page.rubric.criteria, page.expert, strict=True)]
    return {"lines": lines, "scores": scores, "expert_total": sum(s["score"] for s in scores),
            "top_total": sum(s["top"] for s in scores), "intro": page.intro}


def add_calibration(lessons: list[dict[str, Any]], course: Course) -> None:
    """Each calibration page of the outline's lessons with its transcript and expert scores."""
    pages = {p.id: p for p in course.pages if isinstance(p, CalibrationPage)}
    for lesson in lessons:
        for page in lesson["pages"]:
            if page["kind"] == "calibration":
                page.update(calibration_outline(pages[page["id"]]))
