"""The course outline: every page, option, dialogue graph and question as Markdown or HTML for review."""
from __future__ import annotations

import os
import re
import tempfile
from collections import deque
from pathlib import Path
from typing import Any, Sequence

from .errors import BuilderError
from .model import Course, Page
from .render import environment, player_data
from .validate import load_course

TEMPLATES = {"markdown": "outline/outline.md", "html": "outline/outline.html"}
OUTCOME_COLOURS = {"good": "#1e7b34", "mixed": "#9a6700", "poor": "#b42318"}


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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(tmp, path)
    except OSError as err:
        raise BuilderError(f"cannot write {path}: {err.strerror}") from err


# -- the data the templates see --------------------------------------------------------------------
def context(course: Course, template_dirs: Sequence[Path] = ()) -> dict[str, Any]:
    """Everything the outline shows: the model's own text (Markdown) next to the player's computed
    data (option keys, rendered HTML, dialogue score ranges)."""
    data = player_data(course, "scorm2004", template_dirs)
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
            "mermaid": mermaid(shown["start"], nodes), "diagram": diagram(shown["start"], nodes, page_id)}


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


def md_block(text: str | None) -> str:
    """Markdown from the course, kept as Markdown; raw HTML made inert as the player's renderer does."""
    return (text or "").strip().replace("<", "&lt;")


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


# -- dialogue graphs -----------------------------------------------------------------------------------
def _edges(nodes: list[dict[str, Any]]) -> list[tuple[str, str, list[str]]]:
    """(source, target, choice keys): choices that lead to the same node share one arrow."""
    merged: dict[tuple[str, str], list[str]] = {}
    for node in nodes:
        for choice in node["choices"]:
            merged.setdefault((node["id"], choice["next"]), []).append(choice["key"])
    return [(src, dst, keys) for (src, dst), keys in merged.items()]


def mermaid(start: str, nodes: list[dict[str, Any]]) -> str:
    """A Mermaid flowchart of the dialogue. Node ids become n1, n2... (Mermaid reserves words such
    as 'end'); labels hold only ids, moods and outcomes, which need no escaping."""
    alias = {node["id"]: f"n{i}" for i, node in enumerate(nodes, start=1)}
    lines = ["flowchart TD"]
    for node in nodes:
        if node["ending"]:
            lines.append(f'    {alias[node["id"]]}(["{node["id"]}: {node["ending"]["outcome"]} ending"])')
        else:
            mood = f' ({node["mood"]})' if node["mood"] else ""
            first = "start: " if node["start"] else ""
            lines.append(f'    {alias[node["id"]]}["{first}{node["id"]}{mood}"]')
    for src, dst, keys in _edges(nodes):
        lines.append(f"    {alias[src]} -->|{', '.join(keys)}| {alias[dst]}")
    for outcome in ("good", "mixed", "poor"):
        ids = [alias[n["id"]] for n in nodes if n["ending"] and n["ending"]["outcome"] == outcome]
        if ids:
            lines.append(f"    classDef {outcome} stroke:{OUTCOME_COLOURS[outcome]},stroke-width:2px")
            lines.append(f"    class {','.join(ids)} {outcome}")
    return "\n".join(lines)


NODE_H, GAP_X, GAP_Y, MARGIN, CHAR_W, PAD, MIN_W, LOOP_OUT, BACK_SHIFT = 44, 28, 64, 16, 7, 14, 96, 40, 14


def layers(start: str, nodes: list[dict[str, Any]]) -> list[list[str]]:
    """Nodes by distance from the start (breadth first), each layer ordered to follow its parents."""
    edges = {src: [] for src in (n["id"] for n in nodes)}
    for src, dst, _ in _edges(nodes):
        edges[src].append(dst)
    depth = {start: 0}
    todo = deque([start])
    while todo:
        here = todo.popleft()
        for nxt in edges[here]:
            if nxt not in depth:
                depth[nxt] = depth[here] + 1
                todo.append(nxt)
    for node in nodes:  # a valid dialogue reaches every node; keep any other at the bottom
        depth.setdefault(node["id"], max(depth.values()) + 1)
    rows: list[list[str]] = [[] for _ in range(max(depth.values()) + 1)]
    for node in nodes:
        rows[depth[node["id"]]].append(node["id"])
    for above, row in zip(rows, rows[1:]):
        place = {n: i for i, n in enumerate(above)}

        def weight(node_id: str, place=place) -> float:
            parents = [place[src] for src in place if node_id in edges[src]]
            return sum(parents) / len(parents) if parents else len(place)

        row.sort(key=weight)
    return rows


def diagram(start: str, nodes: list[dict[str, Any]], page_id: str) -> dict[str, Any]:
    """A layered drawing of the dialogue graph, as numbers the HTML template turns into inline SVG:
    boxes top to bottom by distance from the start, arrows down to later layers, dashed arrows for
    choices that lead back up, straight or arched ones within a layer, and small loops for choices
    that stay on their node."""
    by_id = {n["id"]: n for n in nodes}
    rows = layers(start, nodes)
    width = {n["id"]: max(MIN_W, CHAR_W * max(len(n["id"]), len(_subtitle(n))) + 2 * PAD) for n in nodes}
    row_w = [sum(width[n] for n in row) + GAP_X * (len(row) - 1) for row in rows]
    inner = max(row_w)
    boxes: dict[str, dict[str, Any]] = {}
    for r, row in enumerate(rows):
        x = MARGIN + (inner - row_w[r]) // 2
        for node_id in row:
            node = by_id[node_id]
            ending = node["ending"]
            boxes[node_id] = {
                "id": node_id, "x": x, "y": MARGIN + r * (NODE_H + GAP_Y), "w": width[node_id], "h": NODE_H,
                "row": r, "subtitle": _subtitle(node), "start": node["start"],
                "colour": OUTCOME_COLOURS[ending["outcome"]] if ending else "#44546a",
                "fill": "#f4f8f4" if ending and ending["outcome"] == "good" else
                        "#fdf6e7" if ending and ending["outcome"] == "mixed" else
                        "#fdf0ef" if ending else "#ffffff",
            }
            x += width[node_id] + GAP_X
    arrows = []
    for src, dst, keys in _edges(nodes):
        a, b = boxes[src], boxes[dst]
        back = False
        if src == dst:  # a choice that stays on the same node: a small loop on its right
            x1 = x2 = a["x"] + a["w"]
            y1, y2 = a["y"] + NODE_H // 3, a["y"] + 2 * NODE_H // 3
            c1, c2 = (x1 + LOOP_OUT, y1 - NODE_H // 2), (x2 + LOOP_OUT, y2 + NODE_H // 2)
        elif b["row"] > a["row"]:  # down to a later layer
            x1, y1 = a["x"] + a["w"] // 2, a["y"] + NODE_H
            x2, y2 = b["x"] + b["w"] // 2, b["y"]
            bend = (y2 - y1) // 2
            c1, c2 = (x1, y1 + bend), (x2, y2 - bend)
        elif b["row"] == a["row"] and abs(rows[a["row"]].index(src) - rows[b["row"]].index(dst)) == 1:
            sign = 1 if a["x"] < b["x"] else -1  # neighbours: straight across
            x1 = a["x"] + a["w"] if sign > 0 else a["x"]
            x2 = b["x"] if sign > 0 else b["x"] + b["w"]
            y1 = y2 = a["y"] + NODE_H // 2
            c1, c2 = (x1 + sign * 8, y1), (x2 - sign * 8, y2)
        elif b["row"] == a["row"]:  # further along the same layer: an arc under the layer
            x1, y1 = a["x"] + a["w"] // 2, a["y"] + NODE_H
            x2, y2 = b["x"] + b["w"] // 2, b["y"] + NODE_H
            c1, c2 = (x1, y1 + GAP_Y * 2 // 3), (x2, y2 + GAP_Y * 2 // 3)
        else:  # back up to an earlier layer: dashed, beside any arrow the other way
            x1, y1 = a["x"] + a["w"] // 2 + BACK_SHIFT, a["y"]
            x2, y2 = b["x"] + b["w"] // 2 + BACK_SHIFT, b["y"] + NODE_H
            bend = (y1 - y2) // 2
            c1, c2 = (x1, y1 - bend), (x2, y2 + bend)
            back = True
        lx = (x1 + 3 * c1[0] + 3 * c2[0] + x2) // 8  # the curve's midpoint
        ly = (y1 + 3 * c1[1] + 3 * c2[1] + y2) // 8
        arrows.append({"d": f"M{x1} {y1} C{c1[0]} {c1[1]} {c2[0]} {c2[1]} {x2} {y2}",
                       "label": ", ".join(keys), "lx": lx, "ly": ly, "src": src, "dst": dst, "back": back,
                       "reach": max(x1, x2, c1[0], c2[0])})
    right = max([b["x"] + b["w"] for b in boxes.values()] + [a["reach"] for a in arrows])
    bottom = max([b["y"] + NODE_H for b in boxes.values()] + [a["ly"] + 10 for a in arrows])
    return {"boxes": list(boxes.values()), "arrows": arrows, "width": right + MARGIN + 8,
            "height": bottom + MARGIN, "marker": f"arrow-{page_id}"}


def _subtitle(node: dict[str, Any]) -> str:
    if node["ending"]:
        return f"ending: {node['ending']['outcome']}"
    return " · ".join(part for part in ("start" if node["start"] else "", node["mood"]) if part)
