"""The learner aids in the browser, in SCORM 1.2 and 2004: the Resources dialog lists the course's files and each
opens (it is in the package); a glossary term opens its definition by keyboard (Escape closes it, the focus goes
back) with axe clean; once the course is complete the certificate shows "First Last" from the LMS's "Last, First",
the exact title, date and score, prints alone, and the name is nowhere in what the package stored. At 320 px
nothing overflows."""
from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest

from .harness import first_launch_cmi, format_violations, open_course, run_axe
from .learner import CourseKey, Learner
from .screens import OVERFLOW, build_served, new_page

REPO = Path(__file__).resolve().parents[2]
JOB_AID = REPO / "courses" / "empathy-coaching" / "assets" / "empathy-scoring-checklist.pdf"
COURSE = """id: aids
title: Aids at work
completion: both
terms: {customer: client}
resources:
  - title: Scoring checklist
    file: assets/checklist.pdf
    description: One page to keep open while you score.
  - title: Phrase list
    file: assets/phrases.csv
glossary:
  - term: sympathy
    definition: Feeling sorry for the {{ terms.customer }} from the outside.
  - term: emotional clue
    also: [emotional clues]
    definition: A sign of how the {{ terms.customer }} feels.
certificate:
  title: Certificate of empathy
  issuer: Head of Care, Acme
lessons:
  - id: reading
    title: Reading
    pages:
      - type: text
        id: clues
        title: Sympathy and emotional clues
        body: |
          Sympathy is not empathy. [Sympathy in a link](https://example.com/s) stays a link.

          Listen for emotional clues. Sympathy again, and emotional clues again, are not marked.
      - type: text
        id: second
        title: Second page
        body: Here sympathy is marked again, as it is this page's first use.
assessment:
  pass_mark: 50
  shuffle_questions: false
  questions:
    - {type: true-false, id: q-one, text: Sympathy is empathy., answer: false}
    - {type: true-false, id: q-two, text: Clues can be unspoken., answer: true}
"""
STANDARDS = ("scorm12", "scorm2004-4")


@pytest.fixture(scope="module")
def served(lms: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, Path]]:
    """Per standard: the package's URL and the course folder."""
    out = {}
    for standard in STANDARDS:
        folder = tmp_path_factory.mktemp(f"aids-{standard}")
        course = folder / "course"
        (course / "assets").mkdir(parents=True)
        (course / "assets" / "checklist.pdf").write_bytes(JOB_AID.read_bytes())
        (course / "assets" / "phrases.csv").write_text("phrase,instead\nI understand,name the situation\n",
                                                       encoding="utf-8")
        (course / "course.yaml").write_text(COURSE, encoding="utf-8")
        url, _ = build_served(lms, folder, course, standard)
        out[standard] = (url, course)
    return out


def launch(browser: Any, lms: Any, served: dict, standard: str, width: int = 1280) -> tuple[Any, Any, Learner]:
    url, folder = served[standard]
    page = new_page(browser, width)
    family = "scorm12" if standard == "scorm12" else "scorm2004"
    run = open_course(page, lms, url, standard, preload=first_launch_cmi(family))
    learner = Learner(run.content, CourseKey(folder))
    learner.start()
    learner.wait_heading("Sympathy and emotional clues")
    return page, run, learner


@pytest.mark.parametrize("standard", STANDARDS)
def test_the_resources_dialog_lists_the_files_and_each_opens(browser, lms, served, standard):
    page, run, learner = launch(browser, lms, served, standard)
    c = run.content
    opener = c.get_by_role("button", name="Resources", exact=True)
    opener.click()
    dialog = c.get_by_role("dialog", name="Resources")
    assert dialog.is_visible()
    links = dialog.get_by_role("link")
    assert links.evaluate_all("ls => ls.map(l => [l.textContent, l.getAttribute('href'), l.target])") == [
        ["Scoring checklist (PDF) (opens in a new tab)", "assets/checklist.pdf", "_blank"],
        ["Phrase list (CSV) (opens in a new tab)", "assets/phrases.csv", "_blank"]]
    assert dialog.locator(".r-desc").all_text_contents() == ["One page to keep open while you score."]
    assert c.evaluate("document.activeElement.getAttribute('href')") == "assets/checklist.pdf"
    assert run_axe(c, lms) == [], format_violations(run_axe(c, lms))
    hrefs = links.evaluate_all("ls => ls.map(l => l.href)")
    fetched = [(r.status, r.body()[:5], len(r.body())) for r in map(page.request.get, hrefs)]
    assert fetched == [(200, b"%PDF-", JOB_AID.stat().st_size), (200, b"phras", 47)]
    with page.context.expect_page() as opened:
        links.first.click()
    assert opened.value.url.endswith("/assets/checklist.pdf")
    opened.value.close()
    c.locator("dialog").press("Escape")
    assert c.get_by_role("dialog").count() == 0
    assert c.evaluate("document.activeElement.textContent") == "Resources"
    page.context.close()


@pytest.mark.parametrize("standard", STANDARDS)
def test_a_glossary_term_opens_its_definition_by_keyboard(browser, lms, served, standard):
    page, run, learner = launch(browser, lms, served, standard)
    c = run.content
    terms = c.locator(".page button.term")
    assert terms.evaluate_all("bs => bs.map(b => b.textContent)") == ["Sympathy", "emotional clues"]
    assert c.locator(".page a .term, .page h2 .term").count() == 0
    first = terms.first
    assert first.get_attribute("aria-expanded") == "false"
    described = c.evaluate("id => document.getElementById(id).textContent", first.get_attribute("aria-describedby"))
    assert described == "Glossary term: press to show or hide its definition"
    first.focus()
    page.keyboard.press("Enter")
    assert first.get_attribute("aria-expanded") == "true"
    definition = c.locator("#" + first.get_attribute("aria-controls"))
    assert definition.is_visible()
    assert definition.text_content() == "sympathy means: Feeling sorry for the client from the outside."
    assert run_axe(c, lms) == [], format_violations(run_axe(c, lms))
    page.keyboard.press("Escape")
    assert first.get_attribute("aria-expanded") == "false" and definition.is_hidden()
    assert c.evaluate("document.activeElement.textContent") == "Sympathy"
    learner.next()
    learner.wait_heading("Second page")
    assert c.locator(".page button.term").all_text_contents() == ["sympathy"]
    page.context.close()


def expected_date(today: datetime.date) -> str:
    return f"Completed on {today.strftime('%B')} {today.day}, {today.year}"


@pytest.mark.parametrize("standard", STANDARDS)
def test_the_certificate_shows_the_learner_the_date_and_the_score_and_prints_alone(browser, lms, served, standard):
    page, run, learner = launch(browser, lms, served, standard)
    c = run.content
    certificate = c.get_by_role("button", name="Certificate", exact=True)
    assert certificate.is_hidden(), "offered only once the course is complete"
    learner.next()
    learner.wait_heading("Second page")
    learner.next()
    learner.take_assessment({"q-one": True, "q-two": False})
    assert certificate.is_visible()
    today = datetime.date.today()
    certificate.click()
    dialog = c.get_by_role("dialog", name="Certificate of empathy")
    assert dialog.locator(".cert-sheet p").all_text_contents() == [
        "This certifies that", "Test Learner", "has completed the course", "Aids at work", expected_date(today),
        "Score: 50%", "Head of Care, Acme"]
    assert run_axe(c, lms) == [], format_violations(run_axe(c, lms))
    page.emulate_media(media="print")
    assert c.evaluate("getComputedStyle(document.getElementById('app')).display") == "none"
    assert dialog.is_visible() and dialog.get_by_role("button", name="Print").is_hidden()
    page.emulate_media(media="screen")
    page.keyboard.press("Escape")
    assert c.get_by_role("dialog").count() == 0
    assert c.evaluate("document.activeElement.textContent") == "Certificate"
    c.evaluate("window.scormPlayer.suspendData && window.scormPlayer.suspendData()")
    stored = run.cmi()
    suspend = stored["suspend_data"]
    assert suspend and "Learner" not in suspend and "Test" not in suspend
    written = [value for _, value in run.set_calls(".")]
    assert not [v for v in written if "Learner" in v or "Test L" in v], "the learner's name is never written"
    page.context.close()


def test_a_name_without_a_comma_is_shown_as_it_is_and_nothing_overflows_at_320(browser, lms, served):
    url, folder = served["scorm2004-4"]
    page = new_page(browser, 320)
    preload = {**first_launch_cmi("scorm2004"), "learner_name": "Ana María de la Cruz Fernández"}
    run = open_course(page, lms, url, "scorm2004-4", preload=preload)
    c = run.content
    learner = Learner(c, CourseKey(folder))
    learner.start()
    learner.wait_heading("Sympathy and emotional clues")
    c.locator(".page button.term").first.click()
    assert c.evaluate(OVERFLOW) == []
    c.get_by_role("button", name="Resources", exact=True).click()
    assert c.evaluate(OVERFLOW) == []
    page.keyboard.press("Escape")
    learner.next()
    learner.next()
    learner.take_assessment({"q-one": True, "q-two": True})
    c.get_by_role("button", name="Certificate", exact=True).click()
    assert c.locator(".cert-name").text_content() == "Ana María de la Cruz Fernández"
    assert c.locator(".cert-score").text_content() == "Score: 100%"
    assert c.evaluate(OVERFLOW) == []
    page.context.close()


def test_in_review_mode_the_answers_are_locked_but_the_glossary_opens(browser, lms, served):
    url, folder = served["scorm2004-4"]
    page = new_page(browser, 1280)
    run = open_course(page, lms, url, "scorm2004-4", preload={**first_launch_cmi("scorm2004"), "mode": "review"})
    c = run.content
    c.get_by_role("button", name=re.compile("^(Start|Resume)")).first.click()
    Learner(c).wait_heading("Sympathy and emotional clues")
    term = c.locator(".page button.term").first
    assert term.is_enabled()
    term.click()
    assert term.get_attribute("aria-expanded") == "true"
    page.context.close()
