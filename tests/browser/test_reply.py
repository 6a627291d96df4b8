"""A coached reply end to end (issue 14, section 1): the learner writes in a box that fits the channel, the
coaching flags lint's phrases and ticks the author's checklist as they type, Send reports the text
(SCORM 1.2 fill-in cut to 255 characters, 2004 long-fill-in) with the checklist as its result, the model
answer follows, and "How close was yours?" is a likert interaction. The saved state keeps the record, not
the text, and a relaunch shows the model answer again. Axe-clean, keyboard only, 320 px."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from .harness import (
    check_interaction_formats,
    check_session,
    format_violations,
    interactions,
    open_course,
    relaunch_cmi,
    run_axe,
)
from .learner import Learner
from .screens import OVERFLOW, new_page

COURSE = Path(__file__).resolve().parent / "fixtures" / "reply"
STANDARDS = ("scorm12", "scorm2004-4")
# a when-not-to reply that opens with sympathy, uses a scripted phrase, names the card and says when
HOLLOW = "I'm so sorry, Dana. I apologize for the inconvenience. Your card block is lifted now."
LONG = ("Dana, I've lifted the fraud block on your card just now, so you can pay at the till straight away. "
        + "While you pay I'll stay on this chat, and once you're through I'll explain what triggered the block. " * 3)
# the coaching on screen: [flagged text, its kind], [check label, met], the status line
COACH = """() => [Array.from(document.querySelectorAll('.reply-flags li')).map(li => [li.querySelector('strong').textContent, li.className]),
    Array.from(document.querySelectorAll('.reply-checks li')).map(li => [li.children[1].textContent, li.className]),
    document.querySelector('.reply-status').textContent]"""


def _open(page, lms, packages, standard, preload=None):
    url, _ = packages.get(COURSE, standard)
    run = open_course(page, lms, url, standard, preload=preload)
    learner = Learner(run.content)
    return run, learner


def _write(run, text: str) -> None:
    box = run.content.get_by_role("textbox", name="What do you send Dana?")
    box.fill(text)


@pytest.mark.parametrize("standard", STANDARDS)
def test_the_coaching_flags_lints_phrases_and_ticks_the_checklist_as_the_learner_types(page, lms, packages, standard):
    run, learner = _open(page, lms, packages, standard)
    learner.start()
    learner.wait_heading("A card blocked at the till")
    assert run.content.evaluate(COACH) == [[], [["Names the card and the block", "unmet"],
                                                ["Says when it is fixed", "unmet"],
                                                ["Leads with what you are doing, not with sympathy", "unmet"]],
                                           "0 of 3 checks met"]
    _write(run, HOLLOW)
    assert run.content.evaluate(COACH) == [
        [["“I'm so sorry”", "flag-sympathy"], ["“I apologize for the inconvenience”", "flag-scripted"]],
        [["Names the card and the block", "met"], ["Says when it is fixed", "met"],
         ["Leads with what you are doing, not with sympathy", "unmet"]], "2 of 3 checks met"]
    assert run.content.locator(".reply-mirror mark").all_text_contents() == [
        "I'm so sorry", "I apologize for the inconvenience"]
    _write(run, "Dana, your card block is lifted now.")
    assert run.content.evaluate(COACH)[0] == []
    assert run.content.evaluate(COACH)[2] == "3 of 3 checks met"


@pytest.mark.parametrize("standard", STANDARDS)
def test_send_reports_the_text_and_the_checklist_then_the_rating_as_likert(page, lms, packages, standard):
    run, learner = _open(page, lms, packages, standard)
    learner.start()
    learner.wait_heading("A card blocked at the till")
    _write(run, HOLLOW)
    learner.click("Send reply")
    assert learner.sees("A model answer")
    assert learner.sees("I've lifted the fraud block on your card just now")
    run.content.get_by_role("radio", name="Close", exact=True).check()
    learner.click("Save my rating")
    assert learner.sees("Thank you. You rated yours: Close.")
    learner.next()
    learner.wait_heading("A parcel that never came")
    assert run.content.locator("section.reply").is_hidden()
    learner.answer_scenario("Missing the birthday you planned for is hard. Here's what I've done today.")
    assert run.content.get_by_role("textbox", name="Subject").input_value() == "Re: Still no parcel"
    run.content.get_by_role("textbox", name="Now write it in your own words").fill(LONG)
    if standard == "scorm12":
        assert learner.sees("Your LMS keeps the first 255 characters of your reply.")
    learner.click("Send reply")
    assert learner.sees("A model answer")
    learner.exit()
    cmi = run.terminated()
    text_type = "fill-in" if standard == "scorm12" else "long-fill-in"
    long_text = LONG.strip()[:254] + "…" if standard == "scorm12" else LONG.strip()
    wrong = "wrong" if standard == "scorm12" else "incorrect"
    assert interactions(cmi, standard) == [
        ("rpl_blocked-card", text_type, (), HOLLOW, wrong, "1"),
        ("rpl_blocked-card_rating", "likert", (), "3", "neutral", "0"),
        ("scn_late-parcel", "choice", ("a",), "a", "correct", "1"),
        ("rpl_late-parcel", text_type, (), long_text, wrong, "1")]
    assert len(long_text) == (255 if standard == "scorm12" else len(LONG.strip()))
    check_interaction_formats(run, cmi)
    check_session(run)
    saved = json.loads(cmi["suspend_data"])
    assert saved["rp"] == {"blocked-card": [1, "110", 3, saved["rp"]["blocked-card"][3]],
                           "late-parcel": [1, "0", 0, saved["rp"]["late-parcel"][3]]}
    assert "fraud" not in cmi["suspend_data"] and "Dana" not in cmi["suspend_data"]


@pytest.mark.parametrize("standard", STANDARDS)
def test_a_relaunch_shows_the_model_answer_and_the_rating_without_the_text(page, lms, packages, standard):
    run, learner = _open(page, lms, packages, standard)
    learner.start()
    learner.wait_heading("A card blocked at the till")
    _write(run, "Your card block is lifted now.")
    learner.click("Send reply")
    run.content.get_by_role("radio", name="Very close").check()
    learner.click("Save my rating")
    learner.exit()
    stored = run.terminated()
    again, learner2 = _open(page, lms, packages, standard, preload=relaunch_cmi("scorm12" if standard == "scorm12" else "scorm2004", stored))
    learner2.resume()
    learner2.wait_heading("A card blocked at the till")
    assert learner2.sees("You sent your reply in an earlier session (3 of 3 checks met). The text itself is not kept here.")
    assert again.content.get_by_role("radio", name="Very close").is_checked()
    assert again.content.get_by_role("button", name="Send reply").is_disabled()
    assert learner2.sees("Write another reply")


def test_the_reply_is_keyboard_operable_axe_clean_and_fits_320_px(browser, lms, packages):
    phone = new_page(browser, 320)
    run, learner = _open(phone, lms, packages, "scorm2004-4")
    learner.start()
    learner.wait_heading("A card blocked at the till")
    box = run.content.get_by_role("textbox", name="What do you send Dana?")
    box.focus()
    phone.keyboard.type(HOLLOW)
    assert run.content.evaluate("document.activeElement.tagName") == "TEXTAREA"
    assert run.content.evaluate(OVERFLOW) == []
    violations = run_axe(run.content, lms)
    assert violations == [], format_violations(violations)
    phone.keyboard.press("Tab")
    assert run.content.evaluate("document.activeElement.textContent") == "Send reply"
    phone.keyboard.press("Enter")
    assert learner.sees("A model answer")
    run.content.get_by_role("radio", name="Not close").focus()
    phone.keyboard.press("ArrowRight")
    assert run.content.get_by_role("radio", name="Partly").is_checked()
    phone.keyboard.press("Tab")
    phone.keyboard.press("Enter")
    assert learner.sees("Thank you. You rated yours: Partly.")
    assert run.content.evaluate(OVERFLOW) == []
    violations = run_axe(run.content, lms)
    assert violations == [], format_violations(violations)
    learner.next()
    learner.wait_heading("A parcel that never came")
    learner.next()
    learner.wait_heading("A bill twice as high")
    assert learner.sees("Say your reply aloud first, as you would on the call. Then type the gist of it here.")
    assert run.content.evaluate(OVERFLOW) == []
    violations = run_axe(run.content, lms)
    assert violations == [], format_violations(violations)
    phone.context.close()
