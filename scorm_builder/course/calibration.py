"""Stage 2 rules of calibration: the rubric's criteria are distinct and few enough for an LMS
response, and each calibration page has a rubric to score against, an expert score on the scale
for every criterion and no other, and a tolerance that still tells scores apart.

Reads the tree only; course/model_calibration.py makes the model.
"""
from __future__ import annotations

import difflib
from typing import Any

from scorm_builder.errors import Collector
from scorm_builder.format.calibration import MAX_CRITERIA, MAX_LEVELS
from scorm_builder.format.spec import did_you_mean
from scorm_builder.source.loader import Map


def _criteria(rubric: Any, found: Collector) -> dict[str, int]:
    """The rubric's criteria (id -> highest score) after reporting duplicates and sizes."""
    tops: dict[str, int] = {}
    criteria = [c for c in (rubric.get("criteria") or []) if isinstance(c, Map)] if isinstance(rubric, Map) else []
    if len(criteria) > MAX_CRITERIA:
        found.error(rubric.where("criteria"), "rubric.criteria",
                    f"too many criteria (expected at most {MAX_CRITERIA}, got {len(criteria)})",
                    "merge criteria that score the same behaviour: an LMS report shows each one",
                    rule="too-many-criteria")
    for k, c in enumerate(criteria):
        levels = c.get("levels") if isinstance(c.get("levels"), list) else []
        if len(levels) > MAX_LEVELS:
            found.error(c.where("levels"), f"rubric.criteria[{k}].levels",
                        f"too many levels (expected at most {MAX_LEVELS}, scores 0 to {MAX_LEVELS - 1}, "
                        f"got {len(levels)})", "describe fewer levels: coaches agree more often on a short scale",
                        rule="too-many-levels")
        cid = c.get("id")
        if not isinstance(cid, str):
            continue
        if cid in tops:
            found.error(c.where("id"), f"rubric.criteria[{k}].id", f"duplicate criterion id '{cid}'",
                        "give each criterion its own id", rule="duplicate-criterion-id")
        tops[cid] = len(levels) - 1
    return tops


def check_calibrations(clean: Map, found: Collector) -> None:
    """The rubric, and every calibration page against it."""
    rubric = clean.get("rubric")
    tops = _criteria(rubric, found) if rubric is not None else {}
    for i, lesson in enumerate(clean.get("lessons") or []):
        for j, page in enumerate((lesson.get("pages") if isinstance(lesson, Map) else None) or []):
            if isinstance(page, Map) and page.get("type") == "calibration":
                _page(page, f"lessons[{i}].pages[{j}]", rubric is not None, tops, found)


def _page(page: Map, path: str, has_rubric: bool, tops: dict[str, int], found: Collector) -> None:
    if not has_rubric:
        found.error(page.where("type"), f"{path}.type", "a calibration page needs the course's rubric, and the "
                    "course has none", "add 'rubric:' to the course, with the criteria the transcript is scored "
                    "on (docs/course-format.md, rubric)", rule="calibration-without-rubric")
        return
    expert = page.get("expert")
    if not isinstance(expert, Map):
        return
    typos: set[str] = set()  # criteria an unknown id was a misspelling of: not reported missing too
    for cid, score in expert.items():
        if cid not in tops:
            typos.update(difflib.get_close_matches(cid, list(tops), n=1, cutoff=0.6))
            found.error((expert.src, expert.key_pos[cid]), f"{path}.expert.{cid}",
                        f"unknown criterion '{cid}' (expected one of: {', '.join(tops)})",
                        did_you_mean(cid, tops) or "score the rubric's criteria only", rule="unknown-criterion")
        elif isinstance(score, Map) and isinstance(score.get("score"), int) and score["score"] > tops[cid]:
            found.error(score.where("score"), f"{path}.expert.{cid}.score",
                        f"score {score['score']} is off the scale of '{cid}' (0 to {tops[cid]})",
                        f"give a score from 0 to {tops[cid]}, or add a level to the criterion",
                        rule="score-off-scale")
    missing = [cid for cid in tops if cid not in expert and cid not in typos]
    if missing:
        found.error(page.where("expert"), f"{path}.expert",
                    f"no expert score for {', '.join(repr(m) for m in missing)} (every criterion of the rubric "
                    "is scored)", f"add '{missing[0]}: {{score: ..., reason: ...}}' under 'expert:'",
                    rule="expert-score-missing")
    tolerance = page.get("tolerance")
    if isinstance(tolerance, int) and tops and tolerance >= max(tops.values()):
        found.error(page.where("tolerance"), f"{path}.tolerance",
                    f"tolerance {tolerance} accepts every score on every criterion (the widest scale is 0 to "
                    f"{max(tops.values())})", "use a smaller tolerance, such as 0 or 1",
                    rule="tolerance-accepts-all")
