"""A company profile's sections per course (`courses: {<course id>: ...}`) and its lint.avoid_words."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from scorm_builder.cli import main
from scorm_builder.errors import CourseInvalid
from scorm_builder.load import load_course
from scorm_builder.tools.scaffold import scaffold

IDS = "(ids: first-lesson, late-refund, q-scripted, q-timing, refund-call)"


@pytest.fixture()
def two(tmp_path, monkeypatch):
    """Two scaffolded courses side by side, courses/demo and courses/other, with the same ids."""
    monkeypatch.chdir(tmp_path)
    scaffold("demo", Path("courses"))
    scaffold("other", Path("courses"))
    (tmp_path / "courses" / "companies").mkdir()
    return Path("courses/demo"), Path("courses/other")


def profile(text: str) -> Path:
    path = Path("courses/companies/acme.yaml")
    path.write_text("id: acme\nname: Acme\n" + text, encoding="utf-8")
    return path


def problems(course: Path, prof: Path) -> list[str]:
    with pytest.raises(CourseInvalid) as info:
        load_course(course, prof)
    return [str(p) for p in info.value.problems]


def title(course, page_id: str) -> str:
    return next(p.title for p in course.pages if p.id == page_id)


def test_a_course_section_applies_to_its_course_only(two):
    demo, other = two
    prof = profile("""\
overrides:
  - {id: late-refund, set: {title: Everywhere}}
courses:
  demo:
    pass_mark: 90
    overrides:
      - {id: late-refund, set: {title: Only in demo}}
    remove: [q-timing]
""")
    in_demo, in_other = load_course(demo, prof), load_course(other, prof)
    assert title(in_demo, "late-refund") == "Only in demo"  # the section's override comes after the top level's
    assert title(in_other, "late-refund") == "Everywhere"
    assert [q.id for q in in_demo.assessment.questions] == ["q-scripted"]
    assert [q.id for q in in_other.assessment.questions] == ["q-timing", "q-scripted"]
    assert (in_demo.assessment.pass_mark, in_other.assessment.pass_mark) == (90, 80)
    # what the section wrote is at its line in the profile
    src = next(p for p in in_demo.pages if p.id == "late-refund").source.at("title")
    assert (src.file, src.line) == ("courses/companies/acme.yaml", 9)


def test_a_mistyped_course_id_is_an_error_at_its_key(two):
    demo, _ = two
    prof = profile("courses:\n  dmeo:\n    remove: [q-timing]\n")
    assert problems(demo, prof) == [
        "courses/companies/acme.yaml:4:3: courses.dmeo: there is no course with id 'dmeo' in the folder of this "
        "course (courses: demo, other) \u2014 did you mean 'demo'?"]


def test_a_mistyped_id_in_a_section_is_reported_at_its_place(two):
    demo, other = two
    prof = profile("courses:\n  demo:\n    overrides:\n      - {id: late-refnd, set: {title: X}}\n"
                   "    add_pages:\n      - {lesson: first-lesson, after: late-refnd, page: {type: text, title: T, "
                   "body: B}}\n")
    assert problems(demo, prof) == [
        f"courses/companies/acme.yaml:6:14: courses.demo.overrides[0].id: the course has no piece with id "
        f"'late-refnd' {IDS} \u2014 did you mean 'late-refund'?",
        "courses/companies/acme.yaml:8:39: courses.demo.add_pages[0].after: lesson 'first-lesson' has no page "
        "'late-refnd' (pages: late-refund, refund-call) \u2014 did you mean 'late-refund'?"]
    assert title(load_course(other, prof), "late-refund") == "The late refund"


def test_a_top_level_id_a_course_lacks_says_where_per_course_changes_go(two):
    demo, _ = two
    prof = profile("remove: [sales-only-page]\ncourses:\n  other:\n    remove: [q-timing]\n")
    assert problems(demo, prof) == [
        f"courses/companies/acme.yaml:3:10: remove[0]: the course has no piece with id 'sales-only-page' {IDS} "
        "\u2014 use one of the ids listed; top-level changes apply to every course built with this profile: put a "
        "change for one course under 'courses: <its course id>:'"]


def test_avoid_words_warn_at_each_word_with_its_replacement(two):
    demo, _ = two
    profile("lint:\n  avoid_words:\n    refund: credit note\ncourses:\n  demo:\n    lint:\n      avoid_words:\n"
            "        call: contact\n")
    result = CliRunner().invoke(main, ["lint", str(demo), "--company", "acme"])
    lines = [line for line in result.output.splitlines() if "[avoid-word]" in line]
    assert result.exit_code == 0, result.output
    assert lines[0] == (
        "courses/demo/course.yaml:36:25: lessons[0].pages[1].title: warning: [avoid-word] 'refund' is a word "
        "Acme doesn't use (lint.avoid_words at courses/companies/acme.yaml:5:13) \u2014 write 'credit note' instead, "
        "through the profile: a term, or an override of this text")
    assert "courses/demo/course.yaml:59:26: lessons[0].pages[2].title: warning: [avoid-word] 'call' is a word Acme " \
        "doesn't use (lint.avoid_words at courses/companies/acme.yaml:10:15) \u2014 write 'contact' instead, through " \
        "the profile: a term, or an override of this text" in lines
    other = CliRunner().invoke(main, ["lint", "courses/other", "--company", "acme"]).output
    assert "'refund' is a word Acme" in other and "'call' is a word" not in other  # the section's word: demo only
