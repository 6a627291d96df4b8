"""Stage 3: the one Jinja environment, Markdown, and the player's data as JSON."""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from .errors import BuilderError
from .model import Course, Page

PLAYER_LANGUAGES = ("en", "es", "fr")


def default_templates_dir() -> Path:
    """The default theme: the checkout's templates/ folder, or the copy inside the wheel."""
    repo = Path(__file__).resolve().parent.parent / "templates"
    if (repo / "player").is_dir():
        return repo
    # In the wheel the theme is scorm_builder/templates (a folder without __init__.py, so
    # importlib.resources would hand back a MultiplexedPath, whose str() is not a path).
    return Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=8)
def environment(dirs: tuple[Path, ...] = ()):
    """One strict environment; override folders first, the default theme last."""
    import jinja2

    search = [str(d) for d in dirs] + [str(default_templates_dir())]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "xml"), default=False),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def read_template_bytes(name: str, dirs: Sequence[Path] = ()) -> bytes:
    """A template file copied as it is (JS, CSS), found through the same folder order."""
    for folder in [*dirs, default_templates_dir()]:
        path = Path(folder) / name
        if path.is_file():
            return path.read_bytes()
    raise BuilderError(f"template file {name!r} not found in {', '.join(map(str, [*dirs, default_templates_dir()]))}")


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")  # an image in Markdown could load from the network; use the page's image key
    return md


def markdown(text: str | None) -> str:
    """Markdown to HTML with raw HTML disabled: text from YAML can't add markup or script."""
    if not text:
        return ""
    return _rendered(text)


@lru_cache(maxsize=8192)
def _rendered(text: str) -> str:
    """Each text is rendered once per process, not once per standard built."""
    return _markdown().render(text).strip()


def strings_for(language: str, dirs: Sequence[Path] = ()) -> dict[str, str]:
    """The player's own words for the course language (falling back to English)."""
    base = json.loads(read_template_bytes("player/strings/en.json", dirs))
    lang = language.split("-")[0]
    if lang != "en":
        for name in (f"player/strings/{language}.json", f"player/strings/{lang}.json"):
            try:
                base.update(json.loads(read_template_bytes(name, dirs)))
                break
            except BuilderError:
                continue
    return base


def letters(n: int) -> list[str]:
    return [chr(ord("a") + i) for i in range(n)]


def _text_page(page: Page) -> dict[str, Any]:
    d = page.data
    callout = d.get("callout")
    return {
        "body_html": markdown(d["body"]),
        "image": ({k: d["image"].get(k, "") for k in ("src", "alt", "caption")} if d.get("image") else None),
        "callout": {"style": callout["style"], "html": markdown(callout["text"])} if callout else None,
        "quote": {"text": d["quote"]["text"], "by": d["quote"].get("by", "")} if d.get("quote") else None,
    }


def _scenario_page(page: Page, course: Course) -> dict[str, Any]:
    d = page.data
    titles = {p["id"]: p["title"] for p in course.principles}
    principle = d.get("principle")
    options = d["options"]
    return {
        "channel": d["channel"],
        "customer": {k: d["customer"].get(k, "") for k in ("name", "says", "context", "subject", "mood")},
        "prompt": d["prompt"],
        "principle": {"id": principle, "title": titles.get(principle, principle.replace("-", " ").capitalize())}
        if principle else None,
        "options": [{"key": key, "text": o["text"], "verdict": o["verdict"], "feedback_html": markdown(o["feedback"])}
                    for key, o in zip(letters(len(options)), options)],
        "retry": d.get("retry", course.scenario_retry),
        "scored": d["scored"],
        "interaction_id": f"scn_{page.id}",
    }


def _dialogue_page(page: Page) -> dict[str, Any]:
    from . import graph

    d = page.data
    nodes: dict[str, Any] = {}
    choices_of: dict[str, list] = {}
    for node in d["nodes"]:
        choices = node.get("choices") or []
        totals = [sum(c.get("effects", {}).values()) for c in choices]
        top = max(totals) if totals else 0
        nodes[node["id"]] = {
            "customer": node.get("customer", ""),
            "mood": node.get("mood", ""),
            "choices": [{"key": key, "text": c["text"], "next": c["next"], "effects": dict(c.get("effects", {})),
                         "feedback_html": markdown(c.get("feedback")), "best": total == top}
                        for key, c, total in zip(letters(len(choices)), choices, totals)],
            "ending": ({"outcome": node["ending"]["outcome"], "title": node["ending"]["title"],
                        "debrief_html": markdown(node["ending"]["debrief"])} if node.get("ending") else None),
        }
        choices_of[node["id"]] = [(c["next"], c.get("effects", {})) for c in choices]
    start = d.get("start") or d["nodes"][0]["id"]
    ranges = graph.score_ranges(start, choices_of, list(d["scores"]))
    return {
        "channel": d["channel"],
        "customer": d.get("customer", ""),
        "intro_html": markdown(d.get("intro")),
        "scores": [{"id": s, "label": s.replace("-", " ").capitalize(), "min": ranges[s][0], "max": ranges[s][1]}
                   for s in d["scores"]],
        "start": start,
        "nodes": nodes,
        "scored": d["scored"],
        "interaction_prefix": f"dlg_{page.id}",
    }


def _question(q: dict[str, Any]) -> dict[str, Any]:
    fb = q.get("feedback") or {}
    out: dict[str, Any] = {
        "id": q["id"], "kind": q["type"], "text_html": markdown(q["text"]), "weight": q["weight"],
        "feedback": {"correct_html": markdown(fb.get("correct")), "incorrect_html": markdown(fb.get("incorrect"))},
        "interaction_id": f"q_{q['id']}",
    }
    if q["type"] in ("single-choice", "multiple-response"):
        out["choices"] = [{"key": key, "text": c["text"], "correct": c["correct"],
                           "feedback_html": markdown(c.get("feedback"))}
                          for key, c in zip(letters(len(q["choices"])), q["choices"])]
    elif q["type"] == "true-false":
        out["answer"] = q["answer"]
    elif q["type"] == "matching":
        out["pairs"] = [{"key": key, "left": p["left"], "right": p["right"]}
                        for key, p in zip(letters(len(q["pairs"])), q["pairs"])]
    elif q["type"] == "ordering":
        out["items"] = [{"key": key, "text": t} for key, t in zip(letters(len(q["items"])), q["items"])]
    return out


def player_data(course: Course, standard: str, dirs: Sequence[Path] = ()) -> dict[str, Any]:
    """Everything the player needs, as JSON-ready data."""
    lessons = []
    for lesson in course.lessons:
        pages = []
        for page in lesson.pages:
            body = {"text": _text_page, "scenario": lambda p: _scenario_page(p, course),
                    "dialogue": _dialogue_page}[page.kind](page)
            pages.append({"kind": page.kind, "id": page.id, "title": page.title, **body})
        lessons.append({"id": lesson.id, "title": lesson.title, "pages": pages})
    assessment = None
    if course.assessment:
        a = course.assessment
        s = a.settings
        assessment = {
            "title": a.title, "intro_html": markdown(s.get("intro")), "pass_mark": a.pass_mark,
            "attempts": a.attempts, "draw": a.draw, "shuffle_questions": s.get("shuffle_questions", True),
            "shuffle_choices": s.get("shuffle_choices", True), "feedback": s.get("feedback", "immediate"),
            "review": s.get("review", True), "questions": [_question(q) for q in a.questions],
        }
    data = {
        "format": 1,
        "standard": "scorm12" if standard == "scorm12" else "scorm2004",
        "course": {"id": course.id, "title": course.title, "version": course.version, "language": course.language,
                   "description": course.description, "audience": course.audience,
                   "duration_minutes": course.duration_minutes, "completion": course.completion},
        "lessons": lessons,
        "assessment": assessment,
        "strings": strings_for(course.language, dirs),
    }
    company = course.company
    data["brand"] = ({"company": company.name, "logo": company.logo.href if company.logo else "",
                      "logo_alt": company.logo_alt} if company else None)
    data["build"] = {"course_version": course.version, "company": company.id if company else "",
                     "profile_sha256": company.sha256 if company else ""}
    data["course"]["fingerprint"] = fingerprint(data)
    return data


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
        shape.append([a["draw"], a["attempts"],
                      [[q["id"], q["kind"], len(q.get("choices") or q.get("pairs") or q.get("items") or [])]
                       for q in a["questions"]]])
    return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()[:8]
