"""Authoring issue, section 1: text names the settings, a profile's settings show in it, and lint warns when
text states a number that contradicts a setting (text-contradicts-setting)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from scorm_builder.cli import main
from scorm_builder.errors import CourseInvalid
from scorm_builder.load import load_course

REPO = Path(__file__).resolve().parent.parent
FIX = "write {} instead of the number, so the text always says what the setting is"

COURSE = """\
id: settings
title: "{{ company.name }} basics"
duration_minutes: 30
company_name: Acme
lessons:
  - id: intro
    title: Intro
    pages:
      - type: text
        title: Welcome to {{ course.title }}
        body: |
          About {{ course.duration_minutes }} minutes. {{ assessment.questions }} of
          {{ assessment.pool }} questions; {{ assessment.pass_mark }}% to pass;
          {{ assessment.attempts }} attempts.
assessment:
  pass_mark: 75
  attempts: 2
  draw: 2
  questions:
    - {id: q1, type: true-false, text: One, answer: true}
    - {id: q2, type: true-false, text: Two, answer: true}
    - {id: q3, type: true-false, text: Three, answer: false}
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "courses" / "settings").mkdir(parents=True)
    (tmp_path / "courses" / "companies").mkdir()
    return tmp_path / "courses" / "settings"


def write(folder: Path, text: str) -> Path:
    (folder / "course.yaml").write_text(text, encoding="utf-8")
    return folder


def profile(text: str) -> Path:
    path = Path("courses/companies/acme.yaml")
    path.write_text(text, encoding="utf-8")
    return path


def test_text_names_the_settings(folder: Path) -> None:
    page = load_course(write(folder, COURSE)).pages[0]
    assert page.title == "Welcome to Acme basics"
    assert page.body == "About 30 minutes. 2 of\n3 questions; 75% to pass;\n2 attempts.\n"


def test_the_text_shows_the_profiles_settings(folder: Path) -> None:
    """The variables are read once the profile is applied: its pass mark, attempts and added questions."""
    prof = profile("id: acme\nname: Acme Bank\npass_mark: 85\nattempts: 0\n"
                   "add_questions:\n  - {id: q4, type: true-false, text: Four, answer: true}\n")
    page = load_course(write(folder, COURSE), prof).pages[0]
    assert page.title == "Welcome to Acme Bank basics"
    assert page.body == "About 30 minutes. 2 of\n4 questions; 85% to pass;\nunlimited attempts.\n"


def test_company_id_is_not_a_placeholder(folder: Path) -> None:
    """Without a profile it would be empty ("The bank ()"): it is not offered, with or without a profile."""
    write(folder, COURSE.replace("Welcome to {{ course.title }}", "The bank ({{ company.id }})"))
    for prof in (None, profile("id: acme\nname: Acme Bank\n")):
        with pytest.raises(CourseInvalid) as info:
            load_course(folder, prof)
        assert [str(p) for p in info.value.problems] == [
            "courses/settings/course.yaml:10:26: lessons[0].pages[0].title: unknown placeholder 'company.id' "
            "(expected one of: assessment.attempts, assessment.pass_mark, assessment.pool, assessment.questions, "
            "company.name, course.duration_minutes, course.title) \u2014 did you mean 'company.name'?"]


def test_without_an_assessment_its_settings_are_not_names(folder: Path) -> None:
    text = COURSE[:COURSE.index("assessment:")].replace(
        "          About {{ course.duration_minutes }} minutes. {{ assessment.questions }} of\n"
        "          {{ assessment.pool }} questions; {{ assessment.pass_mark }}% to pass;\n"
        "          {{ assessment.attempts }} attempts.\n", "          You need {{ assessment.pass_mark }}%.\n")
    with pytest.raises(CourseInvalid) as info:
        load_course(write(folder, text))
    assert [p.reason for p in info.value.problems] == [
        "unknown placeholder 'assessment.pass_mark' (expected one of: company.name, course.duration_minutes, "
        "course.title)"]


def test_a_title_cannot_name_itself(folder: Path) -> None:
    with pytest.raises(CourseInvalid) as info:
        load_course(write(folder, COURSE.replace('title: "{{ company.name }} basics"', 'title: "{{ course.title }}"')))
    assert [(p.line, p.key, p.reason.split(" (")[0]) for p in info.value.problems] == [
        (2, "title", "unknown placeholder 'course.title'"),  # and the page title that names it: none to name
        (10, "lessons[0].pages[0].title", "unknown placeholder 'course.title'")]


def test_the_shipped_essentials_course_names_its_settings() -> None:
    """Its intro said "80 % ... three attempts" by hand; northwind sets 85, harbor-health 2 attempts."""
    source = (REPO / "courses/empathy-essentials/course.yaml").read_text(encoding="utf-8")
    assert "**80%**" not in source and "three attempts" not in source
    for company, pass_mark, attempts in (("northwind-mobile", 85, 3), ("harbor-health", 80, 2)):
        course = load_course(REPO / "courses/empathy-essentials", REPO / f"courses/companies/{company}.yaml")
        intro = " ".join(course.assessment.intro.split())
        assert (course.assessment.pass_mark, course.assessment.attempts) == (pass_mark, attempts)
        assert f"You need **{pass_mark}%** to pass and you have **{attempts} attempts**." in intro
        welcome = " ".join(course.pages[0].body.split())
        assert f"You need **{pass_mark}%** to pass, and you have {attempts} attempts." in welcome


# -- lint: text-contradicts-setting ---------------------------------------------------------------

STATED = """\
id: stated
title: Stated
duration_minutes: 30
description: This course takes about 45 minutes.
lessons:
  - id: intro
    title: Intro
    pages:
      - type: text
        title: How it works
        body: |
          In a survey, 96% of customers said they want empathy. The course takes 20-30 minutes.
          At the end, ten questions are drawn for each attempt from a pool of 12 questions.
          You need **80%** to pass, and you have three attempts.
          The assessment is the same for everyone: 85 percent to pass, 2 tries.
assessment:
  intro: You have unlimited attempts.
  pass_mark: 85
  attempts: 2
  draw: 10
  questions:
"""


def stated(folder: Path) -> Path:
    questions = "".join(f"    - {{id: q{i}, type: true-false, text: Q{i}, answer: true, feedback: "
                        f"{{incorrect: Because.}}}}\n" for i in range(11))
    return write(folder, STATED.replace("id: stated", "id: settings") + questions)


def warning(line: int, column: int, key: str, reason: str, placeholder: str) -> str:
    return (f"courses/settings/course.yaml:{line}:{column}: {key}: warning: [text-contradicts-setting] {reason} "
            f"\u2014 {FIX.format(placeholder)}")


def test_lint_warns_at_each_number_that_contradicts_a_setting(folder: Path) -> None:
    """Near misses stay quiet: a percentage that is not about passing, a range that holds the duration, the
    draw and attempts stated right."""
    result = CliRunner().invoke(main, ["lint", str(stated(folder).relative_to(folder.parent.parent))])
    body = "lessons[0].pages[0].body"
    assert result.output.splitlines() == [
        "courses/settings/course.yaml:3:19: duration_minutes: warning: [duration-estimate] the course declares 30 "
        "minutes, 400 % more than the estimate of 6: 82 words to read (0 minutes at 200 words a minute) and 0 "
        "scenarios, 0 dialogue decisions and 10 questions (5 minutes to answer) \u2014 set 'duration_minutes: 6'",
        warning(4, 38, "description", "the text says 45 minutes, but the course's duration_minutes is 30",
                "{{ course.duration_minutes }}"),
        warning(13, 71, body, "the text says the pool holds 12 questions, but it holds 11", "{{ assessment.pool }}"),
        warning(14, 22, body, "the text says 80% for passing, but the pass mark is 85%", "{{ assessment.pass_mark }}"),
        warning(14, 50, body, "the text says three attempts, but the attempts setting is 2",
                "{{ assessment.attempts }}"),
        warning(17, 19, "assessment.intro", "the text says unlimited attempts, but the attempts setting is 2",
                "{{ assessment.attempts }}"),
        "6 warnings found.",
    ]
    assert result.exit_code == 0


def test_lint_with_a_company_compares_with_the_profiles_settings(folder: Path) -> None:
    """The course alone is consistent; the bank's pass mark and attempts make its hand-typed numbers wrong."""
    write(folder, COURSE.replace("          About {{ course.duration_minutes }} minutes. {{ assessment.questions }} of\n"
                                 "          {{ assessment.pool }} questions; {{ assessment.pass_mark }}% to pass;\n"
                                 "          {{ assessment.attempts }} attempts.\n",
                                 "          You need 75% to pass, and you have two attempts.\n"))
    profile("id: acme\nname: Acme Bank\npass_mark: 85\nattempts: 3\n")
    runner = CliRunner()
    alone = runner.invoke(main, ["lint", "courses/settings"])
    assert "[text-contradicts-setting]" not in alone.output
    result = runner.invoke(main, ["lint", "courses/settings", "--company", "acme"])
    set_by = "(set by courses/companies/acme.yaml)"
    assert [line for line in result.output.splitlines() if "text-contradicts-setting" in line] == [
        warning(12, 20, "lessons[0].pages[0].body", f"the text says 75% for passing, but the pass mark is 85% {set_by}",
                "{{ assessment.pass_mark }}"),
        warning(12, 46, "lessons[0].pages[0].body", f"the text says two attempts, but the attempts setting is 3 "
                f"{set_by}", "{{ assessment.attempts }}"),
    ]


def test_the_shipped_courses_state_no_setting_wrongly_for_their_profiles() -> None:
    """The essentials course names its settings, so no profile makes its text wrong."""
    for company in ("northwind-mobile", "harbor-health"):
        result = CliRunner().invoke(main, ["lint", str(REPO / "courses/empathy-essentials"), "--company",
                                           str(REPO / f"courses/companies/{company}.yaml")])
        assert "[text-contradicts-setting]" not in result.output, result.output
