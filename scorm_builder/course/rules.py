"""Stage 2: positioned tree -> Course model, collecting every problem before failing once."""
from __future__ import annotations

import os
import re
from pathlib import Path

from scorm_builder.course import graph
from scorm_builder.source.loader import Map, display_path
from scorm_builder.course.model import Assessment, Asset, Course, Lesson, Page
from scorm_builder.format.spec import Ctx, did_you_mean

SAFE_HREF = re.compile(r"[a-z0-9_][a-z0-9._/-]*")
MAX_CHOICES = 26  # SCORM 1.2 choice responses are single letters a-z


def check_course(clean: Map, root: Path, ctx: Ctx, company=None) -> Course | None:
    """The cross-field rules over a tree the course format has checked; the model when sound."""
    return _Checker(ctx, root).course(clean, company)


def structure_broken(clean: Map) -> bool:
    """After type errors, go on to the semantic checks only if the tree's skeleton is intact."""
    lessons = clean.get("lessons")
    if not isinstance(lessons, list) or any(not isinstance(l, dict) for l in lessons):
        return True
    for lesson in lessons:
        pages = lesson.get("pages")
        if not isinstance(pages, list) or any(not isinstance(p, dict) for p in pages):
            return True
    return False


class _Checker:
    """Cross-field rules: ids, references, dialogue graphs, answers, assets."""

    def __init__(self, ctx: Ctx, root: Path):
        self.ctx, self.root = ctx, root
        self.ids: dict[str, tuple[str, tuple[int, int]]] = {}
        self.derived: set[str] = set()
        self.assets: dict[str, Asset] = {}

    def error(self, node, key_in_node, path: str, reason: str, fix: str) -> None:
        self.ctx.error(node.where(key_in_node), path, reason, fix)

    def claim_id(self, ident: str, node: Map, path: str, derived: bool = False) -> None:
        """Record an id; a second use is an error. ``derived``: a text page's automatic id."""
        if ident in self.ids:
            src, (line, _) = self.ids[ident]
            shown = f"line {line}" if src == node.src else f"{src}:{line}"
            if derived:
                self.error(node, None, path, f"this text page's automatic id '{ident}' (lesson id and position) "
                           f"is already used on {shown}", "give the page its own 'id:'")
            elif ident in self.derived:
                self.error(node, "id", f"{path}.id", f"duplicate id '{ident}' (it is the automatic id of the "
                           f"text page on {shown})", "choose another id, or give that page its own 'id:'")
            else:
                self.error(node, "id", f"{path}.id", f"duplicate id '{ident}' (already used on {shown})",
                           "give each lesson, page and question its own id")
        else:
            self.ids[ident] = node.where(None if derived else "id")
            if derived:
                self.derived.add(ident)

    # -- course ---------------------------------------------------------------------------------
    def course(self, c: Map, company=None) -> Course | None:
        principles = [p for p in (c.get("principles") or []) if isinstance(p, dict)]
        seen_p: set[str] = set()
        for i, p in enumerate(principles):
            if not isinstance(p.get("id"), str):
                continue
            if p.get("id") in seen_p:
                self.error(p, "id", f"principles[{i}].id", f"duplicate principle id '{p['id']}'",
                           "give each principle its own id")
            seen_p.add(p.get("id"))
        self.principles = seen_p
        lessons = []
        for i, lesson in enumerate(c.get("lessons") or []):
            lessons.append(self.lesson(lesson, f"lessons[{i}]"))
        assessment = None
        if isinstance(c.get("assessment"), dict):
            assessment = self.assessment(c["assessment"], "assessment")
        completion = c.get("completion") or ("both" if c.get("assessment") else "lessons")
        if completion in ("assessment", "both") and "assessment" not in c:
            self.error(c, "completion", "completion",
                       f"completion '{completion}' needs an assessment, but the course has none",
                       "add an 'assessment:' section, or set 'completion: lessons'")
        if self.ctx.problems:
            return None
        return Course(
            id=c["id"], title=c["title"], version=c["version"], language=c["language"],
            description=c.get("description", ""), audience=c.get("audience", ""),
            duration_minutes=c.get("duration_minutes"), completion=completion,
            lms_mastery_score=c["lms_mastery_score"], scenario_retry=c["scenario_retry"],
            principles=tuple({"id": p["id"], "title": p["title"]} for p in principles),
            lessons=tuple(lessons), assessment=assessment,
            assets=tuple(self.assets[k] for k in sorted(self.assets)), source=c.src,
            company=company,
        )

    def lesson(self, lesson: Map, path: str) -> Lesson | None:
        if lesson.get("id"):
            self.claim_id(lesson["id"], lesson, path)
        pages = []
        for j, page in enumerate(lesson.get("pages") or []):
            if not isinstance(page, dict) or "type" not in page:
                continue
            ppath = f"{path}.pages[{j}]"
            pid = page.get("id") or f"{lesson.get('id')}-{j + 1}"
            self.claim_id(pid, page, ppath, derived=not page.get("id"))
            getattr(self, page["type"])(page, ppath)
            data = {k: v for k, v in page.items() if k not in ("id", "type", "title")}
            pages.append(Page(page["type"], pid, page.get("title", ""), data))
        return Lesson(lesson.get("id", ""), lesson.get("title", ""), tuple(pages))

    # -- pages ----------------------------------------------------------------------------------
    def text(self, page: Map, path: str) -> None:
        image = page.get("image")
        if isinstance(image, dict) and image.get("src"):
            self.asset(image, "src", f"{path}.image.src")

    def scenario(self, page: Map, path: str) -> None:
        options = [o for o in (page.get("options") or []) if isinstance(o, dict)]
        if len(options) > MAX_CHOICES:
            self.error(page, "options", f"{path}.options",
                       f"too many options (expected at most {MAX_CHOICES}, got {len(options)})",
                       "split the scenario in two")
        if options and not any(o.get("verdict") == "best" for o in options):
            self.error(page, "options", f"{path}.options",
                       "no option has verdict 'best' (expected at least one best response)",
                       "mark the strongest response with 'verdict: best'")
        principle = page.get("principle")
        if principle and self.principles and principle not in self.principles:
            hint = did_you_mean(principle, self.principles)
            self.error(page, "principle", f"{path}.principle",
                       f"unknown principle '{principle}' (expected one of: {', '.join(sorted(self.principles))})",
                       hint or "add it under 'principles:' or use one that is declared")
        customer = page.get("customer")
        if isinstance(customer, dict) and customer.get("subject") and page.get("channel") != "email":
            self.error(customer, "subject", f"{path}.customer.subject",
                       f"a subject line only applies to email (got channel '{page.get('channel')}')",
                       "remove 'subject:' or set 'channel: email'")

    def dialogue(self, page: Map, path: str) -> None:
        raw_scores = page.get("scores")
        # a malformed 'scores:' is reported by the schema; don't also flag every effect
        scores = {s for s in raw_scores if isinstance(s, str)} if isinstance(raw_scores, list) else None
        by_id: dict[str, Map] = {}
        sound = True  # reachability and loops are judged only once every node and 'next' is sound
        for i, node in enumerate(page.get("nodes") or []):
            if not isinstance(node, dict) or not node.get("id"):
                continue
            npath = f"{path}.nodes[{i}]"
            if node["id"] in by_id:
                line = by_id[node["id"]].where("id")[1][0]
                self.error(node, "id", f"{npath}.id",
                           f"duplicate node id '{node['id']}' (already used on line {line})",
                           "give each node of the dialogue its own id")
                sound = False
                continue
            by_id[node["id"]] = node
            has_choices, has_ending = "choices" in node, "ending" in node
            if has_choices == has_ending:
                sound = False
                self.error(node, None, npath,
                           "a node needs either 'choices' or 'ending' (got "
                           + ("both" if has_choices else "neither") + ")",
                           "give the node choices that lead on, or make it an ending")
            if has_choices and not node.get("customer"):
                self.error(node, None, f"{npath}.customer",
                           "missing required key 'customer' in node (a node with choices needs the customer's line)",
                           "add 'customer:' with what the customer says")
        edges: dict[str, list[str]] = {}
        for i, node in enumerate(page.get("nodes") or []):
            if not isinstance(node, dict) or node.get("id") not in by_id or by_id[node["id"]] is not node:
                continue
            targets = edges.setdefault(node["id"], [])
            for k, choice in enumerate(node.get("choices") or []):
                if not isinstance(choice, dict):
                    continue
                cpath = f"{path}.nodes[{i}].choices[{k}]"
                nxt = choice.get("next")
                if nxt and nxt not in by_id:
                    sound = False
                    hint = did_you_mean(nxt, by_id)
                    self.error(choice, "next", f"{cpath}.next",
                               f"no node has id '{nxt}' (expected one of: {', '.join(by_id)})",
                               hint or "point 'next' at an existing node id, or add that node")
                elif nxt:
                    targets.append(nxt)
                for name in (choice.get("effects") or {}) if scores is not None else ():
                    if name not in scores:
                        hint = did_you_mean(name, scores)
                        self.error(choice["effects"], name, f"{cpath}.effects.{name}",
                                   f"unknown score '{name}' (expected one of: {', '.join(sorted(scores))})",
                                   hint or "add it to the dialogue's 'scores:' list")
        if not by_id or not sound:
            return
        start = page.get("start") or next(iter(by_id))
        if start not in by_id:
            self.error(page, "start", f"{path}.start", f"no node has id '{start}'",
                       did_you_mean(start, by_id) or "point 'start' at an existing node id")
            return
        endings = {n for n, node in by_id.items() if "ending" in node}
        if not endings:
            self.error(page, "nodes", f"{path}.nodes", "the dialogue has no ending (expected at least one node with 'ending:')",
                       "add a node with 'ending:' and lead a choice to it")
            return
        live = graph.reachable(start, edges)
        for i, node in enumerate(page.get("nodes") or []):
            if isinstance(node, dict) and node.get("id") in by_id and by_id[node["id"]] is node:
                if node["id"] not in live:
                    self.error(node, "id", f"{path}.nodes[{i}]",
                               f"node '{node['id']}' can never be reached from the start node '{start}'",
                               "lead a choice to it with 'next:', or delete it")
        finishing = graph.can_finish(edges, endings)
        for i, node in enumerate(page.get("nodes") or []):
            if isinstance(node, dict) and node.get("id") in live and node["id"] not in finishing:
                self.error(node, "id", f"{path}.nodes[{i}]",
                           f"node '{node['id']}' is in a loop with no way out (no ending can be reached from it)",
                           "give one of the loop's choices a 'next:' that leads to an ending")

    # -- assessment -----------------------------------------------------------------------------
    def assessment(self, a: Map, path: str) -> Assessment:
        questions = [q for q in (a.get("questions") or []) if isinstance(q, dict)]
        for i, q in enumerate(a.get("questions") or []):
            if isinstance(q, dict) and q.get("id"):
                self.claim_id(q["id"], q, f"{path}.questions[{i}]")
                self.question(q, f"{path}.questions[{i}]")
        draw = a.get("draw") or len(questions)
        if a.get("draw") and isinstance(a.get("questions"), list) and a["draw"] > len(a["questions"]):
            self.error(a, "draw", f"{path}.draw",
                       f"the pool is smaller than the draw (expected at most {len(a['questions'])}, "
                       f"the number of questions, got {a['draw']})",
                       f"add {_count(a['draw'] - len(a['questions']), 'question')} or lower 'draw'")
        settings = {k: a[k] for k in ("intro", "shuffle_questions", "shuffle_choices", "feedback", "review")
                    if k in a}
        return Assessment(a.get("title", ""), a.get("pass_mark", 80), a.get("attempts", 3), draw,
                          tuple(questions), settings)

    def question(self, q: Map, path: str) -> None:
        kind = q.get("type")
        if kind in ("single-choice", "multiple-response"):
            choices = [c for c in (q.get("choices") or []) if isinstance(c, dict)]
            right = sum(1 for c in choices if c.get("correct"))
            if len(choices) > MAX_CHOICES:
                self.error(q, "choices", f"{path}.choices",
                           f"too many choices (expected at most {MAX_CHOICES}, got {len(choices)})",
                           "remove some choices")
            if choices and right == 0:
                self.error(q, "choices", f"{path}.choices", "no choice is marked correct (expected "
                           + ("exactly one" if kind == "single-choice" else "at least one") + ")",
                           "add 'correct: true' to the right answer")
            elif kind == "single-choice" and right > 1:
                self.error(q, "choices", f"{path}.choices",
                           f"a single-choice question has {right} correct choices (expected exactly one)",
                           "keep one 'correct: true', or change the type to multiple-response")
        if kind == "matching":
            lefts = [p.get("left") for p in (q.get("pairs") or []) if isinstance(p, dict)]
            rights = [p.get("right") for p in (q.get("pairs") or []) if isinstance(p, dict)]
            for label, values in (("left", lefts), ("right", rights)):
                dup = sorted({v for v in values if v and values.count(v) > 1})
                if dup:
                    self.error(q, "pairs", f"{path}.pairs",
                               f"the {label} side repeats {dup[0]!r} (expected each {label} item once)",
                               "make every pair's text different")
        if kind == "ordering":
            items = [i for i in (q.get("items") or []) if isinstance(i, str)]
            dup = sorted({v for v in items if items.count(v) > 1})
            if dup:
                self.error(q, "items", f"{path}.items",
                           f"the item {dup[0]!r} appears twice (expected each item once)",
                           "make every item's text different")

    # -- assets ---------------------------------------------------------------------------------
    def asset(self, node: Map, key: str, path: str) -> None:
        raw = node[key]
        fix_inside = "put the file in the course's assets/ folder and write a path such as assets/photo.png"
        if raw.startswith(("/", "\\")) or (len(raw) > 1 and raw[1] == ":") or "://" in raw:
            self.error(node, key, path, f"the asset path {raw!r} is absolute or a URL (expected a path inside the course folder)",
                       fix_inside)
            return
        parts = raw.replace("\\", "/").split("/")
        if ".." in parts:
            self.error(node, key, path, f"the asset path {raw!r} leaves the course folder (expected a path inside it)",
                       fix_inside)
            return
        course_dir = self.root.resolve()
        file = self.root / raw
        if not file.exists() and not os.path.islink(file):
            self.error(node, key, path, f"asset not found: {raw!r} (expected a file at {display_path(file)})",
                       "check the spelling and the folder, or add the file")
            return
        real = file.resolve()
        if not real.is_relative_to(course_dir):
            self.error(node, key, path,
                       f"the asset {raw!r} is a link to a file outside the course folder ({display_path(real)})",
                       "copy the file into the course folder instead of linking to it")
            return
        if not real.is_file():
            self.error(node, key, path, f"the asset {raw!r} is not a file", "point at a file, not a folder")
            return
        href = real.relative_to(course_dir).as_posix()
        if not SAFE_HREF.fullmatch(href):
            # LMSes on case-sensitive or URL-decoding servers lose such files (SCORM-CONFORMANCE A1)
            self.error(node, key, path, f"the asset name {href!r} has capitals, spaces or other special "
                       "characters (expected lower-case letters, digits, '.', '-', '_' and '/')",
                       "rename the file, e.g. assets/agent-headset.png, and update the path")
            return
        node[key] = href
        self.assets[href] = Asset(real, href)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
