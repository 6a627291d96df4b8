"""The course outline: every page, option, dialogue graph and question as Markdown or HTML for review."""
from __future__ import annotations

import html
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from scorm_builder.course.model import (
    Assessment,
    ChoiceQuestion,
    Course,
    DebriefLine,
    DialoguePage,
    Ending,
    Page,
    ScenarioPage,
    TextPage,
)
from scorm_builder.course.model_reply import ReplyPage
from scorm_builder.course.practice import Route, route_text, walks
from scorm_builder.errors import BuilderError, count
from scorm_builder.load import load_course
from scorm_builder.render.aids_data import aids_data
from scorm_builder.render.environment import environment
from scorm_builder.render.markdown import markdown
from scorm_builder.render.player_data import (
    answer_data,
    assessment_data,
    best_by_score,
    choice_data,
    course_info,
    ending_data,
    option_data,
    page_data,
    principle_titles,
    question_data,
)
from scorm_builder.tools.diagram import diagram, mermaid
from scorm_builder.tools.outline_calibration import add_calibration
from scorm_builder.tools.outline_practice import add_practice_outline, completion_text, score_text
from scorm_builder.tools.outline_reply import add_reply_outline

TEMPLATES = {"markdown": "outline/outline.md", "html": "outline/outline.html"}


def outline(course: Path, fmt: str | None = None, output: Path | None = None,
            template_dirs: Sequence[Path] = (), profile: Path | None = None, paths: bool = False) -> str:
    """Validate a course (as customized by a company profile, when given) and render its outline, or with
    ``paths`` every path through its dialogues as plain text; write it to ``output`` when given."""
    model = load_course(Path(course), profile)
    text = paths_text(model) if paths else render_outline(model, fmt or format_for(output), template_dirs)
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
    return template.render(**context(course))


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
def context(course: Course) -> dict[str, Any]:
    """Everything the outline shows: the model's own text (Markdown) next to the player's computed
    data (option keys, rendered HTML, dialogue score ranges), both made from the same model objects."""
    titles = principle_titles(course)
    lessons = [{"number": number, "id": lesson.id, "title": lesson.title,
                "pages": [_page(page, titles, f"{number}.{n}") for n, page in enumerate(lesson.pages, start=1)]}
               for number, lesson in enumerate(course.lessons, start=1)]
    add_calibration(lessons, course)  # transcripts and expert scores (tools/outline_calibration.py)
    add_reply_outline(lessons, course)  # model answers and checklists (tools/outline_reply.py)
    add_practice_outline(lessons, course)  # weights, review links, routes, confidence (tools/outline_practice.py)
    taught: dict[str, list[str]] = {}
    for page in course.pages:
        if isinstance(page, (ScenarioPage, ReplyPage)) and page.principle:
            taught.setdefault(page.principle, []).append(page.id)
    principles = [{"id": p.id, "title": p.title, "scenarios": taught.get(p.id, [])} for p in course.principles]
    return {
        "course": {**course_info(course), "completion_text": completion_text(course), "score_text": score_text(course)},
        "principles": principles,
        "aids": {"resources": [], "glossary": [], "certificate": None, **aids_data(course.aids)},  # render/aids_data.py
        "lessons": lessons,
        "assessment": _assessment(course.assessment, titles) if course.assessment else None,
        "md_text": md_text,
        "md_block": md_block,
        "md_quote": md_quote,
        "indent": indent,
    }


def _page(page: Page, titles: dict[str, str], number: str) -> dict[str, Any]:
    out = {**page_data(page, titles), "number": number}
    if isinstance(page, TextPage):
        out["body"] = page.body
        if page.callout:
            out["callout"] = {**out["callout"], "text": page.callout.text}
    elif isinstance(page, ScenarioPage):
        # a burst's messages one after the other, a blank line between them (the quote keeps them apart)
        out["customer"] = {**out["customer"], "says": page.customer.says}
        out["options"] = [{**option_data(o), "feedback": o.feedback} for o in page.options]
    elif isinstance(page, DialoguePage):
        out.update(_dialogue(page))
    if getattr(page, "media", None) is not None:  # a media page's or a scenario's: the transcript as written
        out["media"] = {**out["media"], "transcript": page.media.transcript}
        out["body"] = getattr(page, "body", "")  # a media page's text, as written
    return out


def _dialogue(page: DialoguePage) -> dict[str, Any]:
    nodes = []
    for node in page.nodes:
        best = best_by_score(node)
        choices = [{**choice_data(c, c.key in best), "feedback": c.feedback, "effects_text": effects_text(c.effects)}
                   for c in node.choices]
        ending = None
        if node.ending:
            text = debrief_markdown(node.ending)
            ending = {**ending_data(node.ending), "debrief": text, "debrief_html": markdown(text)}
        nodes.append({"id": node.id, "customer": node.customer, "mood": node.mood, "start": node.id == page.start,
                      "choices": choices, "ending": ending, "image": node.image})
    return {"intro": page.intro, "node_list": nodes, "mermaid": mermaid(page.start, page.nodes),
            "diagram": diagram(page.start, page.nodes, page.id)}


def debrief_markdown(ending: Ending) -> str:
    """The debrief's lines as one Markdown text, each line that depends on the path introduced by when it shows."""
    parts = []
    for line in ending.debrief:
        when = condition_text(line)
        parts.append(f"*({when}:)* {line.text.strip()}" if when else line.text.strip())
    return "\n\n".join(parts)


def condition_text(line: DebriefLine) -> str:
    """When a debrief line shows, in words: ``only if open b was chosen``; "" for every path."""
    said = []
    if line.chose:
        said.append(f"only if {line.chose[0]} {line.chose[1]} was chosen")
    if line.not_chose:
        said.append(f"{'and ' if said else 'only '}if {line.not_chose[0]} {line.not_chose[1]} was not chosen")
    return " ".join(said)


# -- every path through every dialogue ------------------------------------------------------------------
def paths_text(course: Course) -> str:
    """Every path through each dialogue of the course, as plain text: its decisions (node, choice key and
    text), the score totals and the debrief the learner reads at its ending."""
    out = [f"Paths through the dialogues of {course.id} ({course.title})"]
    dialogues = [p for p in course.pages if isinstance(p, DialoguePage)]
    if not dialogues:
        out.extend(["", "The course has no dialogue."])
    for page in dialogues:
        out.extend(["", *dialogue_paths(page, course.practice.routes if course.practice else None)])
    return "\n".join(out) + "\n"


def dialogue_paths(page: DialoguePage, routes: Mapping[tuple[str, str, str], tuple[Route, ...]] | None = None
                   ) -> list[str]:
    """The lines of one dialogue's paths; ``routes``: the course's routed choices (course/practice.py), each
    step through one shown with the route it took."""
    by_id, routes = {n.id: n for n in page.nodes}, routes or {}
    found, complete = walks(page, routes)
    out = [f"== Dialogue {page.id}: {page.title} ({len(found)} path{'' if len(found) == 1 else 's'}"
           + ("" if complete else ", more not listed") + ")"]
    for number, (steps, end_id, _) in enumerate(found, start=1):
        picks = [(node, by_id[node].choices[i]) for node, i in steps]
        end = by_id[end_id]
        out.append("")
        out.append(f"Path {number}: ending {end.id} ({end.ending.outcome}): {end.ending.title}")
        totals = {s: 0 for s in page.scores}
        for n, (node, choice) in enumerate(picks, start=1):
            for name, value in choice.effects:
                totals[name] = totals.get(name, 0) + value
            via = route_text(routes[(page.id, node, choice.key)], totals) if (page.id, node, choice.key) in routes else ""
            out.append(f"  {n}. {node} {choice.key}: {_one_line(choice.text)}{via}")
        out.append("  Scores: " + ", ".join(f"{name} {value}" for name, value in totals.items()))
        out.append("  Debrief:")
        lines = end.ending.debrief_for({(node, choice.key) for node, choice in picks})
        out.extend(f"    {_one_line(line.text)}" for line in lines)
        if not lines:
            out.append("    (none: no line of the debrief shows on this path)")
    if not complete:
        out.extend(["", f"Only the first {len(found)} paths are listed."])
    return out


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _assessment(a: Assessment, titles: dict[str, str]) -> dict[str, Any]:
    questions = []
    for number, q in enumerate(a.questions, start=1):
        shown = question_data(q, titles)
        item = {**shown, "number": number, "text": q.text,
                "feedback": {**shown["feedback"], "correct": q.feedback.correct if q.feedback else "",
                             "incorrect": q.feedback.incorrect if q.feedback else ""}}
        if isinstance(q, ChoiceQuestion):
            item["choices"] = [{**answer_data(c), "feedback": c.feedback} for c in q.choices]
        questions.append(item)
    out = {**assessment_data(a, titles), "intro": a.intro, "pool": len(questions), "questions": questions}
    if a.per_principle:  # the templates show "<draw> drawn from a pool of <pool>": the draw says how it is made
        out["draw"] = f"{a.draw} ({draw_text(a)})"
    return out


def draw_text(a: Assessment) -> str:
    """How a draw per principle is made, in words: ``1 question of each of: timing (3 in the pool), words
    (2 in the pool), the questions with no principle (4 in the pool)``."""
    groups = a.principle_groups()
    parts = [f"{p or 'the questions with no principle'} ({len(qs)} in the pool)" for p, qs in groups.items()]
    return f"{count(a.per_principle, 'question')} of each of: " + ", ".join(parts)


def effects_text(effects: Iterable[tuple[str, int]]) -> str:
    """Score changes as ``rapport +2, resolution -1``."""
    return ", ".join(f"{name} {value:+d}" for name, value in effects)


# -- Markdown helpers --------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def md_text(text: str | None) -> str:
    """Plain text placed in Markdown: Markdown characters escaped and '<' made inert, so it reads
    as it does in the player (which shows such text literally)."""
    return _MD_SPECIAL.sub(r"\\\1", text or "").replace("<", "&lt;")


_HEADING = re.compile(r"^(#{1,6})(?=\s|$)")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


# What markdown-it (the player's renderer) refuses as a link target, after the same normalising
_UNSAFE_TARGET = re.compile(r"(?:javascript|vbscript|file|data):")
_LINK_TARGET = re.compile(r"\]\((\s*[^)\s]*)|^(\s{0,3}\[[^\]]+\]:)(\s*\S+)", re.M)


def _unsafe(target: str) -> bool:
    plain = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(target)).lower()
    return bool(_UNSAFE_TARGET.match(plain))


def inert_links(text: str) -> str:
    """Links whose target the player would refuse (javascript:, vbscript:, file:, data:) shown as
    text, as the player shows them, so no Markdown viewer of the outline makes them live."""
    def fix(m: re.Match) -> str:
        if m.group(1) is not None:
            return "]\\(" + m.group(1) if _unsafe(m.group(1)) else m.group(0)
        return "\\" + m.group(2) + m.group(3) if _unsafe(m.group(3)) else m.group(0)

    return _LINK_TARGET.sub(fix, text)


def md_block(text: str | None, below: int = 3) -> str:
    """Markdown from the course, kept as Markdown; raw HTML and unsafe links made inert as the player's
    renderer does, and headings moved ``below`` levels down so they sit under the page's own heading."""
    lines, fenced = [], False
    for line in inert_links((text or "").strip().replace("<", "&lt;")).splitlines():
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
