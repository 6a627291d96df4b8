"""A learner going through a whole course page by page, and the interactions that should produce."""
from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from .learner import CourseKey, Learner

LETTERS = "abcdefghijklmnopqrstuvwxyz"
WRONG = {"scorm12": "wrong", "scorm2004": "incorrect"}
DLG_STEPS = 30  # a dialogue that hasn't ended after this many decisions is a bug (or a loop)


def std_family(standard: str) -> str:
    return "scorm12" if standard == "scorm12" else "scorm2004"


class Walker(Learner):
    """The harness's Learner, finding the question on screen in one round trip (its legend's text)."""

    def current_question(self) -> str:
        assert self.key is not None
        shown = " ".join(self.c.locator("legend.q-text").first.text_content().split())
        for qid, q in self.key.questions.items():
            if plain(q.text) == shown:
                return qid
        raise AssertionError(f"no question of the course reads {shown!r}")


def plain(markdown_text: str) -> str:
    """A course text as the player shows it: Markdown rendered, tags dropped, spaces collapsed."""
    from scorm_builder.render.markdown import markdown

    text = re.sub(r"<[^>]+>", "", markdown(markdown_text) or "")
    return " ".join(html.unescape(text).split())


def key_for(course: Any) -> CourseKey:
    """A CourseKey for a course already loaded (e.g. with a company profile)."""
    key = CourseKey.__new__(CourseKey)
    key.course = course
    assessment = course.assessment
    key.questions = {q.id: q for q in (assessment.questions if assessment else ())}
    return key


@dataclass
class Expected:
    """The interactions a walkthrough should have produced, as harness.interactions() rows."""

    standard: str
    rows: list[tuple] = field(default_factory=list)

    @property
    def v12(self) -> bool:
        return std_family(self.standard) == "scorm12"

    def join(self, parts: list[str]) -> str:
        return ("," if self.v12 else "[,]").join(parts)

    def pair(self, left: str, right: str) -> str:
        return left + ("." if self.v12 else "[.]") + right

    def result(self, ok: bool | None) -> str:
        if ok is None:
            return "neutral"
        return "correct" if ok else WRONG[std_family(self.standard)]

    def scenario(self, page: Any, index: int, attempt: int = 1) -> None:
        options = page.options
        best = tuple(LETTERS[i] for i, o in enumerate(options) if o.verdict == "best")
        verdict = options[index].verdict
        ok = True if verdict == "best" else None if verdict == "acceptable" else False
        self.rows.append((f"scn_{page.id}{suffix(attempt)}", "choice", best, LETTERS[index], self.result(ok), "1"))

    def decision(self, page: Any, node: Any, index: int, attempt: int = 1) -> None:
        best = best_choices(node)
        self.rows.append((f"dlg_{page.id}_{node.id}{suffix(attempt)}", "choice",
                          tuple(LETTERS[i] for i in best), LETTERS[index], self.result(index in best), "1"))

    def question(self, q: Any, right: bool, attempt: int = 1) -> None:
        kind = q.kind
        if kind in ("single-choice", "multiple-response"):
            correct = [LETTERS[i] for i, c in enumerate(q.choices) if c.correct]
            wrong = [LETTERS[i] for i, c in enumerate(q.choices) if not c.correct]
            given = correct if right else [wrong[0]] if kind == "single-choice" else sorted([correct[0], wrong[0]])
            pattern, response, itype = self.join(correct), self.join(given), "choice"
        elif kind == "true-false":
            names = ("t", "f") if self.v12 else ("true", "false")
            pattern = names[0] if q.answer else names[1]
            response = pattern if right else (names[1] if q.answer else names[0])
            itype = "true-false"
        elif kind == "matching":
            n = len(q.pairs)
            pattern = self.join([self.pair(LETTERS[i], LETTERS[i]) for i in range(n)])
            response = pattern if right else self.join([self.pair(LETTERS[i], LETTERS[(i + 1) % n]) for i in range(n)])
            itype = "matching"
        else:
            n = len(q.items)
            pattern = self.join(list(LETTERS[:n]))
            response = pattern if right else self.join(list(reversed(LETTERS[:n])))
            itype = "sequencing"
        self.rows.append((f"q_{q.id}{suffix(attempt)}", itype, (pattern,), response, self.result(right),
                          str(q.weight)))


def suffix(attempt: int) -> str:
    return f"_a{attempt}" if attempt >= 2 else ""


def best_choices(node: Any) -> list[int]:
    totals = [sum(v for _, v in c.effects) for c in node.choices]
    return [i for i, t in enumerate(totals) if t == max(totals)]


def percent(questions: list[Any], right: list[bool]) -> int:
    """The player's score: round(100 x weights right / weights drawn), halves rounded up like Math.round."""
    total = sum(q.weight for q in questions)
    got = sum(q.weight for q, ok in zip(questions, right, strict=True) if ok)
    return math.floor(100 * got / total + 0.5)


# -- choosing answers -----------------------------------------------------------------------------
def best_option(options: Sequence[Any]) -> int:
    return next(i for i, o in enumerate(options) if o.verdict == "best")


def poor_option(options: Sequence[Any]) -> int:
    return next(i for i, o in enumerate(options) if o.verdict == "poor")


def acceptable_option(options: Sequence[Any]) -> int:
    return next(i for i, o in enumerate(options) if o.verdict == "acceptable")


def best_choice(node: Any) -> int:
    return best_choices(node)[0]


def other_choice(node: Any) -> int:
    """The first choice that isn't one of the node's best (the best one when all are equal)."""
    best = best_choices(node)
    return next((i for i in range(len(node.choices)) if i not in best), best[0])


VERDICT = {"best": "Best response", "acceptable": "Acceptable response", "poor": "Poor response"}


class Walk:
    """Drives a Learner through the pages of `course` and records what should be reported."""

    def __init__(self, learner: Learner, course: Any, standard: str):
        self.learner = learner
        self.course = course
        self.expected = Expected(standard)
        self.pages = course.pages

    def page_index(self, page_id: str) -> int:
        return next(i for i, p in enumerate(self.pages) if p.id == page_id)

    def on_page(self, page: Any) -> None:
        self.learner.wait_heading(page.title)

    def pages_from(self, start: int, stop: int | None, scenario: Callable[[Sequence[Any]], int],
                   dialogue: Callable[[Any], int]) -> None:
        """From page `start` (on screen) up to, not including, page `stop` (None: the assessment),
        answering each scenario and playing each dialogue to an ending, then pressing Next."""
        stop = len(self.pages) if stop is None else stop
        for i in range(start, stop):
            page = self.pages[i]
            self.on_page(page)
            if page.kind == "scenario":
                self.answer_scenario(page, scenario(page.options))
            elif page.kind == "dialogue":
                self.play_dialogue(page, dialogue)
            self.learner.next()
        if stop == len(self.pages) and self.course.assessment:
            self.learner.wait_heading(self.course.assessment.title)
        elif stop < len(self.pages):
            self.on_page(self.pages[stop])

    def answer_scenario(self, page: Any, index: int) -> None:
        option = page.options[index]
        self.learner.answer_scenario(option.text)
        self.learner.c.get_by_text(VERDICT[option.verdict], exact=True).first.wait_for(state="visible")
        if page.scored:
            self.expected.scenario(page, index)

    def play_dialogue(self, page: Any, choose: Callable[[Any], int]) -> str:
        """Play from the first line to an ending; returns the ending's title."""
        nodes = {n.id: n for n in page.nodes}
        node = nodes[page.start]
        for _ in range(DLG_STEPS):
            if node.ending:
                title = node.ending.title
                self.learner.c.get_by_role("heading", name=re.compile(rf"^\s*{re.escape(title)}\s*$")).first.wait_for(
                    state="visible")
                assert self.learner.button("Replay").is_visible()
                return title
            index = choose(node)
            self.learner.say(node.choices[index].text)
            if page.scored:
                self.expected.decision(page, node, index)
            node = nodes[node.choices[index].next]
        raise AssertionError(f"dialogue {page.id}: no ending after {DLG_STEPS} decisions")

    # -- assessment ---------------------------------------------------------------------------
    def attempt(self, rule: Callable[[int], bool], attempt: int, start_button: str | None) -> tuple[list[str], int]:
        """One attempt, opened with start_button ("Start assessment", "Retry"; None when the first
        question is already on screen): answers question n right when rule(n); returns (ids asked,
        expected %)."""
        key = self.learner.key
        assert key is not None and self.course.assessment is not None
        a = self.course.assessment
        draw = a.draw if a.draw and a.draw < len(a.questions) else len(a.questions)
        if start_button:
            self.learner.click(start_button)
        asked, right = [], []
        for n in range(draw):
            self.learner.c.get_by_text(f"Question {n + 1} of {draw}", exact=True).first.wait_for(state="visible")
            qid = self.learner.current_question()
            ok = rule(n)
            self.learner.answer(qid, key.correct(qid) if ok else key.wrong(qid))
            self.learner.click("Submit")
            self.learner.c.get_by_text("Correct" if ok else "Incorrect", exact=True).first.wait_for(state="visible")
            self.expected.question(key.questions[qid], ok, attempt)
            asked.append(qid)
            right.append(ok)
            self.learner.click("See results" if n == draw - 1 else "Next question")
        pct = percent([key.questions[q] for q in asked], right)
        self.learner.c.get_by_text(f"Your score: {pct}%", exact=True).first.wait_for(state="visible")
        return asked, pct
