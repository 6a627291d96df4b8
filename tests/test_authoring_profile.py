"""Authoring issue, sections 3 and 8: `outline --company`, and `lint --company` listing what a profile changed
next to the original, with override-drift where replaced customer words are still quoted."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from scorm_builder.cli import main
from scorm_builder.load import load_course
from scorm_builder.tools.lint_profile import profile_changes, replaced_words

COURSE = """\
id: shop
title: Shop
lessons:
  - id: delivery
    title: Delivery
    pages:
      - type: scenario
        id: left-outside
        title: Left outside
        channel: chat
        customer:
          says: My full trolley of shopping was left outside in the rain.
        prompt: What do you write?
        options:
          - text: A full trolley in the rain is awful. I'm refunding it now.
            verdict: best
            feedback: It names the trolley and the rain, then acts.
          - text: Deliveries are left at the door when nobody answers.
            verdict: poor
            feedback: Policy first, feelings never.
      - type: dialogue
        id: callback
        title: Callback
        scores: [trust]
        nodes:
          - id: opening
            customer: Nobody called me back on Tuesday.
            choices:
              - {text: "I'm sorry nobody called on Tuesday. I'll call you at 5.", next: done, effects: {trust: 2},
                 feedback: It owns the missed call.}
          - {id: done, ending: {outcome: good, title: Done, debrief: Owned.}}
assessment:
  pass_mark: 80
  questions:
    - {id: q1, type: true-false, text: Acknowledge first?, answer: true, feedback: {incorrect: It comes first.}}
    - {id: q2, type: true-false, text: Policy first?, answer: false, feedback: {incorrect: Feelings first.}}
"""

PROFILE = """\
id: acme
name: Acme
pass_mark: 85
overrides:
  - id: left-outside
    set:
      customer:
        says: My full basket of shopping was left outside in the rain.
  - id: callback
    node: opening
    set: {customer: Nobody called me back on Friday.}
remove: [q2]
"""


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "courses" / "shop").mkdir(parents=True)
    (tmp_path / "courses" / "companies").mkdir()
    (tmp_path / "courses" / "shop" / "course.yaml").write_text(COURSE, encoding="utf-8")
    (tmp_path / "courses" / "companies" / "acme.yaml").write_text(PROFILE, encoding="utf-8")
    return tmp_path / "courses" / "shop"


def test_lint_company_lists_each_change_next_to_the_original_and_warns_of_drift(shop: Path) -> None:
    """The report's case: the customer now says "full basket", the best option still says "full trolley"."""
    result = CliRunner().invoke(main, ["lint", "courses/shop", "--company", "acme"])
    prof, src = "courses/companies/acme.yaml", "courses/shop/course.yaml"
    drift = "warning: [override-drift] the override changes the customer words"
    assert result.output.splitlines() == [
        f"{prof}:8:15: left-outside.customer.says: {drift} 'trolley' to 'basket', but option a's feedback "
        f"({src}:17) still says 'trolley' \u2014 override option a's feedback too (the same 'set:'), or keep the "
        "customer's words",
        f"{prof}:8:15: left-outside.customer.says: {drift} 'trolley' to 'basket', but option a's text ({src}:15) "
        "still says 'trolley' \u2014 override option a's text too (the same 'set:'), or keep the customer's words",
        f"{prof}:11:21: callback.nodes[opening].customer: {drift} 'Tuesday' to 'Friday', but choice opening.a's "
        f"text ({src}:29) still says 'Tuesday' \u2014 override choice opening.a's text too (the same 'set:'), or "
        "keep the customer's words",
        f"shop: 4 changes by the profile {prof}:",
        f"  {prof}:3:12: assessment.pass_mark: changed by the profile",
        "      course:  80",
        "      profile: 85",
        f"  {prof}:8:15: left-outside.customer.says: changed by the profile",
        "      course:  My full trolley of shopping was left outside in the rain.",
        "      profile: My full basket of shopping was left outside in the rain.",
        f"  {prof}:11:21: callback.nodes[opening].customer: changed by the profile",
        "      course:  Nobody called me back on Tuesday.",
        "      profile: Nobody called me back on Friday.",
        f"  {src}:36:7: q2: removed by the profile ('Policy first?')",
        "3 warnings found.",
    ]
    assert result.exit_code == 0


def test_an_override_that_rewrites_the_options_too_does_not_drift(shop: Path) -> None:
    profile = Path("courses/companies/acme.yaml")
    profile.write_text(PROFILE.replace(
        "        says: My full basket of shopping was left outside in the rain.\n",
        "        says: My full basket of shopping was left outside in the rain.\n"
        "      options:\n"
        "        - {text: A full basket in the rain is awful. I'm refunding it now., verdict: best,\n"
        "           feedback: 'It names the basket and the rain, then acts.'}\n"
        "        - {text: Deliveries are left at the door., verdict: poor, feedback: Policy first.}\n"), encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "courses/shop", "--company", "acme"])
    assert [line.split(": ", 2)[1] for line in result.output.splitlines() if "[override-drift]" in line] == [
        "callback.nodes[opening].customer"]
    assert "  courses/companies/acme.yaml:10:18: left-outside.options[a].text: changed by the profile" in \
        result.output.splitlines()


def test_terms_that_fill_placeholders_are_not_listed_as_changes(shop: Path) -> None:
    course_file = shop / "course.yaml"
    course_file.write_text(COURSE.replace("title: Delivery", "title: Delivery by {{ company.name }}"))
    Path("courses/companies/acme.yaml").write_text("id: acme\nname: Acme\n", encoding="utf-8")
    original = load_course(shop)
    customized = load_course(shop, Path("courses/companies/acme.yaml"))
    assert customized.lessons[0].title == "Delivery by Acme"
    assert profile_changes(original, customized) == []


def test_replaced_words_keep_only_uncommon_words_the_new_text_dropped() -> None:
    assert replaced_words("My full trolley was left outside.", "My full basket was left outside.") == [
        ("trolley", "basket", ["trolley"])]
    assert replaced_words("I'm told you understand, again.", "They tell me you understand.") == []
    assert replaced_words("It cost £40 on Tuesday.", "It cost £55 on Tuesday.") == [("40", "55", ["40"])]


def test_outline_takes_company(shop: Path) -> None:
    """The client's reviewer sees their own wording and settings; without --company, the course's."""
    runner = CliRunner()
    plain = runner.invoke(main, ["outline", "courses/shop"])
    customized = runner.invoke(main, ["outline", "courses/shop", "--company", "acme"])
    assert customized.exit_code == 0, customized.output
    assert "My full trolley" in plain.output and "My full trolley" not in customized.output
    assert "> My full basket of shopping was left outside in the rain." in customized.output.splitlines()
    assert "Policy first?" in plain.output and "Policy first?" not in customized.output
    missing = runner.invoke(main, ["outline", "courses/shop", "--company", "zzz"])
    assert (missing.exit_code, missing.output) == (
        1, "Error: no company profile matches 'zzz' in courses/companies (profiles: acme)\n")
