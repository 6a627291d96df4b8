"""Stage 3: the course model as the player's data (JSON in index.html), one function per kind of object.

The outline shows the same computed values (keys, rendered HTML, score ranges) beside the
course's own text, so it calls these functions on the same model objects.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Mapping, Sequence

from scorm_builder import standards
from scorm_builder.course import graph
from scorm_builder.course.model import (
    Answer,
    Assessment,
    Choice,
    ChoiceQuestion,
    Course,
    DialoguePage,
    Ending,
    Image,
    Matching,
    Node,
    Option,
    Ordering,
    Page,
    Question,
    ScenarioPage,
    TextPage,
    TrueFalse,
)
from scorm_builder.course.model_calibration import CalibrationPage, course_rubric
from scorm_builder.course.model_media import MediaPage
from scorm_builder.course.model_reply import ReplyPage
from scorm_builder.course.practice import ConfidencePage
from scorm_builder.render.aids_data import aids_data
from scorm_builder.render.calibration_data import calibration_page, rubric_data
from scorm_builder.render.customer_data import face_data, says_data
from scorm_builder.render.environment import SharedParts
from scorm_builder.render.item_hashes import add_item_hashes
from scorm_builder.render.markdown import markdown
from scorm_builder.render.media_data import media_data, media_page
from scorm_builder.render.practice_data import add_practice_data, confidence_data
from scorm_builder.render.reply_data import add_replies
from scorm_builder.render.strings import strings_for
from scorm_builder.source.tree import paused_gc

_LAST: list[tuple[Course, tuple, set[str], SharedParts]] = []  # the last course's data, for its other standards


def player_data(course: Course, standard: str, dirs: Sequence[Path] = ()) -> dict[str, Any]:
    """Everything the player needs, as JSON-ready data, not to be changed: the other standards of the
    same course share it but its "standard" (and its JSON, see render.environment.dumps). A standard
    asked for again is computed afresh (template files may have changed in between)."""
    key, last = tuple(dirs), (_LAST[0] if _LAST else None)  # this thread's own reference (the preview's threads)
    if not (last and last[0] is course and last[1] == key and standard not in last[2]):
        with paused_gc():  # many small dicts and lists, no cycles: a collection finds nothing
            last = (course, key, set(), _player_data(course, dirs))
        _LAST[:] = [last]
    last[2].add(standard)
    data = SharedParts(last[3])
    data["standard"] = standards.get(standard).family
    return data


def _player_data(course: Course, dirs: Sequence[Path]) -> SharedParts:
    titles = principle_titles(course)
    data = SharedParts({
        "format": 1,
        "standard": None,  # each package's own (player_data)
        "course": course_info(course),
        "lessons": [{"id": lesson.id, "title": lesson.title, "pages": [page_data(p, titles) for p in lesson.pages]}
                    for lesson in course.lessons],
        "assessment": assessment_data(course.assessment, titles) if course.assessment else None,
        "strings": strings_for(course.language, dirs),
    })
    company = course.company
    data["brand"] = ({"company": company.name, "logo": company.logo.href if company.logo else "",
                      "logo_alt": company.logo_alt} if company else None)
    data["build"] = {"course_version": course.version, "company": company.id if company else "",
                     "profile_sha256": company.sha256 if company else ""}
    data.update(aids_data(course.aids))  # resources, glossary, certificate (render/aids_data.py)
    if course_rubric(course) is not None:  # what calibration pages score against (render/calibration_data.py)
        data["rubric"] = rubric_data(course_rubric(course))
    data["course"]["fingerprint"] = fingerprint(data)
    add_item_hashes(data)  # "h" on each scenario, dialogue and question: what a saved answer was given to
    add_practice_data(data, course)  # weights, review links, routes, remediation pages (render/practice_data.py)
    add_replies(data, course)  # "reply" on the pages with one, and the phrases the coaching flags
    return data


def course_info(course: Course) -> dict[str, Any]:
    return {"id": course.id, "title": course.title, "version": course.version, "language": course.language,
            "description": course.description, "audience": course.audience,
            "duration_minutes": course.duration_minutes, "completion": course.completion,
            **({"navigation": "linear"} if course.navigation == "linear" else {})}  # free: left out


def principle_titles(course: Course) -> dict[str, str]:
    return {p.id: p.title for p in course.principles}


def principle_data(principle: str, titles: Mapping[str, str]) -> dict[str, str] | None:
    """A scenario's or question's principle as the player shows it: its id and title (the declared one, else
    the id in words); None for none."""
    if not principle:
        return None
    return {"id": principle, "title": titles.get(principle, principle.replace("-", " ").capitalize())}


def page_data(page: Page, titles: Mapping[str, str]) -> dict[str, Any]:
    """A page as the player shows it; ``titles``: principle id -> title."""
    if isinstance(page, TextPage):
        body = text_page(page)
    elif isinstance(page, ScenarioPage):
        body = scenario_page(page, titles)
    elif isinstance(page, ReplyPage):  # a scenario without options; its "reply" comes from reply_data.py
        body = {k: v for k, v in scenario_page(page, titles).items() if k not in ("options", "shuffle")}
        body["interaction_id"] = f"rpl_{page.id}"
    elif isinstance(page, MediaPage):  # render/media_data.py
        body = media_page(page)
    elif isinstance(page, CalibrationPage):  # render/calibration_data.py
        body = calibration_page(page, principle_data(page.principle, titles))
    elif isinstance(page, ConfidencePage):  # render/practice_data.py
        body = confidence_data(page, titles)
    else:
        body = dialogue_page(page)
    return {"kind": page.kind, "id": page.id, "title": page.title, **body}


def text_page(page: TextPage) -> dict[str, Any]:
    callout, quote = page.callout, page.quote
    out = {
        "body_html": markdown(page.body),
        "image": image_data(page.image),
        "callout": {"style": callout.style, "html": markdown(callout.text)} if callout else None,
        "quote": {"text": quote.text, "by": quote.by} if quote else None,
    }
    if page.stats:  # view-text.js: a call-out per statistic
        out["stats"] = [{"figure": s.figure, "caption": s.caption, "source": s.source_text} for s in page.stats]
    return out


def image_data(image: Image | None) -> dict[str, Any] | None:
    """An image as the player shows it; "placement" only when not the default (below the text)."""
    if image is None:
        return None
    out = {"src": image.src, "alt": image.alt, "caption": image.caption}
    if image.placement != "below":
        out["placement"] = image.placement
    return out


def scenario_page(page: ScenarioPage, titles: Mapping[str, str]) -> dict[str, Any]:
    c, principle = page.customer, page.principle
    return {
        "channel": page.channel,
        "customer": {"name": c.name, "says": says_data(c.says, c.messages), "context": c.context, "subject": c.subject,
                     "mood": c.mood, **face_data(c.avatar, c.time)},
        "prompt": page.prompt,
        "principle": principle_data(principle, titles),
        "options": [option_data(o) for o in page.options],
        "retry": page.retry,
        "scored": page.scored,
        "shuffle": page.shuffle,
        "interaction_id": f"scn_{page.id}",
        **({"image": image_data(page.image)} if page.image else {}),
        **({"media": media_data(page.media)} if getattr(page, "media", None) else {}),
    }


def option_data(option: Option) -> dict[str, Any]:
    return {"key": option.key, "text": option.text, "verdict": option.verdict,
            "feedback_html": markdown(option.feedback)}


def dialogue_page(page: DialoguePage) -> dict[str, Any]:
    choices_of = {n.id: [(c.next, dict(c.effects)) for c in n.choices] for n in page.nodes}
    ranges = graph.score_ranges(page.start, choices_of, page.scores)
    labels = dict(page.score_labels)
    return {
        "channel": page.channel,
        "customer": page.customer,
        **face_data(page.avatar, page.time, page.subject),
        "intro_html": markdown(page.intro),
        "scores": [{"id": s, "label": labels.get(s) or s.replace("-", " ").capitalize(), "min": ranges[s][0], "max": ranges[s][1]}
                   for s in page.scores],
        "start": page.start,
        "nodes": {n.id: node_data(n) for n in page.nodes},
        "scored": page.scored,
        "shuffle": page.shuffle,
        "interaction_prefix": f"dlg_{page.id}",
    }


def node_data(node: Node) -> dict[str, Any]:
    best = best_by_score(node)
    return {
        "customer": says_data(node.customer, node.messages),
        "mood": node.mood,
        "choices": [choice_data(c, c.key in best) for c in node.choices],
        "ending": ending_data(node.ending) if node.ending else None,
        "shuffle": node.shuffle,
        **({"image": image_data(node.image)} if node.image else {}),
    }


def best_by_score(node: Node) -> set[str]:
    """The keys of the node's choices whose score changes add up to the most."""
    totals = {c.key: sum(v for _, v in c.effects) for c in node.choices}
    top = max(totals.values(), default=0)
    return {key for key, total in totals.items() if total == top}


def ending_data(ending: Ending) -> dict[str, Any]:
    """The ending; each debrief line with the choice it needs ("chose") or must not have ("not_chose"), as
    [node id, choice key], for the player to pick the lines of the path taken (dialogue-debrief.js)."""
    lines = []
    for line in ending.debrief:
        out: dict[str, Any] = {"html": markdown(line.text)}
        if line.chose:
            out["chose"] = list(line.chose)
        if line.not_chose:
            out["not_chose"] = list(line.not_chose)
        lines.append(out)
    return {"outcome": ending.outcome, "title": ending.title, "debrief": lines}


def choice_data(choice: Choice, best: bool) -> dict[str, Any]:
    return {"key": choice.key, "text": choice.text, "next": choice.next, "effects": dict(choice.effects),
            "feedback_html": markdown(choice.feedback), "best": best}


def assessment_data(a: Assessment, titles: Mapping[str, str]) -> dict[str, Any]:
    """The assessment; "draw" is the number of questions an attempt draws, "per_principle" (0: not stratified)
    how many of each principle group they are (quiz.js questionsFor)."""
    return {
        "title": a.title, "intro_html": markdown(a.intro), "pass_mark": a.pass_mark, "attempts": a.attempts,
        "draw": a.draw, "per_principle": a.per_principle, "shuffle_questions": a.shuffle_questions,
        "shuffle_choices": a.shuffle_choices, "feedback": a.feedback, "review": a.review,
        "reveal_answer": a.reveal_answer, "questions": [question_data(q, titles) for q in a.questions],
    }


def question_data(q: Question, titles: Mapping[str, str]) -> dict[str, Any]:
    fb = q.feedback
    out: dict[str, Any] = {
        "id": q.id, "kind": q.kind, "text_html": markdown(q.text), "weight": q.weight,
        "principle": principle_data(q.principle, titles),
        "feedback": {"correct_html": markdown(fb.correct if fb else ""),
                     "incorrect_html": markdown(fb.incorrect if fb else "")},
        "interaction_id": f"q_{q.id}",
    }
    if q.image:
        out["image"] = image_data(q.image)
    if isinstance(q, ChoiceQuestion):
        out["choices"] = [answer_data(c) for c in q.choices]
    elif isinstance(q, TrueFalse):
        out["answer"] = q.answer
    elif isinstance(q, Matching):
        out["pairs"] = [{"key": p.key, "left": p.left, "right": p.right} for p in q.pairs]
    elif isinstance(q, Ordering):
        out["items"] = [{"key": i.key, "text": i.text} for i in q.items]
    return out


def answer_data(answer: Answer) -> dict[str, Any]:
    return {"key": answer.key, "text": answer.text, "correct": answer.correct,
            "feedback_html": markdown(answer.feedback)}


def fingerprint(data: dict[str, Any]) -> str:
    """A short hash of the course's structure (ids and answer keys), so saved state from another
    structure is recognised and not misread."""
    shape = []
    for lesson in data["lessons"]:
        for page in lesson["pages"]:
            item = [page["kind"], page["id"]]
            if page["kind"] == "scenario":
                item.append(len(page["options"]))
            if page["kind"] == "dialogue":
                item.append(sorted((n, len(v["choices"])) for n, v in page["nodes"].items()))
            shape.append(item)
    if data["assessment"]:
        a = data["assessment"]
        draw = [a["draw"], a["per_principle"]] if a["per_principle"] else a["draw"]  # unchanged when not stratified
        shape.append([draw, a["attempts"],
                      [[q["id"], q["kind"], len(q.get("choices") or q.get("pairs") or q.get("items") or [])]
                       for q in a["questions"]]])
    return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()[:8]
