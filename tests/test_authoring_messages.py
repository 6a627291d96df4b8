"""Authoring issue, sections 5 and 7: ids a profile can target, and messages that pointed the wrong way
(unquoted placeholders, placeholders at their own line, node: on a scenario, keys of another kind, a
profile's draw, a folder without course.yaml)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from scorm_builder.cli import main
from scorm_builder.errors import CourseInvalid
from scorm_builder.load import load_course
from scorm_builder.tools.scaffold import scaffold

NAMES = ("assessment.attempts, assessment.pass_mark, assessment.pool, assessment.questions, company.name, "
         "course.duration_minutes, course.title, terms.agent")
IDS = "(ids: first-lesson, late-refund, q-scripted, q-timing, refund-call)"


@pytest.fixture()
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """courses/demo as `new` writes it (its first page, 'Why it matters' on line 24, has no id), working
    folder tmp_path."""
    monkeypatch.chdir(tmp_path)
    scaffold("demo", Path("courses"))
    Path("courses/companies").mkdir()
    return Path("courses/demo")


def edit(course: Path, old: str, new: str) -> None:
    file = course / "course.yaml"
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def validate(*args: str) -> list[str]:
    return CliRunner().invoke(main, ["validate", *args]).output.splitlines()


def with_profile(body: str) -> list[str]:
    Path("courses/companies/acme.yaml").write_text("id: acme\nname: Acme\n" + body, encoding="utf-8")
    return validate("courses/demo", "--company", "acme")


# -- 5. ids a profile can target ---------------------------------------------------------------------

def test_a_page_without_an_id_is_named_with_the_id_to_add_and_where(demo: Path) -> None:
    assert "(text `first-lesson-1`)" in CliRunner().invoke(main, ["outline", "courses/demo"]).output
    fix = "add 'id: first-lesson-1' to that page in the course, at courses/demo/course.yaml:24, then target it here"
    assert with_profile("overrides:\n  - {id: first-lesson-1, set: {title: Why it counts}}\n") == [
        "courses/companies/acme.yaml:4:10: overrides[0].id: 'first-lesson-1' is the automatic id of a page without "
        "an id of its own (the text page 'Why it matters' in lesson 'first-lesson'), which changes when pages move, "
        f"so a profile can't target it \u2014 {fix}",
        "1 problem found."]
    assert with_profile("remove: [why-it-matters]\n") == [
        "courses/companies/acme.yaml:3:10: remove[0]: the course has no piece with id 'why-it-matters': the page "
        "titled 'Why it matters' in lesson 'first-lesson' has no id of its own \u2014 add 'id: why-it-matters' to "
        "that page in the course, at courses/demo/course.yaml:24, then target it here",
        "1 problem found."]
    edit(demo, "      - type: text\n        title: Why it matters", "      - type: text\n        id: why-it-matters\n"
         "        title: Why it matters")
    assert with_profile("overrides:\n  - {id: why-it-matters, set: {title: Why it counts}}\n") == ["ok demo"]
    titles = [p.title for p in load_course(demo, Path("courses/companies/acme.yaml")).pages]
    assert titles[0] == "Why it counts"


def test_did_you_mean_never_offers_the_lesson_for_a_page_of_it(demo: Path) -> None:
    assert with_profile("overrides:\n  - {id: first-lesson-7, set: {title: X}}\n") == [
        f"courses/companies/acme.yaml:4:10: overrides[0].id: the course has no piece with id 'first-lesson-7' {IDS} "
        "\u2014 use one of the ids listed",
        "1 problem found."]
    assert with_profile("overrides:\n  - {id: late-refnd, set: {title: X}}\n") == [
        f"courses/companies/acme.yaml:4:10: overrides[0].id: the course has no piece with id 'late-refnd' {IDS} "
        "\u2014 did you mean 'late-refund'?",
        "1 problem found."]


def test_add_pages_after_a_page_without_an_id(demo: Path) -> None:
    page = "page: {type: text, title: Our promise, body: We call back.}"
    assert with_profile(f"add_pages:\n  - {{lesson: first-lesson, after: first-lesson-1, {page}}}\n")[0] == (
        "courses/companies/acme.yaml:4:35: add_pages[0].after: 'first-lesson-1' is the automatic id of a page "
        "without an id of its own (the text page 'Why it matters' in lesson 'first-lesson'), which changes when "
        "pages move, so a profile can't target it \u2014 add 'id: first-lesson-1' to that page in the course, at "
        "courses/demo/course.yaml:24, then target it here")
    assert with_profile(f"add_pages:\n  - {{lesson: first-lesson, after: late-refnd, {page}}}\n")[0] == (
        "courses/companies/acme.yaml:4:35: add_pages[0].after: lesson 'first-lesson' has no page 'late-refnd' "
        "(pages: late-refund, refund-call) \u2014 did you mean 'late-refund'?")


# -- 7. messages that pointed the wrong way ----------------------------------------------------------

def test_an_unquoted_placeholder_text_says_put_it_in_quotes(demo: Path) -> None:
    edit(demo, "text: Acknowledge the feeling before you fix the problem.", "text: {{ terms.agent }}")
    assert validate("courses/demo") == [
        "courses/demo/course.yaml:31:17: lessons[0].pages[0].callout.text: a text that starts with '{{' must be in "
        "quotes (YAML reads {{ terms.agent }} as a mapping) \u2014 put the text in quotes: \"{{ terms.agent }}\"",
        "1 problem found."]
    edit(demo, "text: {{ terms.agent }}", "text: {{ terms.agent }} first  # words after the braces")
    assert validate("courses/demo") == [
        "courses/demo/course.yaml:31:35: YAML syntax error: expected <block end>, but found '<scalar>' (while "
        "parsing a block mapping at line 30) \u2014 a text that starts with '{{' must be in quotes: put the whole "
        "text in quotes",
        "1 problem found."]
    edit(demo, "text: {{ terms.agent }} first  # words after the braces", "text: \"{{ terms.agent }} first\"")
    edit(demo, "id: demo", "id: demo\nterms: {agent: agent}")
    assert validate("courses/demo") == ["ok demo"]


def test_a_mapping_written_as_a_key_keeps_its_own_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("c.yaml").write_text("id: c\ntitle: C\nlessons:\n  - {{a: 1}: 2}\n", encoding="utf-8")
    assert validate("c.yaml")[0] == ("c.yaml:4:6: lessons[0]: a key must be plain text (expected a word, got a "
                                     "list or mapping) \u2014 write the key as a plain word followed by ':'")


def test_each_placeholder_problem_is_at_the_placeholder_in_order(demo: Path) -> None:
    edit(demo, "          Write paragraphs, lists and emphasis in Markdown.\n",
         "          Write paragraphs, lists and emphasis in Markdown.\n"
         "          Ask {{ company.nmae }}, then {{ terms.agnet }}; again {{ terms.agnet }}.\n")
    edit(demo, "id: demo", "id: demo\nterms: {agent: agent}")
    assert validate("courses/demo") == [
        f"courses/demo/course.yaml:{line}:{column}: lessons[0].pages[0].body: unknown placeholder '{name}' "
        f"(expected one of: {NAMES}) \u2014 did you mean '{close}'?"
        for line, column, name, close in [(30, 15, "company.nmae", "company.name"),
                                          (30, 40, "terms.agnet", "terms.agent"),
                                          (30, 65, "terms.agnet", "terms.agent")]] + ["3 problems found."]


def test_node_on_an_override_of_a_scenario_says_only_dialogues_have_nodes(demo: Path) -> None:
    assert with_profile("overrides:\n  - {id: late-refund, node: opening, set: {prompt: X}}\n") == [
        "courses/companies/acme.yaml:4:29: overrides[0].node: 'late-refund' is the scenario page 'The late refund', "
        "not a dialogue: only a dialogue has nodes \u2014 remove 'node:' and set the fields of 'late-refund' itself, "
        "or name a dialogue's id",
        "1 problem found."]
    assert with_profile("overrides:\n  - {id: refund-call, node: openng, set: {customer: X}}\n") == [
        "courses/companies/acme.yaml:4:29: overrides[0].node: 'refund-call' has no node 'openng' (nodes: opening, "
        "policy, checked, lost) \u2014 did you mean 'opening'?",
        "1 problem found."]


def test_a_key_of_another_kind_is_not_called_an_indentation_mistake(demo: Path) -> None:
    edit(demo, "        principle: timing\n", "        principle: timing\n        stats: [{figure: 59%}]\n")
    assert validate("courses/demo") == [
        "courses/demo/course.yaml:45:9: lessons[0].pages[1].stats: unknown key 'stats' in scenario \u2014 'stats' is "
        "a key of a text page, not of a scenario; allowed keys here: id, title, channel, customer, prompt, image, "
        "media, principle, options, retry, shuffle, scored, weight, reply",
        "1 problem found."]
    edit(demo, "        stats: [{figure: 59%}]\n", "")
    assert with_profile("assessment: {draw: 1}\n") == [
        "courses/companies/acme.yaml:3:1: assessment: unknown key 'assessment' in company profile \u2014 a profile "
        "sets the assessment's pass_mark, attempts and draw at its top level, e.g. 'pass_mark: 85'; its questions "
        "with add_questions, remove and overrides",
        "1 problem found."]


def test_a_profile_sets_the_draw_and_the_pool_message_says_so(demo: Path) -> None:
    edit(demo, "  pass_mark: 80", "  draw: 2\n  pass_mark: 80")
    assert with_profile("remove: [q-timing]\n") == [
        "courses/demo/course.yaml:102:9: assessment.draw: the pool is smaller than the draw (expected at most 1, "
        "the number of questions, got 2) \u2014 add 1 question under 'add_questions:' in "
        "courses/companies/acme.yaml, or remove fewer, or set 'draw: 1' there",
        "1 problem found."]
    assert with_profile("remove: [q-timing]\ndraw: 1\n") == ["ok demo"]
    edit(demo, "  intro: You need", "  intro: '{{ assessment.questions }} questions.' # You need")
    course = load_course(demo, Path("courses/companies/acme.yaml"))
    assert (course.assessment.draw, course.assessment.intro) == (1, "1 questions.")


def test_a_folder_without_course_yaml_gets_no_made_up_position(demo: Path) -> None:
    result = CliRunner().invoke(main, ["build", "courses"])
    assert (result.exit_code, result.output) == (1, "courses: this folder has no course.yaml \u2014 give a course "
                                                    "folder instead; the folders in it that hold one: courses/demo\n"
                                                    "1 problem found.\n")
    assert validate("courses/companies") == [
        "courses/companies: this folder has no course.yaml \u2014 give the folder of a course, or create one with "
        "`scorm-builder new ID`", "1 problem found."]
    with pytest.raises(CourseInvalid) as info:
        load_course(Path("courses/nothing-here"))
    assert [str(p) for p in info.value.problems] == [
        "courses/nothing-here: no such file or folder \u2014 check the path, or create a course with "
        "`scorm-builder new ID`"]
