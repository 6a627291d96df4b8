"""The calibration parts of the player's data (view-calibration.js reads them): the course's rubric, once,
and each calibration page with its transcript, the expert's scores and reasons, the tolerance, the
interaction id and the content hash a saved score is kept under (templates/player/js/state.js, "cb").
"""
from __future__ import annotations

from typing import Any, Mapping

from scorm_builder.course.model_calibration import CalibrationPage, Rubric
from scorm_builder.render.customer_data import face_data, says_data
from scorm_builder.render.item_hashes import content_hash
from scorm_builder.render.markdown import markdown


def rubric_data(rubric: Rubric) -> dict[str, Any]:
    """The rubric: each criterion with its levels, score 0 first."""
    return {"title": rubric.title, "criteria": [
        {"id": c.id, "title": c.title, "question": c.question, "levels": list(c.levels)} for c in rubric.criteria]}


def calibration_content(page: dict[str, Any]) -> list[Any]:
    """What gives a saved score its meaning: the transcript, the expert's scores and the tolerance (reasons,
    titles and the intro may be reworded and the learner's scores kept)."""
    return ["calibration", [[t["who"], t["says"]] for t in page["transcript"]],
            [[e["criterion"], e["score"]] for e in page["expert"]], page["tolerance"]]


def calibration_page(page: CalibrationPage, principle: Mapping[str, str] | None) -> dict[str, Any]:
    """A calibration page as the player shows it; ``principle``: its {id, title}, or None."""
    out: dict[str, Any] = {
        "channel": page.channel,
        "customer": page.customer,
        "agent": page.agent,
        **face_data(page.avatar, page.time, page.subject),
        "intro_html": markdown(page.intro),
        "transcript": [{"who": t.speaker, "says": says_data(t.text, t.messages)} for t in page.transcript],
        "expert": [{"criterion": e.criterion, "score": e.score, "reason_html": markdown(e.reason)}
                   for e in page.expert],
        "tolerance": page.tolerance,
        "principle": principle,
        "retry": page.retry,
        "scored": page.scored,
        "interaction_id": f"cal_{page.id}",
    }
    out["h"] = content_hash(calibration_content(out))
    return out
