"""Practice that counts, the way back and the confidence check (issue 14, sections 4 and 5): the model, the
player's data, the package's modules, the suspend bound, cmi5's moveOn, outline (--paths) and lint."""
from __future__ import annotations

from pathlib import Path

from repo import REPO

from scorm_builder.course.practice import Route, cmi5_move_on, requirements
from scorm_builder.errors import render_line
from scorm_builder.load import load_course
from scorm_builder.render.player_data import player_data
from scorm_builder.render.player_js import package_features
from scorm_builder.render.suspend import interaction_ids, worst_case
from scorm_builder.tools.lint import check
from scorm_builder.tools.outline import paths_text, render_outline
from scorm_builder.tools.outline_practice import completion_text, score_text

PRACTICE = REPO / "tests" / "browser" / "fixtures" / "practice"
EVERY_KIND = REPO / "tests" / "browser" / "fixtures" / "every-kind"


def keys_in(value) -> set[str]:
    """Every key of every mapping in ``value``, at any depth."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_in(v)}
    return {k for v in value for k in keys_in(v)} if isinstance(value, list) else set()


def pages_of(data: dict) -> dict:
    return {p["id"]: p for lesson in data["lessons"] for p in lesson["pages"]}


def test_the_model_holds_weights_reviews_routes_remediation_and_the_rule() -> None:
    course = load_course(PRACTICE)
    practice = course.practice
    assert course.completion == "lessons+practice+assessment"
    assert requirements(course.completion) == ("lessons", "practice", "assessment")
    assert dict(practice.weights) == {"blocked-card": 2, "fraud-call": 1}
    assert dict(practice.reviews) == {("blocked-card", "c"): "why-feelings", ("fraud-call", "poor"): "why-feelings"}
    assert practice.remediation == frozenset({"why-feelings"})
    routes = (Route((("rapport", ">=", 2),), "calm"), Route((), "tense"))
    assert dict(practice.routes) == {("fraud-call", "open", "a"): routes, ("fraud-call", "open", "b"): routes}
    # a routed choice's next is its last route, the one taken otherwise
    assert [c.next for c in course.lessons[0].pages[3].nodes[0].choices] == ["tense", "tense"]
    confidence = course.lessons[0].pages[0]
    assert (confidence.kind, confidence.moment, confidence.principles) == ("confidence", "before",
                                                                           ("acknowledge", "next-step"))
    assert load_course(EVERY_KIND).practice is None


def test_the_player_data_has_the_practice_keys_only_where_the_course_uses_them() -> None:
    data = player_data(load_course(PRACTICE), "scorm12")
    pages = pages_of(data)
    assert data["course"]["practice"] == {"assessment_weight": 2}
    assert pages["blocked-card"]["weight"] == 2
    assert [o.get("review") for o in pages["blocked-card"]["options"]] == [None, None, "why-feelings"]
    assert pages["why-feelings"]["remediation"] is True
    call = pages["fraud-call"]
    assert call["weight"] == 1
    assert call["nodes"]["open"]["choices"][0]["routes"] == [{"when": [["rapport", ">=", 2]], "next": "calm"},
                                                             {"when": [], "next": "tense"}]
    assert call["nodes"]["poor"]["ending"]["review"] == "why-feelings"
    assert call["scores"] == [{"id": "rapport", "label": "Rapport", "min": -1, "max": 2}]
    assert pages["conf-end"] == {
        "kind": "confidence", "id": "conf-end", "title": "How confident are you now?", "moment": "after",
        "intro_html": "", "h": "9f8fc",
        "principles": [{"id": "acknowledge", "title": "Acknowledge the feeling first",
                        "interaction_id": "conf_after_acknowledge"},
                       {"id": "next-step", "title": "Offer a concrete next step", "interaction_id": "conf_after_next-step"}]}
    # a course without practice: none of the keys, none of the modules
    plain = player_data(load_course(EVERY_KIND), "scorm12")
    assert keys_in(plain) & {"routes", "remediation", "practice"} == set()
    assert not any("weight" in p or any("review" in o for o in p.get("options") or ())
                   or any((n["ending"] or {}).get("review") for n in p.get("nodes", {}).values())
                   for p in pages_of(plain).values())
    assert {"practice", "confidence"} & package_features(load_course(EVERY_KIND), "scorm12") == set()
    assert {"practice", "confidence"} <= package_features(load_course(PRACTICE), "scorm12")


def test_the_suspend_bound_counts_the_practice_records_and_the_likert_ids() -> None:
    data = player_data(load_course(PRACTICE), "scorm12")
    estimate = worst_case(data)
    assert estimate.length == 436
    assert estimate.parts["practice"] == 115
    assert ('"pr":"blocked-card:2 fraud-call:2","rv":"why-feelings","cf":{"conf-start":["55","9f8fc"],'
            '"conf-end":["55","9f8fc"]}') in estimate.text
    ids = [i for kind, i in interaction_ids(data) if i.startswith("conf_")]
    assert ids == ["conf_before_acknowledge", "conf_before_next-step", "conf_after_acknowledge", "conf_after_next-step"]
    assert "practice" not in worst_case(player_data(load_course(EVERY_KIND), "scorm12")).parts


def test_cmi5_move_on_follows_the_rule() -> None:
    assert [cmi5_move_on(c) for c in ("lessons", "assessment", "both", "lessons+practice", "practice+assessment",
                                      "assessment")] == ["Completed", "Passed", "CompletedAndPassed", "Completed",
                                                         "CompletedAndPassed", "Passed"]


def test_outline_paths_follow_the_routes_and_say_which_was_taken() -> None:
    text = paths_text(load_course(PRACTICE))
    assert text.split("\n", 2)[2] == """\
== Dialogue fraud-call: The fraud call (3 paths)

Path 1: ending calm (good): Ben is reassured
  1. open a: That must have been a shock. It was blocked to stop a suspicious payment. -> calm (rapport >= 2)
  Scores: rapport 2
  Debrief:
    You acknowledged the shock first.

Path 2: ending mixed (mixed): Ben calms down, slowly
  1. open b: It is policy. -> tense (otherwise)
  2. tense a: You are right. I will unblock it now and send you a new card.
  Scores: rapport -1
  Debrief:
    The fix helped, the start did not.

Path 3: ending poor (poor): Ben hangs up
  1. open b: It is policy. -> tense (otherwise)
  2. tense b: Policy is policy.
  Scores: rapport -1
  Debrief:
    Policy is never a reason a customer accepts.
"""


def test_the_outline_says_what_counts_what_is_for_review_and_how_to_read_confidence() -> None:
    course = load_course(PRACTICE)
    assert completion_text(course) == ("every lesson viewed, every scenario answered and every dialogue ended and "
                                       "the assessment passed (remediation pages are not needed)")
    assert score_text(course) == (
        "weighted mean of the assessment's best attempt × 2, blocked-card × 2, fraud-call × 1, over 5: a scenario's "
        "first answer counts best 100 %, acceptable 50 %, poor 0 %; a dialogue's first ending good 100 %, mixed "
        "50 %, poor 0 %")
    md = render_outline(course, "markdown")
    for line in ("- **Scored:** yes · **Retry allowed:** yes · **Counts toward the score:** weight 2 (first answer)",
                 "    - Review: links to `why-feelings` (for review)",
                 "**For review:** shown only to learners a `review:` link sends here; not needed to complete.",
                 "**Review:** links to `why-feelings` (for review)",
                 "- **a.** That must have been a shock. It was blocked to stop a suspicious payment. → rapport >= 2 → "
                 "calm; otherwise → tense (rapport +2) · best by score",
                 "- Acknowledge the feeling first (`conf_before_acknowledge`)",
                 "    n1 -->|a, b| n3"):
        assert line in md.splitlines(), line
    assert completion_text(load_course(EVERY_KIND)) == "every lesson viewed and the assessment passed"


def test_lint_warns_of_a_review_on_a_best_option_and_an_unpaired_confidence_check(tmp_path: Path) -> None:
    text = (PRACTICE / "course.yaml").read_text(encoding="utf-8")
    text = text.replace("            feedback: You named the feeling and the fix.\n",
                        "            feedback: You named the feeling and the fix.\n            review: why-feelings\n")
    text = text.replace("        principles: [acknowledge, next-step]\n\nassessment:", "        principles: [acknowledge]\n"
                        "\nassessment:")
    (tmp_path / "course.yaml").write_text(text, encoding="utf-8")
    rules = {d.rule: render_line(d) for d in check(load_course(tmp_path)) if d.rule in (
        "review-on-best", "confidence-unpaired", "confidence-principles-differ")}
    assert rules == {
        "review-on-best": f"{tmp_path / 'course.yaml'}:42:21: lessons[0].pages[1].options[0].review: warning: "
                          "[review-on-best] a best option names a review page, which the learners who choose it don't "
                          "need — move 'review:' to the poor option it helps with",
        "confidence-principles-differ": f"{tmp_path / 'course.yaml'}:102:21: lessons[1].pages[0].principles: warning: "
                                        "[confidence-principles-differ] the 'after' confidence page rates other "
                                        "principles than the 'before' page, so the change shows only for those on "
                                        "both — rate the same principles in the same order: [acknowledge, next-step]"}
