"""Placeholders in course text: what they may hold, what they become, and the exact problem for anything else."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_limits import HEAD, PAGE, run_bounded, validate

from scorm_builder.errors import Collector
from scorm_builder.source.loader import load_text
from scorm_builder.source.substitute import substitute

VARIABLES = {"company": {"name": "Northwind Mobile", "id": "northwind"},
             "terms": {"agent": "advisor", "callback_window": "2 hours", "team": "iPhone on-call team"}}
ALLOWED = ("expected only placeholders: {{ name }} or {{ name | filter }}, with a filter among capitalize, lower, "
           "title, upper")
SYNTAX_FIX = ("write a name such as {{ terms.agent }}; to show the braces as text, write {{ '{{' }}, {{ '{%' }} "
              "or {{ '{#' }}")
NAMES = "company.id, company.name, terms.agent, terms.callback_window, terms.team"


def fill(*texts: str, variables: dict | None = None) -> tuple[list[str], list[str]]:
    """The texts (as items of a YAML list in c.yaml, line 2 on) filled in, and the problems."""
    tree = load_text(("t:\n" + "".join(f"  - {json.dumps(t)}\n" for t in texts)).encode(), "c.yaml")
    ctx = Collector()
    substitute(tree, VARIABLES if variables is None else variables, ctx)
    return list(tree["t"]), [f"{p.rule} {p}" for p in ctx.problems]


def test_names_and_filters_are_filled_in() -> None:
    assert fill("At {{ company.name }}, an {{terms.agent}} calls back within {{ terms.callback_window }}.",
                "{{ terms.agent | capitalize }} / {{ terms.agent|upper }} / {{ company.name | lower }}",
                "{{ terms.team | title }} / {{ terms.team | capitalize }} / {{ terms.team | upper | lower }}") == (
        ["At Northwind Mobile, an advisor calls back within 2 hours.",
         "Advisor / ADVISOR / northwind mobile",
         "Iphone On-Call Team / Iphone on-call team / iphone on-call team"], [])


def test_braces_as_text() -> None:
    assert fill("{{ '{{' }} 7*7 }}", '{{ "{%" }} raw %}', "{{ '{#' }} note #}", "a } and }} and { alone") == (
        ["{{ 7*7 }}", "{% raw %}", "{# note #}", "a } and }} and { alone"], [])


def test_values_are_inserted_as_they_are_never_read_again() -> None:
    variables = {"company": {"name": "{{ terms.agent }}"}, "terms": {"agent": "{% for x in y %}"}}
    assert fill("{{ company.name }} / {{ terms.agent }}", variables=variables) == (
        ["{{ terms.agent }} / {% for x in y %}"], [])


def test_the_course_terms_and_company_name_are_values_not_text() -> None:
    tree = load_text(b'company_name: "{{ terms.agent }}"\nterms: {agent: "{{ company.name }}"}\n'
                     b'title: "{{ terms.agent }} at {{ company.name }}"\n', "c.yaml")
    ctx = Collector()
    substitute(tree, VARIABLES, ctx)
    assert (tree, ctx.problems) == ({"company_name": "{{ terms.agent }}", "terms": {"agent": "{{ company.name }}"},
                                     "title": "advisor at Northwind Mobile"}, [])


@pytest.mark.parametrize("text, problem", [
    ("{% if company.name %}yes", f"c.yaml:2:5: t[0]: the statement '{{% if company.name %}}' is not allowed in "
     f"text ({ALLOWED})"),
    ("Hello {# a note #}", f"c.yaml:2:5: t[0]: the comment '{{# a note #}}' is not allowed in text ({ALLOWED})"),
    ("{{ 7*7 }}", f"c.yaml:2:5: t[0]: the expression '{{{{ 7*7 }}}}' is not allowed in text ({ALLOWED})"),
    ("{{ company['name'] }}",
     f"c.yaml:2:5: t[0]: the expression \"{{{{ company['name'] }}}}\" is not allowed in text ({ALLOWED})"),
    ("{{ 'plain words' }}",
     f"c.yaml:2:5: t[0]: the expression \"{{{{ 'plain words' }}}}\" is not allowed in text ({ALLOWED})"),
    ("{{- terms.agent -}}",
     f"c.yaml:2:5: t[0]: the expression '{{{{- terms.agent -}}}}' is not allowed in text ({ALLOWED})"),
    ("{{ terms.agent | replace('a', 'b') }}",
     f"c.yaml:2:5: t[0]: the expression \"{{{{ terms.agent | replace('a', 'b') }}}}\" is not allowed in text "
     f"({ALLOWED})"),
    ("Our {{ terms.agent", "c.yaml:2:5: t[0]: '{{ terms.agent' opens a placeholder that is never closed "
     "(expected '}}' after the name)"),
    ("{% if x", f"c.yaml:2:5: t[0]: the statement '{{% if x' is not allowed in text ({ALLOWED})"),
])
def test_anything_but_a_placeholder_is_a_syntax_problem(text: str, problem: str) -> None:
    assert fill(text) == ([text], [f"placeholder-syntax {problem} \u2014 {SYNTAX_FIX}"])


def test_unknown_name_lists_the_names_and_the_close_match() -> None:
    assert fill("Call your {{ terms.agnet }}", "{{ cycler.__init__.__globals__ }}", "{{ company }}") == (
        ["Call your {{ terms.agnet }}", "{{ cycler.__init__.__globals__ }}", "{{ company }}"], [
            f"placeholder-unknown c.yaml:2:5: t[0]: unknown placeholder 'terms.agnet' (expected one of: {NAMES}) "
            "\u2014 did you mean 'terms.agent'?",
            f"placeholder-unknown c.yaml:3:5: t[1]: unknown placeholder 'cycler.__init__.__globals__' (expected one "
            f"of: {NAMES}) \u2014 fix the name, or define it under 'terms:' in the course or the company profile",
            f"placeholder-unknown c.yaml:4:5: t[2]: unknown placeholder 'company' (expected one of: {NAMES}) "
            "\u2014 did you mean 'company.id'?"])


def test_unknown_filter() -> None:
    assert fill("{{ terms.agent | uppercase }}", "{{ terms.agent | length }}")[1] == [
        "placeholder-filter c.yaml:2:5: t[0]: unknown filter 'uppercase' in '{{ terms.agent | uppercase }}' (expected "
        "one of: capitalize, lower, title, upper) \u2014 did you mean 'upper'?",
        "placeholder-filter c.yaml:3:5: t[1]: unknown filter 'length' in '{{ terms.agent | length }}' (expected one "
        "of: capitalize, lower, title, upper) \u2014 use one of the filters listed, or none"]


def test_a_loop_is_two_statements_each_reported() -> None:
    assert fill("{% for i in range(100000) %}x{% endfor %}")[1] == [
        f"placeholder-syntax c.yaml:2:5: t[0]: the statement '{{% for i in range(100000) %}}' is not allowed in text "
        f"({ALLOWED}) \u2014 {SYNTAX_FIX}",
        f"placeholder-syntax c.yaml:2:5: t[0]: the statement '{{% endfor %}}' is not allowed in text ({ALLOWED}) "
        f"\u2014 {SYNTAX_FIX}"]


def test_every_wrong_placeholder_of_a_text_up_to_five() -> None:
    text = " ".join(f"{{{{ terms.x{i} }}}}" for i in range(8))
    texts, problems = fill(text)
    assert texts == [text]
    assert [p.split(": ", 2)[2].split(" (")[0] for p in problems] == [
        f"unknown placeholder 'terms.x{i}'" for i in range(5)]


def test_a_text_may_not_grow_past_its_limit() -> None:
    variables = {"terms": {"long": "x" * 200}}
    text = "{{ terms.long }}" * 101
    assert fill(text, variables=variables) == ([text], [
        "placeholder-output c.yaml:2:5: t[0]: the text grows too long once filled in (expected at most 20000 "
        "characters, got 20200) \u2014 shorten the text or the values it uses"])


def test_placeholders_may_not_add_more_than_the_course_limit() -> None:
    variables = {"terms": {"long": "x" * 199}}
    text = "{{ terms.long }}" * 100  # grows by 18,300 characters
    texts, problems = fill(*[text] * 120, variables=variables)
    assert problems == [
        "placeholder-output c.yaml:111:5: t[109]: placeholders add more than 2000000 characters to the course "
        "(expected at most 2000000 in all) \u2014 use fewer placeholders, or shorter values"]
    assert texts[108] == "x" * 19_900 and texts[109:] == [text] * 11


def test_problems_point_at_the_file_a_value_came_from() -> None:
    course = load_text(b"id: c\nlessons:\n  - title: A\n", "course.yaml")
    profile = load_text(b'set:\n  title: "{{ terms.agnt }}"\n', "acme.yaml")
    course["lessons"][0].put_from("title", profile["set"], "title")
    ctx = Collector()
    substitute(course, VARIABLES, ctx)
    assert [str(p) for p in ctx.problems] == [
        f"acme.yaml:2:10: lessons[0].title: unknown placeholder 'terms.agnt' (expected one of: {NAMES}) \u2014 "
        "did you mean 'terms.agent'?"]


# -- the attacks on the Jinja sandbox this replaces, each in a process bounded to 5 s and 1 GB -------------
ATTACKS = [
    ("{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
     "the statement '{% for i in range(100000) %}' is not allowed in text", 4),  # each at its own column
    ("{{ ([1] * 10**9)|length }}", "the expression '{{ ([1] * 10**9)|length }}' is not allowed in text", 1),
    ("{{ 'a'*10**9 }}", "the expression \"{{ 'a'*10**9 }}\" is not allowed in text", 1),
    ("{{ '%900000000d' % 1 }}", "the expression \"{{ '%900000000d' % 1 }}\" is not allowed in text", 1),
    ("{{ company.name | center(9e8) }}", "the expression '{{ company.name | center(9e8) }}' is not allowed in text", 1),
    ("{{ lipsum(10**6) }}", "the expression '{{ lipsum(10**6) }}' is not allowed in text", 1),
]


@pytest.mark.parametrize("attack, reason, count", ATTACKS)
def test_attacks_on_the_old_sandbox_are_syntax_problems(tmp_path: Path, attack: str, reason: str, count: int) -> None:
    lines = validate(tmp_path, HEAD.replace("title: Limits", "title: " + json.dumps(attack)) + PAGE)
    assert f"courses/c/course.yaml:2:9: title: {reason} ({ALLOWED}) \u2014 {SYNTAX_FIX}" in lines
    assert len(lines) == count + 1 and lines[-1] == f"{count} problem{'s' if count > 1 else ''} found."


def test_a_profile_override_is_filled_in_once_and_cannot_stall_a_batch(tmp_path: Path) -> None:
    """An override is course text once applied, so its placeholders are filled in; an attack in one is a
    problem of that profile alone: the batch goes on, builds the good profile and writes its report."""
    companies = tmp_path / "courses" / "companies"
    companies.mkdir(parents=True)
    (companies / "evil.yaml").write_text(
        "id: evil\nname: Evil\noverrides:\n  - id: intro\n    set:\n"
        "      title: \"{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}\"\n")
    (companies / "good.yaml").write_text(
        "id: good\nname: Good Mobile\noverrides:\n  - id: intro\n    set: {title: \"Intro at {{ company.name }}\"}\n")
    (tmp_path / "courses" / "c").mkdir()
    (tmp_path / "courses" / "c" / "course.yaml").write_text(HEAD + PAGE)
    done = run_bounded(["build", "courses/c", "--company", "*", "-s", "scorm12", "-j", "1", "-o", "out"], tmp_path,
                       seconds=20)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert ("courses/companies/evil.yaml:6:15: lessons[0].title: the statement '{% for i in range(100000) %}' is "
            f"not allowed in text ({ALLOWED}) \u2014 {SYNTAX_FIX}") in done.stderr.splitlines()
    report = json.loads((tmp_path / "out" / "build-report.json").read_text())
    assert [(p["company"], p["standard"]) for p in report["packages"]] == [("good", "scorm12")]
