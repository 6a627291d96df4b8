"""A learner driving the player by role and accessible name, as a screen-reader user would."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

Answer = Any  # list[str] of choice texts | bool | dict[left, right] | list[str] in order


def exact(text: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


class CourseKey:
    """The questions of a course as the tests need them: text to find the question on screen,
    kind, and the correct and a wrong answer, read from the course file."""

    def __init__(self, folder: Path):
        from scorm_builder.load import load_course

        self.course = load_course(Path(folder))
        assessment = self.course.assessment
        self.questions = {q.id: q for q in (assessment.questions if assessment else ())}

    def correct(self, qid: str) -> Answer:
        q = self.questions[qid]
        kind = q.kind
        if kind in ("single-choice", "multiple-response"):
            return [c.text for c in q.choices if c.correct]
        if kind == "true-false":
            return q.answer
        if kind == "matching":
            return {p.left: p.right for p in q.pairs}
        return [i.text for i in q.items]

    def wrong(self, qid: str) -> Answer:
        """single: the first wrong choice; multiple: the first right and the first wrong choice;
        true-false: the opposite; matching: every left item given the next pair's right;
        ordering: reversed."""
        q = self.questions[qid]
        kind = q.kind
        if kind == "single-choice":
            return [next(c.text for c in q.choices if not c.correct)]
        if kind == "multiple-response":
            return [next(c.text for c in q.choices if c.correct),
                    next(c.text for c in q.choices if not c.correct)]
        if kind == "true-false":
            return not q.answer
        if kind == "matching":
            pairs = q.pairs
            return {p.left: pairs[(i + 1) % len(pairs)].right for i, p in enumerate(pairs)}
        return [i.text for i in reversed(q.items)]


# The player's English words for the controls a learner uses; `words=` (a strings file of
# templates/player/strings/) drives the player in another language.
WORDS = {"start": "Start", "resume": "Resume", "next": "Next", "previous": "Previous", "finish": "Finish",
         "exit": "Exit", "submit": "Submit", "true": "True", "false": "False",
         "start_assessment": "Start assessment", "next_question": "Next question", "see_results": "See results",
         "leave_now": "Leave now"}


def template_pattern(template: str, item: str | None = None) -> re.Pattern[str]:
    """A strings-file template such as "Move '{item}' up" as a regex for one item (or any)."""
    parts = template.split("{item}")
    middle = re.escape(item) if item is not None else "(.+)"
    return re.compile("^" + middle.join(re.escape(p) for p in parts) + "$")


class Learner:
    """Clicks, checks and selects inside the player's frame (a playwright Frame or Page)."""

    def __init__(self, content: Any, key: CourseKey | None = None, words: dict[str, str] | None = None):
        self.c = content
        self.key = key
        self.w = {**WORDS, **(words or {})}

    # -- chrome -----------------------------------------------------------------------------
    def button(self, name: str) -> Any:
        return self.c.get_by_role("button", name=exact(name))

    def click(self, name: str) -> None:
        self.button(name).click()

    def start(self) -> None:
        self.click(self.w["start"])

    def resume(self) -> None:
        self.click(self.w["resume"])

    def next(self) -> None:
        self.click(self.w["next"])

    def previous(self) -> None:
        self.click(self.w["previous"])

    def finish(self) -> None:
        self.click(self.w["finish"])
        self.confirm_leaving()

    def exit(self) -> None:
        self.click(self.w["exit"])
        self.confirm_leaving()

    def confirm_leaving(self) -> None:
        """Leaving a course that isn't complete asks first (view-frame.js): answer "Leave now"."""
        leave = self.button(self.w["leave_now"])
        if leave.count():
            leave.click()

    def heading(self, level: int = 1) -> str:
        return self.c.get_by_role("heading", level=level).first.inner_text().strip()

    def sees(self, text: str | re.Pattern[str], timeout: float = 3000) -> bool:
        """Whether this text shows (waiting a moment for it); for checks that it does show."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            self.c.get_by_text(text).first.wait_for(state="visible", timeout=timeout)
        except PlaywrightTimeout:
            return False
        return True

    def wait_heading(self, text: str) -> None:
        self.c.get_by_role("heading", name=exact(text)).first.wait_for(state="visible")

    def next_until(self, title: str, limit: int = 30) -> None:
        """Press Next until a heading with this title shows."""
        heading = self.c.get_by_role("heading", name=exact(title)).first
        for _ in range(limit):
            if heading.is_visible():
                return
            self.next()
        heading.wait_for(state="visible", timeout=1000)

    # -- scenario ---------------------------------------------------------------------------
    def choose_option(self, text: str) -> None:
        self.c.get_by_role("radio", name=exact(text)).check()

    def answer_scenario(self, text: str) -> None:
        self.choose_option(text)
        self.click(self.w["submit"])

    # -- dialogue ---------------------------------------------------------------------------
    def say(self, *choices: str) -> None:
        for text in choices:
            self.click(text)

    # -- assessment -------------------------------------------------------------------------
    def current_question(self) -> str:
        assert self.key is not None
        for qid, q in self.key.questions.items():
            loc = self.c.get_by_text(q.text, exact=True)
            if loc.count() and loc.first.is_visible():
                return qid
        raise AssertionError("no question of the course is on screen")

    def answer(self, qid: str, answer: Answer) -> None:
        """Give this answer to the question on screen (no submit)."""
        assert self.key is not None
        kind = self.key.questions[qid].kind
        if kind == "single-choice":
            self.c.get_by_role("radio", name=exact(answer[0])).check()
        elif kind == "multiple-response":
            for choice in self.key.questions[qid].choices:
                box = self.c.get_by_role("checkbox", name=exact(choice.text))
                box.set_checked(choice.text in answer)
        elif kind == "true-false":
            self.c.get_by_role("radio", name=exact(self.w["true"] if answer else self.w["false"])).check()
        elif kind == "matching":
            for left, right in answer.items():
                self.c.get_by_role("combobox", name=exact(left)).select_option(label=right)
        elif kind == "ordering":
            self.put_in_order(answer)
        else:
            raise AssertionError(f"unknown question kind {kind}")

    def order_on_screen(self, items: list[str]) -> list[str]:
        """The ordering question's items as they stand, top to bottom, read from the names of
        the 'move up' buttons in document order (one round trip)."""
        names = self.c.evaluate("""() => Array.from(document.querySelectorAll('button'))
            .map(b => b.getAttribute('aria-label') || b.textContent || '')""")
        order = []
        for name in names:
            if self.is_move_up(name):
                order.extend(i for i in items if i in name and i not in order)
        assert sorted(order) == sorted(items), f"ordering buttons not found: {names}"
        return order

    def is_move_up(self, name: str) -> bool:
        if "move_up" in self.w:
            return bool(template_pattern(self.w["move_up"]).match(name))
        return bool(re.search(r"\bup\b", name, re.I))

    def move_button(self, item: str, direction: str) -> Any:
        """The button that moves this ordering item up or down."""
        if f"move_{direction}" in self.w:
            return self.c.get_by_role("button", name=template_pattern(self.w[f"move_{direction}"], item))
        return self.c.get_by_role("button", name=re.compile(
            rf"move\b.*{re.escape(item)}.*\b{direction}\b|move {direction}\b.*{re.escape(item)}", re.I))

    def put_in_order(self, target: list[str]) -> None:
        for i, item in enumerate(target):
            for _ in range(len(target)):
                now = self.order_on_screen(target)
                if now.index(item) <= i:
                    break
                self.move_button(item, "up").click()
        assert self.order_on_screen(target) == target

    def answer_current(self, answers: dict[str, bool]) -> str:
        """Answer the question on screen rightly or wrongly as `answers[qid]` says, and submit."""
        assert self.key is not None
        qid = self.current_question()
        self.answer(qid, self.key.correct(qid) if answers[qid] else self.key.wrong(qid))
        self.click(self.w["submit"])
        return qid

    def take_assessment(self, answers: dict[str, bool]) -> list[str]:
        """From the assessment's start screen to the results; returns the question ids in the
        order they were asked."""
        self.click(self.w["start_assessment"])
        return self.answer_attempt(answers)

    def answer_attempt(self, answers: dict[str, bool]) -> list[str]:
        """Answer every question of the attempt on screen, then open the results."""
        asked = []
        for n in range(len(answers)):
            asked.append(self.answer_current(answers))
            self.click(self.w["see_results"] if n == len(answers) - 1 else self.w["next_question"])
        return asked
