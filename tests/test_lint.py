"""scorm-builder lint: each rule's exact warning, the clean case, --strict, and bad input."""
from __future__ import annotations

from pathlib import Path

import pytest

from scorm_builder.cli import main
from scorm_builder.tools.lint import contains_phrase, echoes, normalise, starts_with_phrase

FIXTURES = "tests/fixtures/lint"
SCRIPTED_FIX = "say what this customer told you in your own words, or mark the option 'acceptable' or 'poor'"
SCRIPTED_WHY = "which sounds scripted and can invalidate the customer's feelings"
SYMPATHY_FIX = "start with what you will do now, or mark the option 'acceptable'"
ECHO_FIX = "explain the effect on the customer instead of restating the words"
NO_CHOICE_FEEDBACK = ("warning: [feedback-missing-or-echo] the choice has no feedback (expected 'feedback:' saying "
                      "why it helps or hurts) — add 'feedback:'; learners see it in the debrief")
NO_WRONG_FEEDBACK = "add 'incorrect:' under the question's 'feedback:' explaining the right answer"


@pytest.fixture(autouse=True)
def _at_repo_root(repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages show paths relative to the working folder."""
    monkeypatch.chdir(repo_root)


def lint(runner, *args: str):
    return runner.invoke(main, ["lint", *args])


def test_clean_course_has_no_warnings(runner):
    """Near misses of every rule: a scripted phrase in a poor option, a when-not-to best option
    that acts first, feedback on every choice, wrong-answer feedback on every question."""
    result = lint(runner, f"{FIXTURES}/clean")
    assert result.stdout == "ok lint-clean\n"
    assert result.exit_code == 0


def test_scripted_phrase(runner):
    """Built-in phrase matched through curly apostrophe, capitals and a dash; course phrase from lint:."""
    result = lint(runner, f"{FIXTURES}/scripted-phrase")
    src = f"{FIXTURES}/scripted-phrase/course.yaml"
    assert result.stdout.splitlines() == [
        f"{src}:20:19: lessons[0].pages[0].options[0].text: warning: [scripted-phrase] the best option uses "
        f"the overused phrase \"I'm sorry you feel that way\", {SCRIPTED_WHY} — {SCRIPTED_FIX}",
        f"{src}:34:19: lessons[0].pages[1].options[0].text: warning: [scripted-phrase] the best option uses "
        f"the overused phrase 'Rest assured', {SCRIPTED_WHY} — {SCRIPTED_FIX}",
        "2 warnings found.",
    ]
    assert result.exit_code == 0


def test_warning_in_an_included_piece_points_at_its_file(runner):
    result = lint(runner, f"{FIXTURES}/included")
    assert result.stdout.splitlines() == [
        f"{FIXTURES}/shared/scripted-scenario.yaml:10:11: lessons[0].pages[1].options[0].text: warning: "
        "[scripted-phrase] the best option uses the overused phrase 'I apologize for any inconvenience', "
        f"{SCRIPTED_WHY} — {SCRIPTED_FIX}",
        "1 warning found.",
    ]


def test_principle_without_scenario(runner):
    result = lint(runner, f"{FIXTURES}/principle-without-scenario")
    assert result.stdout.splitlines() == [
        f"{FIXTURES}/principle-without-scenario/course.yaml:7:9: principles[1].id: warning: "
        "[principle-without-scenario] no scenario teaches the principle 'timing' (expected at least one "
        "scenario with 'principle: timing') — add a scenario that practises it, or remove the principle",
        "1 warning found.",
    ]


def test_sympathy_lead_when_not_to(runner):
    """By the when-not-to id prefix, and by the course's when_not_to_principles and sympathy_openers;
    an email's greeting ('Hi Dana,') does not hide the opener after it."""
    result = lint(runner, f"{FIXTURES}/sympathy-lead-when-not-to")
    src = f"{FIXTURES}/sympathy-lead-when-not-to/course.yaml"
    assert result.stdout.splitlines() == [
        f"{src}:26:19: lessons[0].pages[0].options[0].text: warning: [sympathy-lead-when-not-to] the best "
        "option of a when-not-to scenario ('when-not-to-safety') starts with the sympathy phrase 'I understand' "
        f"(expected it to lead with action or facts) — {SYMPATHY_FIX}",
        f"{src}:41:19: lessons[0].pages[1].options[0].text: warning: [sympathy-lead-when-not-to] the best "
        "option of a when-not-to scenario ('repeat-contact') starts with the sympathy phrase 'Oh no' "
        f"(expected it to lead with action or facts) — {SYMPATHY_FIX}",
        f"{src}:56:19: lessons[0].pages[2].options[0].text: warning: [sympathy-lead-when-not-to] the best "
        "option of a when-not-to scenario ('repeat-contact') starts with the sympathy phrase \"I'm so sorry\" "
        f"(expected it to lead with action or facts) — {SYMPATHY_FIX}",
        "3 warnings found.",
    ]


def test_feedback_missing_or_echo(runner):
    """Echo in a scenario option, a dialogue choice, a question choice and a question's feedback;
    missing on a dialogue choice; no wrong-answer feedback on a choice question and a matching question."""
    result = lint(runner, f"{FIXTURES}/feedback-missing-or-echo")
    src = f"{FIXTURES}/feedback-missing-or-echo/course.yaml"
    rule = "warning: [feedback-missing-or-echo]"
    assert result.stdout.splitlines() == [
        f"{src}:18:23: lessons[0].pages[0].options[0].feedback: {rule} the feedback only repeats the option's "
        f"text (expected why it works or doesn't) — {ECHO_FIX}",
        f"{src}:30:17: lessons[0].pages[1].nodes[0].choices[0].feedback: {NO_CHOICE_FEEDBACK}",
        f"{src}:35:27: lessons[0].pages[1].nodes[0].choices[1].feedback: {rule} the feedback only repeats the "
        f"choice's text (expected why it works or doesn't) — {ECHO_FIX}",
        f"{src}:40:7: assessment.questions[0].feedback.incorrect: {rule} no feedback for a wrong answer "
        f"(expected 'feedback: incorrect:' or feedback on every wrong choice) — {NO_WRONG_FEEDBACK}",
        f"{src}:44:70: assessment.questions[0].choices[0].feedback: {rule} the feedback only repeats the "
        f"choice's text (expected why it works or doesn't) — {ECHO_FIX}",
        f"{src}:46:7: assessment.questions[1].feedback.incorrect: {rule} no feedback for a wrong answer "
        f"(expected 'feedback: incorrect:') — {NO_WRONG_FEEDBACK}",
        f"{src}:58:20: assessment.questions[2].feedback.incorrect: {rule} the feedback only repeats the question "
        "(expected why the answer is right or wrong) — explain the answer instead of restating the question",
        "7 warnings found.",
    ]


def test_strict_fails_on_warnings_only(runner):
    strict = lint(runner, "--strict", f"{FIXTURES}/principle-without-scenario")
    assert strict.exit_code == 1
    assert strict.stdout.splitlines()[-1] == "1 warning found (--strict: failing)."
    clean = lint(runner, "--strict", f"{FIXTURES}/clean")
    assert (clean.exit_code, clean.stdout) == (0, "ok lint-clean\n")


def test_several_courses_in_one_run(runner):
    result = lint(runner, f"{FIXTURES}/clean", f"{FIXTURES}/principle-without-scenario")
    lines = result.stdout.splitlines()
    assert lines[0] == "ok lint-clean"
    assert lines[1].startswith(f"{FIXTURES}/principle-without-scenario/course.yaml:7:9: principles[1].id: warning:")
    assert lines[2:] == ["1 warning found."]
    assert result.exit_code == 0


def test_invalid_course_is_a_validation_error(runner):
    """The lint: key is validated like any other; a course that doesn't validate exits 1."""
    result = lint(runner, f"{FIXTURES}/invalid-lint-key")
    src = f"{FIXTURES}/invalid-lint-key/course.yaml"
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{src}:5:21: lint.scripted_phrases: wrong type (expected a list of phrases, got the text 'Rest assured') "
        "— write each phrase on its own line starting with '- '",
        f"{src}:6:3: lint.sympathy_opener: unknown key 'sympathy_opener' in lint — did you mean 'sympathy_openers'?",
        "2 problems found.",
    ]


@pytest.mark.parametrize("course", ["empathy-essentials", "empathy-sales", "empathy-written-channels",
                                    "empathy-coaching"])
def test_shipped_courses_lint_clean(runner, repo_root: Path, course: str):
    """The shipped courses pass every rule, even with --strict: their durations match the estimate
    (tests/test_lint_curriculum.py) within 25 %."""
    if not (repo_root / "courses" / course / "course.yaml").is_file():
        pytest.fail(f"courses/{course}/course.yaml is missing")
    result = runner.invoke(main, ["lint", "--strict", f"courses/{course}"])
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", f"ok {course}\n"), result.output


def test_normalise_ignores_case_punctuation_and_curly_quotes():
    assert normalise("I\u2019M  Sorry\u2014you feel, that WAY!") == "im sorry you feel that way"
    assert normalise("**I apologize** for the _inconvenience_.") == "i apologize for the inconvenience"


def test_phrases_match_whole_words_only():
    assert contains_phrase("Well, I apologise... no: I apologize for the inconvenience.",
                           "I apologize for the inconvenience")
    assert not contains_phrase("We value your business's time", "We value your business")
    assert starts_with_phrase("I understand. Leave now.", "I understand")
    assert not starts_with_phrase("I understood the fault, so leave now.", "I understand")
    assert not starts_with_phrase("Leave now; I understand.", "I understand")


def test_sympathy_opener_after_a_greeting_or_lead_in():
    assert starts_with_phrase("Hi Maria, I'm sorry to hear that.", "I'm sorry")
    assert starts_with_phrase("Dear Ms Lee,\nI understand your worry.", "I understand")
    assert starts_with_phrase("Okay, Sam, I understand.", "I understand")
    assert not starts_with_phrase("Dear Joanne, thank you for letting us know. I understand.", "I understand")
    assert not starts_with_phrase("Leave the house, I understand.", "I understand")


def test_echo_needs_the_option_with_little_else():
    option = "Let me check where it is while we talk."
    assert echoes("Let me check where it is, while we talk!", option)
    assert echoes("Good: let me check where it is while we talk.", option)
    assert not echoes("Ownership from the first line: you check while the customer is still with you.", option)
    assert not echoes("Let me", option)  # a fragment of the option is not an echo of it


def test_check_needs_only_the_model(repo_root: Path):
    """lint.check reads positions from the model's Source objects; no YAML tree is kept."""
    from scorm_builder.load import load_course
    from scorm_builder.tools.lint import Settings, check

    course = load_course(repo_root / FIXTURES / "scripted-phrase")
    settings = Settings.for_course(course)
    assert settings.scripted_phrases[-1:] == ("Rest assured",)
    found = check(course)
    assert [(d.severity, d.rule, d.file, d.line, d.column, d.key) for d in found] == [
        ("warning", "scripted-phrase", f"{FIXTURES}/scripted-phrase/course.yaml", 20, 19,
         "lessons[0].pages[0].options[0].text"),
        ("warning", "scripted-phrase", f"{FIXTURES}/scripted-phrase/course.yaml", 34, 19,
         "lessons[0].pages[1].options[0].text"),
    ]
    assert check(course, Settings(scripted_phrases=())) == []


def test_a_profiles_phrases_are_linted_at_the_course_text(repo_root: Path, tmp_path: Path):
    """A company profile adds a scripted phrase; the warning points at the option in the course."""
    from scorm_builder.load import load_course
    from scorm_builder.tools.lint import check

    profile = tmp_path / "acme.yaml"
    profile.write_text("id: acme\nname: Acme\nlint:\n  scripted_phrases: [tracking the parcel]\n", encoding="utf-8")
    course = load_course(repo_root / FIXTURES / "clean", profile)
    assert course.lint.scripted_phrases[-1] == "tracking the parcel"
    assert [str(d) for d in check(course)] == [
        f"{FIXTURES}/clean/course.yaml:24:19: lessons[0].pages[0].options[0].text: warning: [scripted-phrase] the "
        f"best option uses the overused phrase 'tracking the parcel', {SCRIPTED_WHY} — {SCRIPTED_FIX}"]


@pytest.mark.parametrize("company", ["northwind-mobile", "harbor-health"])
def test_shipped_company_builds_have_no_answer_tells(runner, repo_root: Path, company: str):
    """Issue 11: the answer-tell rules run on every shipped profile (the courses it can customize)."""
    result = runner.invoke(main, ["lint", "courses/empathy-essentials", "--company", company])
    assert result.exit_code == 0, result.output
    tells = [line for line in result.output.splitlines()
             if any(f"[{rule}]" in line for rule in ("answer-length-tell", "answer-position-tell", "strawman-option",
                                                      "correct-answer-length-tell"))]
    assert tells == []
