"""A conversation that feels like one: the dialogue's header (the customer's face, name, channel
and mood) stays in sight however far the page scrolls, the mood changes visibly and is announced,
and the ending shows each score as a meter and the better line of each decision."""
from __future__ import annotations

import pytest

from .harness import open_course, run_axe
from .learner import Learner
from .screens import new_page
from .test_tracking import DLG_BEST

STANDARD = "scorm2004-4"
ROUTER = "Have you tried restarting your router?"
AGAIN = "Please restart it once more while I wait."
SORRY = "Sorry, that was the wrong first question. I am checking the line from here."

# the dialogue's header, scrolled to the page's end: its parts, its mood, and whether it is in sight
HEAD = """async () => {
    scrollTo(0, document.documentElement.scrollHeight);
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    const head = document.querySelector('.dlg-head'), r = head.getBoundingClientRect(), mood = head.querySelector('.mood');
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const shift = mood.querySelector('.mood-shift');
    const face = head.querySelector('.avatar');
    return {avatar: [face.querySelector('svg') ? 'svg' : face.textContent, face.className, face.getAttribute('aria-hidden'),
                     face.querySelector('path[fill=none]:last-of-type').getAttribute('d')],
            name: head.querySelector('.dlg-name').textContent, channel: head.querySelector('.ch-label').textContent,
            mood: [mood.className, mood.textContent, getComputedStyle(mood).color],
            shift: shift ? [shift.textContent, shift.getAttribute('aria-hidden')] : null,
            scrolled: scrollY > head.parentElement.offsetTop, inSight: r.top >= 0 && r.bottom <= innerHeight && !!hit && head.contains(hit)};
}"""
SAID = "document.querySelector('p.sr[role=status]').textContent"


@pytest.mark.parametrize("width", [320, 1280])
def test_the_conversation_header_stays_in_sight_and_its_mood_changes_visibly_and_is_announced(browser, lms, packages,
                                                                                            every_kind_dir, width):
    url, _ = packages.get(every_kind_dir, STANDARD)
    page = new_page(browser, width, 500)  # short, so that the conversation scrolls
    run = open_course(page, lms, url, STANDARD)
    learner = Learner(run.content)
    learner.start()
    learner.next()
    learner.next()
    angry, upset = "rgb(161, 29, 43)", "rgb(154, 52, 18)"
    # Lee's face (chat.js faceFor), hidden from screen readers beside the name, its mouth after the mood
    angry_mouth, upset_mouth = "M16 28q4-3.5 8 0", "M16.5 27.5q3.5-2.5 7 0"
    head = {"avatar": ["svg", "avatar mood-angry", "true", angry_mouth], "name": "Lee", "channel": "Phone call",
            "mood": ["mood mood-angry", "Mood: Angry", angry], "shift": None, "scrolled": True, "inSight": True}
    assert run.content.evaluate(HEAD) == head
    learner.say(ROUTER)
    assert run.content.evaluate(HEAD) == {**head, "avatar": ["svg", "avatar mood-upset", "true", upset_mouth],
                                          "mood": ["mood mood-upset shifted", "Mood: Upset▲", upset], "shift": ["▲", "true"]}
    run.content.wait_for_function(f"() => {SAID} === 'Lee is calmer: Upset.'")
    learner.say(AGAIN)
    assert run.content.evaluate(HEAD) == {**head, "mood": ["mood mood-angry shifted", "Mood: Angry▼", angry],
                                          "shift": ["▼", "true"]}
    run.content.wait_for_function(f"() => {SAID} === 'Lee is more upset: Angry.'")
    page.context.close()


ENDING = """() => ({
    meters: Array.from(document.querySelectorAll('.meters li')).map(li => [li.querySelector('.m-label').textContent,
        li.querySelector('meter').getAttribute('value'), li.querySelector('meter').getAttribute('min'),
        li.querySelector('meter').getAttribute('max'), li.querySelector('.m-words').textContent]),
    decisions: Array.from(document.querySelectorAll('.decisions li')).map(li => [li.querySelector('.dec-choice').textContent,
        li.querySelector('.better') ? li.querySelector('.better').textContent : null]),
    focus: document.activeElement.textContent})"""


def test_the_ending_shows_each_score_as_a_meter_and_the_better_line_of_each_decision(page, lms, packages, every_kind_dir):
    url, _ = packages.get(every_kind_dir, STANDARD)
    run = open_course(page, lms, url, STANDARD)
    learner = Learner(run.content)
    learner.start()
    learner.next()
    learner.next()
    learner.say(ROUTER, AGAIN)
    assert run.content.evaluate(ENDING) == {
        "meters": [["Rapport", "-3", "-3", "2", "-3 (from -3 to 2)"], ["Resolution", "0", "0", "1", "0 (from 0 to 1)"]],
        "decisions": [[ROUTER, "A better line here: " + DLG_BEST], [AGAIN, "A better line here: " + SORRY]],
        "focus": "Lee hangs up"}
    assert run_axe(run.content, lms) == []
    learner.click("Replay")
    learner.say(DLG_BEST)
    assert run.content.evaluate(ENDING)["decisions"] == [[DLG_BEST, None]]  # the best line: nothing better to show


TIMER = "() => { const t = document.querySelector('.dlg-head .call-timer'); return t ? [t.textContent, t.getAttribute('aria-hidden')] : null; }"


def test_a_call_shows_its_running_time_until_it_ends(page, lms, packages, every_kind_dir):
    url, _ = packages.get(every_kind_dir, STANDARD)
    run = open_course(page, lms, url, STANDARD)
    learner = Learner(run.content)
    learner.start()
    learner.next()
    assert run.content.evaluate(TIMER) is None  # an email: no call, no timer
    learner.next()
    assert run.content.evaluate(TIMER) == ["0:00", "true"]  # not read out every second
    run.content.wait_for_function("() => document.querySelector('.call-timer').textContent === '0:01'", timeout=2500)
    learner.say(ROUTER)  # the header is drawn again: the time runs on from the call's start
    assert run.content.evaluate(TIMER) == ["0:01", "true"]
    learner.say(SORRY)
    assert run.content.evaluate(TIMER) is None  # the call ended
    learner.click("Replay")
    assert run.content.evaluate(TIMER) == ["0:00", "true"]  # a new call
