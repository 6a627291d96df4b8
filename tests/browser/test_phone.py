"""Phones: at 320 px no screen of any shipped course, company build or the course of long words
scrolls sideways, and the header stays one row."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scorm_builder.load import load_course
from scorm_builder.render.strings import strings_for

from .conftest import HERE, REPO
from .harness import open_course
from .screens import HEADER_ROWS, OVERFLOW, Explorer, build_served, new_page

STANDARD = "scorm2004-4"
COURSES = REPO / "courses"
LONG_WORDS = HERE / "fixtures" / "long-words"
BUILDS = {
    "empathy-essentials": (COURSES / "empathy-essentials", None),
    "empathy-sales": (COURSES / "empathy-sales", None),
    "empathy-written-channels": (COURSES / "empathy-written-channels", None),
    "empathy-coaching": (COURSES / "empathy-coaching", None),
    "essentials-northwind": (COURSES / "empathy-essentials", COURSES / "companies" / "northwind-mobile.yaml"),
    "essentials-harbor": (COURSES / "empathy-essentials", COURSES / "companies" / "harbor-health.yaml"),
    "long-words": (LONG_WORDS, None),
    "long-words-company": (LONG_WORDS, LONG_WORDS / "long-words-company.yaml"),
}
HEADER_MAX = 60  # px: one row of controls (44 px buttons) and its padding


@pytest.fixture
def phone(browser) -> Any:
    page = new_page(browser, 320)
    yield page
    page.context.close()


@pytest.mark.parametrize("build", list(BUILDS))
def test_no_screen_scrolls_sideways_at_320_px(phone, lms, tmp_path, build):
    course, profile = BUILDS[build]
    url, _ = build_served(lms, tmp_path, course, STANDARD, profile)
    run = open_course(phone, lms, url, STANDARD)
    assert run.content.evaluate("document.documentElement.clientWidth") == 320
    overflow: dict[str, list[str]] = {}
    headers: dict[str, dict] = {}

    def visit(name: str) -> None:
        problems = run.content.evaluate(OVERFLOW)
        if problems:
            overflow[name] = problems
        header = run.content.evaluate(HEADER_ROWS)
        if header and (header["rows"] != 1 or header["height"] > HEADER_MAX):
            headers[name] = header

    words = strings_for(load_course(course, profile).language)
    screens = Explorer(run.content, visit, words=words).run()
    assert screens >= 4
    assert overflow == {}
    assert headers == {}


def test_the_long_words_course_really_has_words_wider_than_a_phone(lms, browser, tmp_path):
    """The check above can fail: the course's words, unbroken, are wider than 320 px."""
    page = new_page(browser, 320)
    url, _ = build_served(lms, tmp_path, LONG_WORDS, STANDARD)
    run = open_course(page, lms, url, STANDARD)
    width = run.content.evaluate("""() => {
        const probe = document.createElement('span');
        probe.style.cssText = 'white-space: nowrap; font-size: 1.6rem; font-weight: 700; position: absolute';
        probe.textContent = 'Kundenzufriedenheitsverbesserungsmaßnahmenschulung';
        document.body.appendChild(probe);
        return probe.getBoundingClientRect().width;
    }""")
    assert width > 600
    page.context.close()


def test_the_long_words_fixture_is_a_valid_course():
    from scorm_builder.load import load_course

    course = load_course(LONG_WORDS, LONG_WORDS / "long-words-company.yaml")
    assert [p.kind for p in course.pages] == ["text", "scenario", "dialogue"]
    assert course.company.name == "Internationale Telekommunikationsdienstleistungsgesellschaft mbH & Co. KG"
    assert isinstance(LONG_WORDS, Path) and course.language == "de"
