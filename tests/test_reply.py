"""Coached replies (issue 14, section 1): one phrase list for lint and the player, the format and its
model, the player's data, the suspend_data bound, lint of the model answer, the outline, translation
units and the shipped courses' replies. The player's coaching itself: tests/js/reply-coach.test.js
(the same shared cases), the browser run: tests/browser/test_reply.py."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from repo import REPO

from scorm_builder.cli import main
from scorm_builder.course.model import ScenarioPage, Source
from scorm_builder.course.model_reply import ReplyCheck, ReplyPage
from scorm_builder.course.phrases import PHRASES_FILE, phrase_lists
from scorm_builder.load import load_course
from scorm_builder.render.player_data import player_data
from scorm_builder.render.suspend import interaction_ids, worst_case
from scorm_builder.tools import lint
from scorm_builder.tools.lint_reply import check_met

FIXTURE = REPO / "tests" / "browser" / "fixtures" / "reply"
CASES = json.loads((REPO / "tests" / "fixtures" / "reply-coach-cases.json").read_text(encoding="utf-8"))
PHRASES = json.loads(PHRASES_FILE.read_text(encoding="utf-8"))


def test_lint_reads_its_phrases_from_the_file_the_player_gets_them_from():
    assert lint.SCRIPTED_PHRASES == tuple(PHRASES["scripted_phrases"])
    assert lint.SYMPATHY_OPENERS == tuple(PHRASES["sympathy_openers"])
    assert lint.SCRIPTED_PHRASES[:2] == ("I apologize for the inconvenience", "I'm sorry you feel that way")
    assert phrase_lists("es") == (tuple(PHRASES["languages"]["es"]["scripted_phrases"]),
                                  tuple(PHRASES["languages"]["es"]["sympathy_openers"]))
    assert phrase_lists("en-GB") == phrase_lists("en")
    assert phrase_lists("pt-BR") == ((), ())  # no lists of its own: English phrases would never match its text


@pytest.mark.parametrize("kind", ["normalise", "contains", "starts", "checks"])
def test_the_shared_cases_answer_as_the_player_answers_them(kind):
    """The cases tests/js/reply-coach.test.js runs against reply-coach.js, here against lint.py."""
    for case in CASES[kind]:
        if kind == "normalise":
            assert lint.normalise(case[0]) == case[1], case
        elif kind == "contains":
            assert lint.contains_phrase(case[0], case[1]) is case[2], case
        elif kind == "starts":
            assert lint.starts_with_phrase(case[0], case[1]) is case[2], case
        else:
            check, text, want = case
            model = ReplyCheck("x", tuple(check.get("any", ())), check.get("at_least", 1), check.get("pattern", ""),
                               "", Source("f", 1, 1, ""))
            assert check_met(model, text) is want, case


def test_the_model_of_a_reply_page_and_of_a_scenarios_reply():
    course = load_course(FIXTURE)
    card, parcel, bill = course.pages
    assert isinstance(card, ReplyPage) and isinstance(parcel, ScenarioPage) and isinstance(bill, ReplyPage)
    assert (card.channel, card.prompt, card.retry, card.scored, card.customer.messages) == (
        "chat", "What do you send Dana?", True, True,
        ("My card just got declined at the supermarket!", "There's a queue behind me. Fix it NOW."))
    assert [(c.label, c.words, c.at_least, c.pattern, c.hint) for c in card.reply.checks] == [
        ("Names the card and the block", ("card", "block*", "declin*"), 2, "", ""),
        ("Says when it is fixed", (), 1, r"\b(now|right away|straight away|[0-9]+ (seconds|minutes))\b",
         "Tell her when she can pay.")]
    assert card.reply.act_first is None and card.reply.acts_first(card.principle, ()) is True
    assert parcel.reply.acts_first(parcel.principle, ()) is False
    assert parcel.reply.acts_first("acknowledge", ("acknowledge",)) is True  # lint.when_not_to_principles
    assert (bill.retry, bill.reply.checks) == (False, ())


def test_the_players_data_suspend_bound_and_interaction_ids():
    data = player_data(load_course(FIXTURE), "scorm12")
    card = data["lessons"][0]["pages"][0]
    assert card["kind"] == "reply" and "options" not in card and card["interaction_id"] == "rpl_blocked-card"
    assert card["reply"] == {
        "model": "I've lifted the fraud block on your card just now, so you can pay straight away. When you're done, "
                 "I'll tell you what triggered it.",
        "checks": [{"label": "Names the card and the block", "any": ["card", "block*", "declin*"], "at_least": 2},
                   {"label": "Says when it is fixed",
                    "pattern": r"\b(now|right away|straight away|[0-9]+ (seconds|minutes))\b",
                    "hint": "Tell her when she can pay."}],
        "act_first": True, "interaction_id": "rpl_blocked-card", "h": card["reply"]["h"]}
    assert data["coach"] == {"scripted": list(lint.SCRIPTED_PHRASES), "sympathy": list(lint.SYMPATHY_OPENERS)}
    estimate = worst_case(data)
    saved = json.loads(estimate.text)
    assert saved["rp"] == {"blocked-card": [999, "111", 4, card["reply"]["h"]],
                           "late-parcel": [999, "1", 4, data["lessons"][0]["pages"][1]["reply"]["h"]],
                           "billing-call": [1, "", 4, data["lessons"][0]["pages"][2]["reply"]["h"]]}
    assert estimate.parts["replies"] == len(json.dumps({"rp": saved["rp"]}, separators=(",", ":"))) - 2
    assert [i for _, i in interaction_ids(data) if i.startswith("rpl_")] == [
        "rpl_blocked-card_a999", "rpl_blocked-card_rating_a999", "rpl_late-parcel_a999",
        "rpl_late-parcel_rating_a999", "rpl_billing-call", "rpl_billing-call_rating"]


def test_a_course_without_replies_has_no_coach_data():
    data = player_data(load_course(REPO / "courses" / "empathy-coaching"), "scorm12")
    assert "coach" not in data and "rp" not in worst_case(data).text


def _write(tmp_path: Path, reply: str, principle: str = "when-not-to") -> Path:
    (tmp_path / "course.yaml").write_text(f"""\
id: lint-reply
title: Lint reply
principles:
  - {{id: {principle}, title: P}}
lessons:
  - id: l
    title: L
    pages:
      - type: reply
        id: card
        title: A card
        channel: chat
        principle: {principle}
        customer:
          says: My card was declined!
        prompt: What do you send?
        reply:
{reply}""", encoding="utf-8")
    return tmp_path


def test_lint_holds_the_model_answer_to_the_coaching(tmp_path, runner, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, """\
          model: "I'm so sorry. I apologize for the inconvenience."
          checks:
            - {label: Names the card, any: [card]}
""")
    result = runner.invoke(main, ["lint", "."])
    assert result.stdout.splitlines() == [
        "course.yaml:18:18: lessons[0].pages[0].reply.model: warning: [reply-model-misses-check] the model answer "
        "does not meet its own check 'Names the card', which the learner is asked to meet — rewrite the model "
        "answer so it does, or change the check's words or pattern",
        "course.yaml:18:18: lessons[0].pages[0].reply.model: warning: [sympathy-lead-when-not-to] the model answer "
        "of an act-first reply starts with the sympathy phrase \"I'm so sorry\" (expected it to lead with action "
        "or facts) — start the model answer with what you will do now, or set 'act_first: false'",
        "course.yaml:18:18: lessons[0].pages[0].reply.model: warning: [scripted-phrase] the model answer uses the "
        "overused phrase 'I apologize for the inconvenience', which the coaching flags in the learner's own reply "
        "— rewrite the model answer in your own words",
        "3 warnings found."]


def test_act_first_false_lets_a_when_not_to_model_open_with_sympathy(tmp_path, runner, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, """\
          model: "I'm so sorry: your card works again now."
          act_first: false
""")
    assert runner.invoke(main, ["lint", "."]).stdout == "ok lint-reply\n"


def test_the_outline_shows_the_checklist_and_the_model_answer(runner):
    result = runner.invoke(main, ["outline", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert ("**The learner writes their own reply** (reported as `rpl_blocked-card` and "
            "`rpl_blocked-card_rating`), coached against the course's scripted phrases; act first: no sympathy "
            "opener.\n\n- [ ] Names the card and the block: 2 of: card, block\\*, declin\\*\n") in result.stdout
    assert "> Let me go through the bill with you line by line, so we find the change together." in result.stdout


def test_translation_units_of_a_reply():
    from scorm_builder.source.loader import load_text
    from scorm_builder.translate.units import page_units
    tree = load_text((FIXTURE / "course.yaml").read_bytes(), "course.yaml")
    page = tree["lessons"][0]["pages"][0]
    units = [(u.id, u.text) for u in page_units(page, "blocked-card") if ".reply." in u.id]
    assert units == [
        ("blocked-card.reply.model", page["reply"]["model"]),
        ("blocked-card.reply.checks.a.label", "Names the card and the block"),
        ("blocked-card.reply.checks.a.any.1", "card"), ("blocked-card.reply.checks.a.any.2", "block*"),
        ("blocked-card.reply.checks.a.any.3", "declin*"),
        ("blocked-card.reply.checks.b.label", "Says when it is fixed"),
        ("blocked-card.reply.checks.b.hint", "Tell her when she can pay."),
        ("blocked-card.reply.checks.b.pattern", r"\b(now|right away|straight away|[0-9]+ (seconds|minutes))\b")]


@pytest.mark.parametrize("name", ["empathy-essentials", "empathy-sales", "empathy-written-channels"])
def test_every_audience_course_coaches_a_reply(name):
    course = load_course(REPO / "courses" / name)
    replies = [p for p in course.pages if getattr(p, "reply", None)]
    assert replies, name
    for page in replies:
        assert all(check_met(c, page.reply.model) for c in page.reply.checks), page.id


def test_the_when_not_to_reply_acts_first_and_its_model_has_no_empathy_phrase():
    course = load_course(REPO / "courses" / "empathy-essentials")
    page = next(p for p in course.pages if p.id == "wn-gas-smell")
    assert page.reply.acts_first(page.principle, course.lint.when_not_to_principles)
    scripted, sympathy = phrase_lists("en")
    assert not any(lint.contains_phrase(page.reply.model, p) for p in (*scripted, *sympathy))
