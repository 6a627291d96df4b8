"""Helpers of the learner-experience and phone tests: pages of a given size and colour scheme,
packages built with or without a company, the course data a package carries, a walk through a
whole course that needs nothing but the screen, layout checks, and the screenshot folder."""
from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path
from typing import Any, Callable

from repo import folder_course_data

from .conftest import REPO
from .harness import first_launch_cmi
from .learner import exact

SCREENSHOTS_ENV = "SCORM_TEST_SCREENSHOTS"  # where screenshots go; default build/screenshots in the repository
SIZES = {320: 640, 375: 740, 1280: 800}  # width: height of the screens reviewed

# Everything wider than the page, or reaching past its left edge (the same check as the accessibility test's).
OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > width) out.push('page scrolls: ' + document.documentElement.scrollWidth + ' > ' + width);
    for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        if (r.width < 2 || r.height < 2 || style.visibility === 'hidden' || el.closest('.sr')) continue;
        if (r.right > width + 1 || r.left < -1) {
            out.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') +
                     ' spans ' + Math.round(r.left) + '..' + Math.round(r.right));
        }
    }
    return out.slice(0, 8);
}"""

# The header's visible parts, each with its top and bottom: one row when every part overlaps the first.
HEADER_ROWS = """() => {
    const top = document.querySelector('header.top');
    if (!top) return null;
    const parts = Array.from(top.children).filter(el => el.getBoundingClientRect().width > 1 && getComputedStyle(el).display !== 'none');
    const boxes = parts.map(el => el.getBoundingClientRect());
    const first = boxes[0];
    return {height: Math.round(top.getBoundingClientRect().height),
            rows: boxes.every(b => b.top < first.bottom && b.bottom > first.top) ? 1 : 2};
}"""


def new_page(browser: Any, width: int, height: int | None = None, scheme: str = "light", locale: str = "en-US") -> Any:
    """A page in a profile of its own, at this size, in this colour scheme, with reduced motion."""
    ctx = browser.new_context(viewport={"width": width, "height": height or SIZES.get(width, 800)},
                              color_scheme=scheme, reduced_motion="reduce", locale=locale,
                              is_mobile=width < 800, has_touch=width < 800)
    ctx.set_default_timeout(5000)
    return ctx.new_page()


def build_served(lms: Any, out: Path, course: Path, standard: str, profile: Path | None = None) -> tuple[str, Path]:
    """A course (with a company profile, when given) built, unpacked and served: (URL, folder)."""
    from scorm_builder.pack.batch import build_matrix

    entries, failures = build_matrix([course], [profile], [standard], out / "zip", workers=1)
    assert failures == [] and len(entries) == 1, failures
    folder = out / "unpacked"
    with zipfile.ZipFile(entries[0].path) as zf:
        zf.extractall(folder)
    return lms.mount(folder), folder


def course_data(folder: Path) -> dict[str, Any]:
    """The course data a package's index.html carries (what the player runs on)."""
    return folder_course_data(folder)  # each page whole: its head in index.html, its body in its lesson file


def learner_cmi(standard: str, learner_id: str) -> dict[str, Any]:
    """What the LMS hands this learner on a first launch."""
    cmi = first_launch_cmi(standard)
    if standard == "scorm12":
        cmi["core"]["student_id"] = learner_id
    else:
        cmi["learner_id"] = learner_id
    return cmi


def screenshot_dir() -> Path:
    folder = Path(os.environ.get(SCREENSHOTS_ENV) or REPO / "build" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# the English names Explorer clicks, by strings key
EXPLORER_NAMES = {"Start": "start", "Submit": "submit", "Start assessment": "start_assessment", "Next": "next",
                  "See results": "see_results", "Next question": "next_question", "Review answers": "review_answers",
                  "Save my ratings": "confidence_save", "Compare with the expert": "cal_submit",
                  "Send reply": "reply_send"}
REPLY = "I can see the problem on your account, and I am fixing it now; I will call you back by 5 pm today."


class Explorer:
    """Goes through a whole course from its title screen using only what the screen shows: the
    first option of each scenario, the first choice of each dialogue node to an ending, every
    question answered with its first option(s), the results and the review. ``visit(name)`` is
    called on every screen and after every answer."""

    def __init__(self, content: Any, visit: Callable[[str], None], limit: int = 300,
                 words: dict[str, str] | None = None):
        self.c = content
        self.visit = visit
        self.limit = limit
        self.words = words  # the player's words in the course's language; None: English

    def button(self, name: str) -> Any:
        """The button Explorer names in English, by its name in the course's language."""
        return self.c.get_by_role("button", name=exact(self.words[EXPLORER_NAMES[name]] if self.words else name))

    def run(self) -> int:
        """Returns how many screens were visited."""
        self.visit("title")
        self.button("Start").click()
        screens = 0
        for _ in range(self.limit):
            screens += 1
            title = self.c.locator("main h2").first.inner_text()
            self.visit(f"page {screens}: {title}")
            self.answer_page(title)
            if self.button("Start assessment").count():
                self.assessment()
                return screens
            if not self.button("Next").is_visible():
                return screens
            self.button("Next").click()
        raise AssertionError(f"more than {self.limit} screens")

    def answer_page(self, title: str) -> None:
        c = self.c
        radios = c.locator("fieldset.choices input[type=radio]:enabled")
        if c.locator("fieldset.confidence").count():  # a confidence check: rate every principle, then save
            for box in c.locator("fieldset.confidence").all():
                box.locator("input[type=radio]").first.check()
            self.button("Save my ratings").click()
            self.visit(f"{title}: saved")
        elif c.locator(".calib-form").count():  # a calibration: score every criterion, then compare
            for box in c.locator(".calib-form fieldset").all():
                box.locator("input[type=radio]").first.check()
            self.button("Compare with the expert").click()
            self.visit(f"{title}: compared")
        elif radios.count() and not c.locator("legend.q-text").count():
            radios.first.check()
            self.button("Submit").click()
            self.visit(f"{title}: feedback")
        reply = c.locator("textarea.reply-text:not([readonly])")
        if reply.count():  # a coached reply, on its own page or after a scenario's choice
            reply.first.fill(REPLY)
            self.visit(f"{title}: coaching")
            self.button("Send reply").click()
            self.visit(f"{title}: model answer")
        for step in range(30):
            choices = c.locator(".dlg-choices .choice-btn")
            if not choices.count():
                break
            choices.first.click()
            self.visit(f"{title}: decision {step + 1}")

    def assessment(self) -> None:
        c = self.c
        self.button("Start assessment").click()
        for n in range(200):
            self.visit(f"question {n + 1}")
            for kind in ("radio", "checkbox"):
                inputs = c.locator(f"fieldset.choices input[type={kind}]:enabled")
                if inputs.count():
                    inputs.first.check()
            for select in c.locator("fieldset.choices select:enabled").all():
                select.select_option(index=1)
            self.button("Submit").click()
            self.visit(f"question {n + 1}: feedback")
            if self.button("See results").count():
                self.button("See results").click()
                break
            self.button("Next question").click()
        self.visit("results")
        if self.button("Review answers").count():
            self.button("Review answers").click()
            self.visit("review")
