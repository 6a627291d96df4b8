"""Media in the player, in both standards: a voicemail (espeak-ng's voice, made at test time) with its transcript
open under the browser's own controls, a video (ffmpeg's test pattern) whose WebVTT captions load as cues,
both named for screen readers and reached and played with the keyboard, axe-clean and without overflow at
320 px; a media page counts as seen like a text page and sends no interaction; a scenario plays its recording
above the choices; and a dialogue node shows its image with its alt text."""
from __future__ import annotations

from typing import Any

import pytest

from tests.media_fixtures import media_course

from .harness import format_violations, interactions, open_course, run_axe
from .learner import Learner
from .screens import OVERFLOW, build_served, new_page

STANDARDS = ["scorm12", "scorm2004-4"]
MEDIA = """() => Array.from(document.querySelectorAll('.page audio, .page video')).map(m => ({
    tag: m.tagName.toLowerCase(), name: m.getAttribute('aria-label'), controls: m.controls,
    source: m.querySelector('source').getAttribute('src'), type: m.querySelector('source').getAttribute('type'),
    tracks: Array.from(m.querySelectorAll('track')).map(t => [t.kind, t.srclang, t.label, t.getAttribute('src')]),
    transcript: m.parentNode.querySelector('details.transcript') ?
        [m.parentNode.querySelector('details.transcript').open,
         m.parentNode.querySelector('details.transcript summary').textContent,
         m.parentNode.querySelector('details.transcript .prose').textContent] : null}))"""
CUES = """async () => { const track = document.querySelector('.page video track');
    for (let i = 0; i < 100 && track.readyState !== 2; i++) await new Promise(r => setTimeout(r, 50));
    const cues = track.track.cues;
    return {readyState: track.readyState, mode: track.track.mode,
            cues: cues ? Array.from(cues).map(c => [c.startTime, c.endTime, c.text]) : null}; }"""


@pytest.fixture(scope="module")
def served(lms, tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("media")
    course = media_course(folder / "course")
    return {standard: build_served(lms, folder / standard, course, standard)[0] for standard in STANDARDS}


def launch(browser: Any, lms: Any, url: str, standard: str, width: int = 1280) -> tuple[Any, Any, Learner]:
    page = new_page(browser, width)
    run = open_course(page, lms, url, standard)
    learner = Learner(run.content)
    learner.start()
    learner.wait_heading("A voicemail from Dana")
    return run, run.content, learner


def tab_to(content: Any, selector: str, limit: int = 40) -> None:
    """Tab from where the focus is until the element ``selector`` has it (native controls are inside it)."""
    for _ in range(limit):
        if content.evaluate(f"() => document.activeElement === document.querySelector({selector!r})"):
            return
        content.page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize("standard", STANDARDS)
def test_voicemail_and_video_with_captions_by_keyboard(browser, lms, served, standard):
    run, content, learner = launch(browser, lms, served[standard], standard)
    assert content.evaluate(MEDIA) == [{
        "tag": "audio", "name": "A voicemail from Dana", "controls": True, "source": "assets/voicemail.mp3",
        "type": "audio/mpeg", "tracks": [],
        "transcript": [True, "Transcript", "Dana: Hi, it's Dana Reyes. My card was blocked this morning and I'm "
                                           "stuck at the shop."]}]
    assert content.locator(".page .prose").first.inner_text() == "Listen for what Dana needs before she says it."
    violations = run_axe(content, lms)
    assert violations == [], format_violations(violations)
    tab_to(content, ".page audio")  # the browser's own controls, from the keyboard
    content.page.keyboard.press("Space")
    content.wait_for_function("() => !document.querySelector('.page audio').paused")
    learner.next()
    learner.wait_heading("At the branch")
    assert content.evaluate(MEDIA) == [{
        "tag": "video", "name": "A customer at the counter", "controls": True, "source": "assets/branch.webm",
        "type": "video/webm", "tracks": [["captions", "en", "English", "assets/branch.vtt"]],
        "transcript": [False, "Transcript", "A busy shop; Dana explains her card was blocked."]}]
    assert content.evaluate(CUES) == {"readyState": 2, "mode": "showing", "cues": [
        [0, 1.5, "[a busy shop] Dana: Hi, it's Dana Reyes."], [1.5, 3, "Dana: My card was blocked and I'm stuck."]]}
    violations = run_axe(content, lms)
    assert violations == [], format_violations(violations)
    tab_to(content, ".page video")
    content.page.keyboard.press("Space")
    content.wait_for_function("() => !document.querySelector('.page video').paused")
    tab_to(content, ".page details.transcript summary")
    content.page.keyboard.press("Enter")
    assert content.locator(".page details.transcript").evaluate("d => d.open") is True
    # seen like text pages, and no interaction: nothing is scored on a media page
    state = run.player_state()
    assert (state["vw"], interactions(run.cmi(), standard)) == ("1100", [])
    content.page.context.close()


@pytest.mark.parametrize("standard", STANDARDS)
def test_scenario_recording_and_dialogue_node_image(browser, lms, served, standard):
    run, content, learner = launch(browser, lms, served[standard], standard)
    learner.next_until("Calling Dana back")
    media = content.evaluate(MEDIA)
    assert [(m["tag"], m["name"], m["source"], m["transcript"][0]) for m in media] == [
        ("audio", "Calling Dana back", "assets/voicemail.mp3", True)]
    order = content.evaluate("""() => Array.from(document.querySelector('.page').children).map(e => e.className)
        .filter(c => c === 'media media-audio' || c.startsWith('choices'))""")
    assert order == ["media media-audio", "choices"]  # the recording comes before the choices
    figure = content.locator(".page .figure img")
    assert (figure.get_attribute("src"), figure.get_attribute("alt")) == (
        "assets/card.png", "Dana's blocked card on the shop counter")  # a scenario's image, as before
    learner.answer_scenario("I can see the block; let's lift it now.")
    assert interactions(run.cmi(), standard)[0][:5] == (
        "scn_call-back", "choice", ("a",), "a", "correct")
    learner.next()
    learner.wait_heading("At the counter")
    image = content.locator(".dialogue .figure img")
    image.evaluate("img => img.decode()")
    assert (image.get_attribute("src"), image.get_attribute("alt")) == (
        "assets/card.png", "A bank card with a red 'blocked' stamp")
    violations = run_axe(content, lms)
    assert violations == [], format_violations(violations)
    learner.say("Let me look at the block with you.")
    content.locator(".ending").wait_for()
    assert content.locator(".dialogue .figure").count() == 0  # the ending node has none
    learner.next()
    learner.button("Start assessment").click()
    question = content.locator(".page .figure img")
    question.wait_for()
    assert (question.get_attribute("src"), question.get_attribute("alt")) == ("assets/card.png", "A blocked bank card")
    content.page.context.close()


def test_media_pages_fit_320_px(browser, lms, served):
    _, content, learner = launch(browser, lms, served["scorm2004-4"], "scorm2004-4", width=320)
    for title in ("At the branch", "Calling Dana back", None):
        assert content.evaluate(OVERFLOW) == []
        if title:
            learner.next()
            learner.wait_heading(title)
    content.page.context.close()
