"""Each channel looks like itself (issue 11, section 5): a chat's burst of messages as bubbles with
their times, typed out behind dots unless motion is reduced; an email as a thread with its subject,
the earlier messages quoted and folded away, and the choices as the reply; a call's caller card; the
customer's face (a built-in SVG, or the course's picture) hidden from screen readers beside the name.
Every page is axe-core clean and fits 320 px."""
from __future__ import annotations

from pathlib import Path

import pytest

from .harness import format_violations, open_course, run_axe
from .learner import Learner
from .screens import OVERFLOW, new_page

STANDARD = "scorm2004-4"
COURSE = Path(__file__).resolve().parent / "fixtures" / "conversation"
ANA = ["Hi, my parcel was due yesterday.", 'The tracking page has said "out for delivery" for three days.',
       "I need it for my daughter's birthday on Saturday."]
TITLES = ["Where is my parcel?", "The third email", "The meter reading", "The locked account", "The wrong invoice",
          "The outage call"]

# the messages on screen: [who, time, text, hidden until typed, face beside it]
BUBBLES = """sel => Array.from(document.querySelectorAll(sel)).map(b => [b.querySelector('.who').textContent,
    b.querySelector('.stamp') ? b.querySelector('.stamp').textContent : null, b.querySelector('p').textContent,
    b.classList.contains('later'), !!b.querySelector(':scope > .avatar')])"""
# a face: [its element's name, aria-hidden, the image's alt, what accessible text it has]
FACE = """sel => { const a = document.querySelector(sel), img = a.querySelector('img');
    return [a.firstElementChild.tagName.toLowerCase(), a.getAttribute('aria-hidden'), img ? img.getAttribute('alt') : null,
            img ? img.getAttribute('src') : a.querySelector('svg').getAttribute('viewBox'), a.textContent]; }"""
# every 40 ms until the dots are gone: [messages shown, dots there, dots hidden from screen readers] on each change
TYPED = """async () => {
    const seen = [], start = performance.now();
    while (performance.now() - start < 4000) {
        const dots = document.querySelector('.typing');
        const now = [document.querySelectorAll('.msg.chat .bubble:not(.later)').length, !!dots, dots ? dots.getAttribute('aria-hidden') : null];
        if (!seen.length || JSON.stringify(seen[seen.length - 1]) !== JSON.stringify(now)) seen.push(now);
        if (!dots) break;
        await new Promise(r => setTimeout(r, 40));
    }
    return seen;
}"""


def _open(page, lms, packages):
    url, _ = packages.get(COURSE, STANDARD)
    run = open_course(page, lms, url, STANDARD)
    learner = Learner(run.content)
    learner.start()
    learner.wait_heading(TITLES[0])
    return run, learner


def test_a_burst_shows_each_message_as_its_own_bubble_with_its_time_all_at_once_when_motion_is_reduced(
        page, lms, packages):
    run, _ = _open(page, lms, packages)
    assert run.content.evaluate(BUBBLES, ".msg.chat .bubble") == [
        ["Ana", "14:05", ANA[0], False, False], ["Ana", "14:06", ANA[1], False, False],
        ["Ana", "14:07", ANA[2], False, False]]
    assert run.content.locator(".typing").count() == 0
    assert run.content.evaluate("() => [document.querySelector('.msg-name').textContent, "
                                "document.querySelector('.msg-head .ch-label').textContent]") == ["Ana", "Chat"]
    assert run.content.evaluate(FACE, ".msg-head .avatar") == ["svg", "true", None, "0 0 40 40", ""]


def test_the_typing_dots_show_before_each_message_of_a_burst_and_are_gone_after(browser, lms, packages):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US", reduced_motion="no-preference")
    ctx.set_default_timeout(5000)
    try:
        run, learner = _open(ctx.new_page(), lms, packages)
        # every message is on the page (for screen readers and keyboards) from the start; the dots are hidden from them
        assert [b[2] for b in run.content.evaluate(BUBBLES, ".msg.chat .bubble")] == ANA
        assert run.content.evaluate(TYPED) == [[0, True, "true"], [1, True, "true"], [2, True, "true"], [3, False, None]]
        assert run.content.evaluate(BUBBLES, ".msg.chat .bubble") == [
            ["Ana", "14:05", ANA[0], False, False], ["Ana", "14:06", ANA[1], False, False],
            ["Ana", "14:07", ANA[2], False, False]]
        # in a dialogue, a key press shows the whole burst at once
        learner.next_until(TITLES[3])
        learner.say("Did you enter the wrong password too often?")
        assert run.content.locator(".typing").count() == 1
        run.page.keyboard.press("Shift")  # the focus is in the frame
        assert run.content.evaluate("() => [document.querySelectorAll('.typing').length, document.querySelectorAll('.later').length]") \
            == [0, 0]
    finally:
        ctx.close()


def test_a_chat_dialogue_times_every_message_and_shows_the_face_beside_each_turn(page, lms, packages):
    run, learner = _open(page, lms, packages)
    learner.next_until(TITLES[3])
    assert run.content.evaluate(BUBBLES, ".convo .bubble") == [
        ["Priya", "08:58", "I can't log in.", False, True], ["Priya", "08:59", "It says my account is locked.", False, False]]
    assert run.content.evaluate(FACE, ".dlg-head .avatar") == ["svg", "true", None, "0 0 40 40", ""]
    learner.say("Did you enter the wrong password too often?")
    assert run.content.evaluate(BUBBLES, ".convo .bubble") == [
        ["Priya", "08:58", "I can't log in.", False, True], ["Priya", "08:59", "It says my account is locked.", False, False],
        ["You", "09:00", "Did you enter the wrong password too often?", False, False],
        ["Priya", "09:01", "Maybe, I don't know.", False, True],
        ["Priya", "09:02", "Does it matter? I just need to get in.", False, False]]
    # the focus is on the first message of the new burst, which is read with the rest after it
    assert run.content.evaluate("() => document.activeElement.querySelector('p').textContent") == "Maybe, I don't know."


EMAIL = """() => ({
    head: Array.from(document.querySelectorAll('.email-head dt, .email-head dd')).map(e => e.textContent),
    body: document.querySelector('.email-body').textContent,
    earlier: [document.querySelector('.earlier summary').textContent, document.querySelector('.earlier').open,
              Array.from(document.querySelectorAll('.earlier blockquote')).map(q => Array.from(q.children).map(p => p.textContent))],
    reply: [document.querySelector('fieldset.as-reply .reply-subj').textContent]})"""


def test_an_email_reads_as_a_thread_with_its_subject_and_the_choices_as_the_reply(page, lms, packages):
    run, learner = _open(page, lms, packages)
    learner.next_until(TITLES[1])
    assert run.content.evaluate(EMAIL) == {
        "head": ["From", "Bola Adeyemi", "To", "You", "Subject", "Still no refund"],
        "body": "This is my third email. Please just tell me when the refund will arrive.",
        "earlier": ["2 earlier messages", False, [
            ["Bola Adeyemi wrote at 09:31:", "It has been two weeks since my last email and nobody has answered."],
            ["Bola Adeyemi wrote at 09:30:", "I returned the blender on the 2nd. When will I get my money back?"]]],
        "reply": ["↩ Re: Still no refund"]}
    assert run.content.evaluate(FACE, ".email-top .avatar") == ["svg", "true", None, "0 0 40 40", ""]


THREAD = """() => ({subject: document.querySelector('.thread-subj').textContent,
    folded: Array.from(document.querySelectorAll('.earlier .bubble')).map(b => [b.querySelector('.who').textContent,
        b.querySelector('.stamp').textContent, b.querySelector('p').textContent]),
    summary: document.querySelector('.earlier summary') && document.querySelector('.earlier summary').textContent,
    shown: Array.from(document.querySelectorAll('.dialogue > ol.thread > .bubble')).map(b => [b.querySelector('.who').textContent,
        b.querySelector('.stamp').textContent, b.querySelector('p').textContent]),
    reply: document.querySelector('.dlg-live .reply-subj') ? document.querySelector('.dlg-live .reply-subj').textContent : null})"""


def test_an_email_dialogue_folds_what_came_before_the_last_reply(page, lms, packages):
    run, learner = _open(page, lms, packages)
    learner.next_until(TITLES[4])
    first = "Invoice 4471 charges us for 40 seats. We have 25."
    assert run.content.evaluate(THREAD) == {
        "subject": "Subject Invoice 4471 is wrong", "folded": [], "summary": None,
        "shown": [["Mei Chen", "09:30", first]], "reply": "↩ Re: Invoice 4471 is wrong"}
    learner.say("Please send a screenshot of your seat count.")
    assert run.content.evaluate(THREAD) == {
        "subject": "Subject Invoice 4471 is wrong", "folded": [["Mei Chen", "09:30", first]],
        "summary": "1 earlier message",
        "shown": [["You", "09:31", "Please send a screenshot of your seat count."],
                  ["Mei Chen", "09:32", "You can see our seat count yourself."]],
        "reply": "↩ Re: Invoice 4471 is wrong"}


def test_a_call_shows_a_caller_card_with_the_courses_picture_hidden_from_screen_readers(page, lms, packages):
    run, learner = _open(page, lms, packages)
    learner.next_until(TITLES[2])
    assert run.content.evaluate("() => [document.querySelector('.msg.phone .msg-name').textContent, "
                                "document.querySelector('.msg.phone .ch-label').textContent, "
                                "document.querySelector('.msg.phone .line').textContent]") == [
        "Sam", "Phone call", "Sam: My bill is twice what it was last month."]
    assert run.content.evaluate(FACE, ".msg.phone .avatar") == ["img", "true", "", "assets/sam.png", ""]
    assert run.content.evaluate("async () => { const img = document.querySelector('.msg.phone .avatar img'); "
                                "await img.decode(); return img.naturalWidth; }") == 8  # the packaged picture


@pytest.mark.parametrize("width", [320, 1280])
def test_every_channel_is_axe_clean_and_fits_the_screen(browser, lms, packages, width):
    page = new_page(browser, width)
    try:
        run, learner = _open(page, lms, packages)
        found = {}
        for title in TITLES:
            learner.next_until(title)
            if title == TITLES[4]:  # a reply, so that the thread has a folded part
                learner.say("Please send a screenshot of your seat count.")
            run.content.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
            violations = run_axe(run.content, lms)
            found[title] = [format_violations(violations), run.content.evaluate(OVERFLOW)]
        assert found == {title: ["", []] for title in TITLES}
    finally:
        page.context.close()
