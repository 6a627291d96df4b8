"""The course outline: every page, option, dialogue graph and question as Markdown or HTML for review."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any, Sequence

from scorm_builder.tools.diagram import diagram, mermaid
from scorm_builder.errors import BuilderError
from scorm_builder.course.model import Course, Page
from scorm_builder.render.environment import environment
from scorm_builder.render.player_data import player_data
from scorm_builder.load import load_course

TEMPLATES = {"markdown": "outline/outline.md", "html": "outline/outline.html"}


def outline(course: Path, fmt: str | None = None, output: Path | None = None,
            template_dirs: Sequence[Path] = ()) -> str:
    """Validate a course and render its outline; write it to ``output`` when given."""
    fmt = fmt or format_for(output)
    text = render_outline(load_course(Path(course)), fmt, template_dirs)
    if output is not None:
        _write(Path(output), text)
    return text


def format_for(output: Path | None) -> str:
    """The format an output file's extension asks for: .html/.htm is HTML, anything else Markdown."""
    if output is not None and Path(output).suffix.lower() in (".html", ".htm"):
        return "html"
    return "markdown"


def render_outline(course: Course, fmt: str, template_dirs: Sequence[Path] = ()) -> str:
    if fmt not in TEMPLATES:
        raise BuilderError(f"unknown outline format {fmt!r} (expected one of: {', '.join(TEMPLATES)})")
    template = environment(tuple(Path(d) for d in template_dirs)).get_template(TEMPLATES[fmt])
    return template.render(**context(course, template_dirs))


def _write(path: Path, text: str) -> None:
    """Write through a temporary file beside the target, so a reader never sees half an outline."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(tmp, 0o644)  # mkstemp makes the file private; an outline is for sharing
        os.replace(tmp, path)
    except OSError as err:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
        raise BuilderError(f"cannot write {path}: {err.strerror}") from err


# -- the data the templates see --------------------------------------------------------------------
def context(course: Course, template_dirs: Sequence[Path] = ()) -> dict[str, Any]:
    """Everything the outline shows: the model's own text (Markdown) next to the player's computed
    data (option keys, rendered HTML, dialogue score ranges)."""
    data = player_data(course, "scorm2004-4", template_dirs)
    lessons = []
    for number, (lesson, shown) in enumerate(zip(course.lessons, data["lessons"]), start=1):
        pages = [_page(page, body, f"{number}.{n}")
                 for n, (page, body) in enumerate(zip(lesson.pages, shown["pages"]), start=1)]
        lessons.append({"number": number, "id": lesson.id, "title": lesson.title, "pages": pages})
    taught: dict[str, list[str]] = {}
    for page in course.pages:
        if page.kind == "scenario" and page.data.get("principle"):
            taught.setdefault(page.data["principle"], []).append(page.id)
    principles = [{"id": p["id"], "title": p["title"], "scenarios": taught.get(p["id"], [])}
                  for p in course.principles]
    return {
        "course": data["course"],
        "principles": principles,
        "lessons": lessons,
        "assessment": _assessment(course, data["assessment"]),
        "md_text": md_text,
        "md_block": md_block,
        "md_quote": md_quote,
        "indent": indent,
    }


def _page(page: Page, shown: dict[str, Any], number: str) -> dict[str, Any]:
    d = page.data
    out = {**shown, "number": number}
    if page.kind == "text":
        out["body"] = d["body"]
        if shown["callout"]:
            out["callout"] = {**shown["callout"], "text": d["callout"]["text"]}
    elif page.kind == "scenario":
        out["options"] = [{**o, "feedback": raw["feedback"]} for o, raw in zip(shown["options"], d["options"])]
    elif page.kind == "dialogue":
        out.update(_dialogue(d, shown, page.id))
    return out


def _dialogue(d: dict[str, Any], shown: dict[str, Any], page_id: str) -> dict[str, Any]:
    nodes = []
    for raw in d["nodes"]:
        node = shown["nodes"][raw["id"]]
        choices = [{**c, "feedback": rc.get("feedback", ""), "effects_text": effects_text(c["effects"])}
                   for c, rc in zip(node["choices"], raw.get("choices") or [])]
        ending = node["ending"]
        if ending:
            ending = {**ending, "debrief": raw["ending"]["debrief"]}
        nodes.append({"id": raw["id"], "customer": node["customer"], "mood": node["mood"],
                      "start": raw["id"] == shown["start"], "choices": choices, "ending": ending})
    return {"intro": d.get("intro", ""), "node_list": nodes,
            "mermaid": mermaid(nodes), "diagram": diagram(shown["start"], nodes, page_id)}


def _assessment(course: Course, shown: dict[str, Any] | None) -> dict[str, Any] | None:
    if not shown:
        return None
    a = course.assessment
    questions = []
    for number, (q, raw) in enumerate(zip(shown["questions"], a.questions), start=1):
        fb = raw.get("feedback") or {}
        item = {**q, "number": number, "text": raw["text"],
                "feedback": {**q["feedback"], "correct": fb.get("correct", ""), "incorrect": fb.get("incorrect", "")}}
        if "choices" in q:
            item["choices"] = [{**c, "feedback": rc.get("feedback", "")} for c, rc in zip(q["choices"], raw["choices"])]
        questions.append(item)
    return {**shown, "intro": a.settings.get("intro", ""), "pool": len(questions), "questions": questions}


def effects_text(effects: dict[str, int]) -> str:
    """Score changes as ``rapport +2, resolution -1``."""
    return ", ".join(f"{name} {value:+d}" for name, value in effects.items())


# -- Markdown helpers --------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def md_text(text: str | None) -> str:
    """Plain text placed in Markdown: Markdown characters escaped and '<' made inert, so it reads
    as it does in the player (which shows such text literally)."""
    return _MD_SPECIAL.sub(r"\\\1", text or "").replace("<", "&lt;")


_HEADING = re.compile(r"^(#{1,6})(?=\s|$)")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def md_block(text: str | None, below: int = 3) -> str:
    """Markdown from the course, kept as Markdown; raw HTML made inert as the player's renderer does,
    and headings moved ``below`` levels down so they sit under the page's own heading."""
    lines, fenced = [], False
    for line in (text or "").strip().replace("<", "&lt;").splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            line = _HEADING.sub(lambda m: "#" * min(6, len(m.group(1)) + below), line)
        lines.append(line)
    return "\n".join(lines)


def md_quote(text: str | None) -> str:
    """Plain text as a Markdown block quote that keeps its line breaks (an email's lines stay lines)."""
    lines = md_text(text).strip().splitlines()
    out = []
    for i, line in enumerate(lines):
        more = i + 1 < len(lines) and lines[i + 1].strip() and line.strip()
        out.append(f"> {line.rstrip()}{chr(92) if more else ''}".rstrip())
    return "\n".join(out)


def indent(text: str, width: int = 4) -> str:
    """Every line after the first indented, to continue a list item."""
    pad = " " * width
    return "\n".join(line if i == 0 or not line.strip() else pad + line
                     for i, line in enumerate(text.splitlines()))
