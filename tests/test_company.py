"""Company profiles: overrides by id, sandboxed terms, brand contrast, batch builds."""
from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from scorm_builder.cli import main
from scorm_builder.errors import CourseInvalid
from scorm_builder.load import load_course
from scorm_builder.pack.batch import build_matrix
from scorm_builder.tools.scaffold import scaffold


@pytest.fixture()
def demo(tmp_path, monkeypatch):
    """The scaffolded demo course in tmp_path/courses/demo, with tmp_path as the working folder."""
    monkeypatch.chdir(tmp_path)
    scaffold("demo", Path("courses"))
    (tmp_path / "courses" / "companies").mkdir()
    return tmp_path / "courses" / "demo"


def profile(text: str, name: str = "acme") -> Path:
    path = Path("courses/companies") / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(course: Path, prof: Path) -> list[str]:
    with pytest.raises(CourseInvalid) as info:
        load_course(course, prof)
    return [str(p) for p in info.value.problems]


def page(course, page_id):
    return next(p for p in course.pages if p.id == page_id)


def test_overrides_remove_add_reorder_and_terms(demo):
    prof = profile("""\
id: acme
name: Acme Telecom
terms: {agent: advisor}
pass_mark: 90
attempts: 2
overrides:
  - id: late-refund
    set:
      title: "The late refund at {{ company.name }}"
      customer: {says: "My {{ terms.agent }} promised a refund."}
  - id: refund-call
    node: opening
    set: {customer: "Acme never called me back."}
remove: [q-timing]
add_pages:
  - lesson: first-lesson
    after: late-refund
    page:
      type: text
      title: Acme's refund promise
      body: Refunds at {{ company.name }} arrive within 5 days.
add_questions:
  - id: q-acme
    type: true-false
    text: Acme refunds take 5 days.
    answer: true
""")
    course = load_course(demo, prof)
    scenario = page(course, "late-refund")
    assert scenario.title == "The late refund at Acme Telecom"
    assert scenario.customer.says == "My advisor promised a refund."
    assert scenario.customer.name == "Sam"  # merged, not replaced
    dialogue = page(course, "refund-call")
    assert dialogue.nodes[0].customer == "Acme never called me back."
    assert [p.id for p in course.lessons[0].pages] == ["first-lesson-1", "late-refund", "first-lesson-3",
                                                       "refund-call"]
    assert course.lessons[0].pages[2].body == "Refunds at Acme Telecom arrive within 5 days."
    assert [q.id for q in course.assessment.questions] == ["q-scripted", "q-acme"]
    assert (course.assessment.pass_mark, course.assessment.attempts) == (90, 2)
    assert course.company.id == "acme" and course.company.name == "Acme Telecom"


def test_unknown_ids_list_the_ids_that_exist(demo):
    prof = profile("""\
id: acme
name: Acme
overrides:
  - id: late-refnd
    set: {title: X}
  - id: refund-call
    node: openin
    set: {customer: X}
remove: [nothing-here]
lessons: [first-lesson, second]
""")
    assert problems_of(demo, prof) == [
        "courses/companies/acme.yaml:4:9: overrides[0].id: the course has no piece with id 'late-refnd' "
        "(ids: first-lesson, late-refund, q-scripted, q-timing, refund-call) \u2014 did you mean 'late-refund'?",
        "courses/companies/acme.yaml:7:11: overrides[1].node: 'refund-call' has no node 'openin' "
        "(nodes: opening, policy, checked, lost) \u2014 did you mean 'opening'?",
        "courses/companies/acme.yaml:9:10: remove[0]: the course has no piece with id 'nothing-here' "
        "(ids: first-lesson, late-refund, q-scripted, q-timing, refund-call) \u2014 use one of the ids listed",
        "courses/companies/acme.yaml:10:25: lessons[1]: the course has no lesson 'second' (lessons: first-lesson) "
        "\u2014 use one of the lesson ids listed",
    ]


def test_profile_errors_are_positioned_and_all_reported(demo):
    prof = profile("""\
id: Acme
name: Acme
brandng: {}
pass_mark: 120
""")
    assert problems_of(demo, prof) == [
        "courses/companies/acme.yaml:1:5: id: invalid value 'Acme' (expected lower-case letters, digits and '-', "
        "starting with a letter, at most 48 characters) \u2014 use lower-case letters, digits and '-', starting "
        "with a letter, at most 48 characters",
        "courses/companies/acme.yaml:3:1: brandng: unknown key 'brandng' in company profile \u2014 did you mean "
        "'branding'?",
        "courses/companies/acme.yaml:4:12: pass_mark: out of range (expected a whole number from 0 to 100, got 120) "
        "\u2014 use a whole number from 0 to 100",
    ]


def test_a_replaced_field_that_is_wrong_points_at_the_profile(demo):
    prof = profile("""\
id: acme
name: Acme
overrides:
  - id: late-refund
    set: {channel: fax}
""")
    assert problems_of(demo, prof) == [
        "courses/companies/acme.yaml:5:20: lessons[0].pages[1].channel: invalid value (expected one of: phone, "
        "chat, email, got the text 'fax') \u2014 use one of: phone, chat, email",
    ]


def test_missing_variable_is_an_error_at_the_text(demo):
    course_file = demo / "course.yaml"
    text = course_file.read_text().replace("title: Why it matters", "title: Why {{ terms.agnt }} matters")
    course_file.write_text(text)
    with pytest.raises(CourseInvalid) as info:
        load_course(demo)
    assert [str(p) for p in info.value.problems] == [
        "courses/demo/course.yaml:25:20: lessons[0].pages[0].title: unknown placeholder 'terms.agnt' (expected one "
        "of: assessment.attempts, assessment.pass_mark, assessment.pool, assessment.questions, company.name, "
        "course.duration_minutes, course.title) \u2014 fix the name, or define it under 'terms:' in the course or the "
        "company profile",
    ]


@pytest.mark.parametrize("text, reason", [
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}",
     "the expression \"{{ ''.__class__.__mro__[1].__subclasses__() }}\" is not allowed in text (expected only "
     "placeholders: {{ name }} or {{ name | filter }}, with a filter among capitalize, lower, title, upper)"),
    ("{{ company.__class__ }}",
     "unknown placeholder 'company.__class__' (expected one of: assessment.attempts, assessment.pass_mark, "
     "assessment.pool, assessment.questions, company.name, course.duration_minutes, course.title, terms.agent)"),
    ("{{ cycler.__init__.__globals__ }}",
     "unknown placeholder 'cycler.__init__.__globals__' (expected one of: assessment.attempts, assessment.pass_mark, "
     "assessment.pool, assessment.questions, company.name, course.duration_minutes, course.title, terms.agent)"),
])
def test_course_text_cannot_reach_python(demo, text, reason):
    prof = profile(f"""\
id: acme
name: Acme
terms: {{agent: advisor}}
overrides:
  - id: late-refund
    set: {{prompt: "{text}"}}
""")
    (problem,) = problems_of(demo, prof)
    assert problem.startswith(f"courses/companies/acme.yaml:6:20: lessons[0].pages[1].prompt: {reason}")


def test_profile_values_are_data_not_templates_and_are_escaped(demo, tmp_path):
    prof = profile("""\
id: evil
name: "{{ 7*7 }} <script>alert(1)</script>"
terms:
  agent: "{{ ''.__class__ }}"
overrides:
  - id: late-refund
    set: {title: "Call {{ terms.agent }} at {{ company.name }}"}
""", "evil")
    course = load_course(demo, prof)
    assert page(course, "late-refund").title == \
        "Call {{ ''.__class__ }} at {{ 7*7 }} <script>alert(1)</script>"
    entries, failures = build_matrix([demo], [prof], ["scorm12"], tmp_path / "out", workers=1)
    assert failures == []
    with zipfile.ZipFile(entries[0].path) as zf:
        html = zf.read("index.html").decode()
        manifest = zf.read("imsmanifest.xml").decode()
    assert "<script>alert(1)</script>" not in html
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in html
    assert "<title>Demo</title>" in manifest


def test_huge_profile_values_are_rejected(demo):
    prof = profile("id: acme\nname: Acme\nterms:\n  agent: " + "x" * 5000 + "\n")
    assert problems_of(demo, prof) == [
        "courses/companies/acme.yaml:4:10: terms.agent: too long (expected at most 200 characters, got 5000) "
        "\u2014 shorten the text",
    ]


def test_brand_colour_contrast_error_and_opt_in_fix(demo, tmp_path):
    text = """\
id: acme
name: Acme
branding:
  primary: "#ffcc00"
  accent: "#0b5394"
"""
    prof = profile(text)
    assert problems_of(demo, prof) == [
        "courses/companies/acme.yaml:4:12: branding.primary: colour #ffcc00 fails WCAG AA contrast for button "
        "and header backgrounds behind white text (expected at least 4.5:1 against #ffffff, got 1.51:1) \u2014 "
        "use a shade such as #8f7200, or set 'fix_contrast: true' to use it automatically",
        "courses/companies/acme.yaml:4:12: branding.primary: colour #ffcc00 fails WCAG AA contrast for links and "
        "headings on the white page (expected at least 4.5:1 against #ffffff, got 1.51:1) \u2014 use a shade such "
        "as #8f7200, or set 'fix_contrast: true' to use it automatically",
    ]
    prof = profile(text + "  fix_contrast: true\n")
    entries, _ = build_matrix([demo], [prof], ["scorm12"], tmp_path / "out", workers=1)
    with zipfile.ZipFile(entries[0].path) as zf:
        css = zf.read("player/brand.css").decode()
    assert "  --accent: #8f7200;\n" in css and "  --focus: #0b5394;\n" in css


def test_accent_needs_three_to_one(demo):
    prof = profile('id: acme\nname: Acme\nbranding: {accent: "#aaaaaa"}\n')
    assert problems_of(demo, prof) == [
        "courses/companies/acme.yaml:3:20: branding.accent: colour #aaaaaa fails WCAG AA contrast for focus rings "
        "and progress bars on the white page (expected at least 3.0:1 against #ffffff, got 2.32:1) \u2014 use a "
        "shade such as #939393, or set 'fix_contrast: true' to use it automatically",
    ]


def test_company_templates_folder_overrides_default_templates(demo, tmp_path):
    folder = Path("courses/companies/acme-theme/player")
    folder.mkdir(parents=True)
    (folder / "player.css").write_text("/* acme theme */\nbody { color: #111; } /* kept: not a whole line */\n")
    prof = profile("id: acme\nname: Acme\ntemplates: acme-theme\n")
    entries, _ = build_matrix([demo], [prof], ["scorm12"], tmp_path / "out", workers=1)
    with zipfile.ZipFile(entries[0].path) as zf:
        assert zf.read("player/player.css") == b"/* acme theme */\nbody { color: #111; } /* kept: not a whole line */\n"


def test_batch_builds_the_matrix_reports_and_continues_after_a_failure(demo, tmp_path):
    profile("id: acme\nname: Acme\n", "acme")
    profile("id: globex\nname: Globex\n", "globex")
    profile("id: broken\nname: Broken\nremove: [no-such-id]\n", "broken")
    runner = CliRunner()
    result = runner.invoke(main, ["build", "courses/demo", "--company", "*", "-o", "out", "-j", "2"])
    assert result.exit_code == 1
    assert "Error: 1 of 3 course/company builds failed (see above)" in result.output
    assert "courses/companies/broken.yaml:3:10: remove[0]: the course has no piece with id 'no-such-id'" \
        in result.output
    report = json.loads(Path("out/build-report.json").read_text())
    assert [(p["company"], p["standard"], Path(p["path"]).name) for p in report["packages"]] == [
        ("acme", "scorm12", "demo-acme-1.0.0-scorm12.zip"),
        ("acme", "scorm2004-4", "demo-acme-1.0.0-scorm2004-4.zip"),
        ("globex", "scorm12", "demo-globex-1.0.0-scorm12.zip"),
        ("globex", "scorm2004-4", "demo-globex-1.0.0-scorm2004-4.zip"),
    ]
    for p in report["packages"]:
        blob = Path(p["path"]).read_bytes()
        assert p["size"] == len(blob)
        assert p["sha256"] == hashlib.sha256(blob).hexdigest()
    assert [(f["company"]) for f in report["failures"]] == ["broken"]
    assert "4 packages built, 1 failed." in result.output


def test_batch_is_byte_stable_across_runs_and_worker_counts(demo, tmp_path):
    profs = [profile(f"id: c{i}\nname: Company {i}\n", f"c{i}") for i in range(3)]
    one, _ = build_matrix([demo], profs, ["scorm12", "scorm2004-4"], tmp_path / "a", workers=1)
    two, _ = build_matrix([demo], profs, ["scorm12", "scorm2004-4"], tmp_path / "b", workers=2)
    assert [e.sha256 for e in one] == [e.sha256 for e in two]
    assert len({e.sha256 for e in one}) == 6


def test_manifest_identifier_is_stable_across_versions_and_records_the_build(demo, tmp_path):
    prof = profile("id: acme\nname: Acme\n")
    first, _ = build_matrix([demo], [prof], ["scorm2004-4"], tmp_path / "v1", workers=1)
    course_file = demo / "course.yaml"
    course_file.write_text(course_file.read_text().replace('version: "1.0.0"', 'version: "1.1.0"'))
    second, _ = build_matrix([demo], [prof], ["scorm2004-4"], tmp_path / "v2", workers=1)
    with zipfile.ZipFile(first[0].path) as a, zipfile.ZipFile(second[0].path) as b:
        ma, mb = a.read("imsmanifest.xml").decode(), b.read("imsmanifest.xml").decode()
        html = b.read("index.html").decode()
    assert Path(second[0].path).name == "demo-acme-1.1.0-scorm2004-4.zip"
    assert 'identifier="MANIFEST-demo-acme" version="1.0.0"' in ma
    assert 'identifier="MANIFEST-demo-acme" version="1.1.0"' in mb
    sha = hashlib.sha256(prof.read_bytes()).hexdigest()
    assert f'"build": {{"company": "acme", "course_version": "1.1.0", "profile_sha256": "{sha}"}}' in html


def test_unknown_company_pattern_lists_profiles(demo):
    profile("id: acme\nname: Acme\n")
    result = CliRunner().invoke(main, ["build", "courses/demo", "--company", "zzz"])
    assert result.exit_code == 1
    assert result.output == "Error: no company profile matches 'zzz' in courses/companies (profiles: acme)\n"


def test_cli_batch_prints_a_summary_table(demo):
    profile("id: acme\nname: Acme\n")
    result = CliRunner().invoke(main, ["build", "courses/demo", "--company", "acme", "-s", "scorm12", "-o", "out"])
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.output.splitlines()]
    assert ["course", "company", "standard", "size", "package"] in rows
    size = Path("out/demo-acme-1.0.0-scorm12.zip").stat().st_size
    assert ["demo", "acme", "scorm12", str(round(size / 1024)), "KB", "demo-acme-1.0.0-scorm12.zip"] in rows
    assert "1 packages built, 0 failed." in result.output


def test_lint_with_a_company_uses_its_text_and_extra_phrases(demo):
    profile("""\
id: acme
name: Acme
overrides:
  - id: late-refund
    set:
      options:
        - {text: "Thank you for your patience. Let me find your refund now.", verdict: best,
           feedback: "Moves straight to the refund the customer is chasing."}
        - {text: "Can you confirm your order number and the date you sent it back?", verdict: poor,
           feedback: "Skips the frustration Sam just expressed."}
lint:
  scripted_phrases: ["thank you for your patience"]
""")
    runner = CliRunner()
    plain = runner.invoke(main, ["lint", "courses/demo", "--strict"])
    customized = runner.invoke(main, ["lint", "courses/demo", "--strict", "--company", "acme"])
    assert "[scripted-phrase]" not in plain.output
    assert customized.exit_code == 1
    assert customized.output.splitlines()[0] == (
        "courses/companies/acme.yaml:7:18: lessons[0].pages[1].options[0].text: warning: [scripted-phrase] the "
        "best option uses the overused phrase 'thank you for your patience', which sounds scripted and can "
        "invalidate the customer's feelings \u2014 say what this customer told you in your own words, or mark the "
        "option 'acceptable' or 'poor'")


def test_profile_applies_only_to_a_course_that_is_valid(demo):
    """A broken lesson plus a profile that adds to it: the course's own problem, never a traceback."""
    course_file = demo / "course.yaml"
    text = course_file.read_text(encoding="utf-8")
    first_pages = text.index("    pages:\n")
    end = text.index("\nassessment:", first_pages)
    course_file.write_text(text[:first_pages] + "    pages: oops\n" + text[end:], encoding="utf-8")
    line = text[:first_pages].count("\n") + 1
    prof = profile("""\
id: acme
name: Acme Telecom
add_pages:
  - {lesson: first-lesson, page: {type: text, title: Extra, body: Extra text.}}
""")
    assert problems_of(demo, prof) == [
        f"courses/demo/course.yaml:{line}:12: lessons[0].pages: wrong type (expected a list of pages, "
        "got the text 'oops') — write each page on its own line starting with '- '",
    ]


def test_what_a_profile_adds_is_checked_with_the_course_format(demo):
    prof = profile("""\
id: acme
name: Acme Telecom
add_pages:
  - {lesson: first-lesson, page: {type: text, title: Extra, body: Extra text., colour: red}}
""")
    assert problems_of(demo, prof) == [
        "courses/companies/acme.yaml:4:80: lessons[0].pages[3].colour: unknown key 'colour' in text page "
        "— did you mean 'callout'?",
    ]


def test_a_profile_theme_never_runs_as_a_template(demo, tmp_path):
    """The attack that ran `id` on the build machine: a page template in a profile's theme folder."""
    folder = Path("courses/companies/evil-theme/player")
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("{{ cycler.__init__.__globals__.os.popen('id > PWNED').read() }}")
    (folder / "brand.css").write_text("{{ 7 * 7 }}")
    prof = profile("id: evil\nname: Evil\ntemplates: evil-theme\n", "evil")
    assert problems_of(demo, prof) == [
        "courses/companies/evil.yaml:3:12: templates: the theme file 'evil-theme/player/index.html' is not a "
        "static file (a profile's theme may hold only CSS, images and fonts: .css .png .jpg .jpeg .gif .svg "
        ".webp .woff .woff2) — remove it; scripts and page templates come only from the installed theme",
    ]
    assert not Path("PWNED").exists()
    (folder / "index.html").unlink()
    entries, failures = build_matrix([demo], [prof], ["scorm12"], tmp_path / "out", workers=1)
    assert failures == []
    with zipfile.ZipFile(entries[0].path) as zf:
        assert zf.read("player/brand.css") == b"{{ 7 * 7 }}"  # copied as it is, never rendered


def test_a_profile_theme_stays_inside_the_profile_folder(demo):
    Path("elsewhere/theme").mkdir(parents=True)
    prof = profile("id: acme\nname: Acme\ntemplates: ../../elsewhere/theme\n")
    assert problems_of(demo, prof) == [
        "courses/companies/acme.yaml:3:12: templates: the theme folder '../../elsewhere/theme' is outside the "
        "profile's folder (expected a folder next to the profile) — put the theme folder next to the profile",
    ]
    folder = Path("courses/companies/acme-theme/player")
    folder.mkdir(parents=True)
    (folder / "player.css").symlink_to("/etc/passwd")
    prof = profile("id: acme\nname: Acme\ntemplates: acme-theme\n")
    assert problems_of(demo, prof) == [
        "courses/companies/acme.yaml:3:12: templates: the theme file 'acme-theme/player/player.css' is a link "
        "to a file outside the profile's folder — copy the file into the theme folder instead of linking to it",
    ]


def test_a_profile_theme_may_not_reach_the_network(demo):
    folder = Path("courses/companies/acme-theme/player")
    folder.mkdir(parents=True)
    (folder / "brand.css").write_text(
        'body { background: url("data:image/png;base64,AAAA"); }\n@import url(//fonts.example.com/x.css);\n')
    prof = profile("id: acme\nname: Acme\ntemplates: acme-theme\n")
    assert problems_of(demo, prof) == [
        "courses/companies/acme.yaml:3:12: templates: the theme file 'acme-theme/player/brand.css' loads "
        "something from the network (url() or @import with an address); nothing in a package may reach the "
        "network — put the file in the theme folder and refer to it by a relative path",
    ]
