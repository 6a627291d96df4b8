"""`check` on cmi5 zips: clean packages stay clean, each broken cmi5.xml or AU gives its exact finding,
and mutated ones give findings, never a traceback."""
from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

import pytest
from test_cmi5_package import NS, PKG, REPO, built, cmi5_schemas_folder, copy_course, entries, set_key

from scorm_builder.check.findings import render
from scorm_builder.check.report import check_package
from scorm_builder.cli import main
from scorm_builder.errors import BuilderError
from scorm_builder.pack.pipeline import build


@pytest.fixture(scope="session")
def cmi5_schemas() -> Path:
    return cmi5_schemas_folder()


PAGE = b"<!DOCTYPE html><html><head><title>Geology</title></head><body><p>Rocks</p></body></html>"
STRUCTURE = """\
<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://courses.example.edu/geology">
    <title><langstring lang="en-US">Geology</langstring></title>
    <description><langstring lang="en-US">Rocks and plates.</langstring></description>
  </course>
  <au id="https://courses.example.edu/geology/au-1" moveOn="Completed">
    <title><langstring lang="en-US">Rocks</langstring></title>
    <description><langstring lang="en-US">What rocks are made of.</langstring></description>
    <url>au/start.html?lesson=1</url>
  </au>
</courseStructure>
"""


def write_zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), data)
    return path


def findings(tmp_path: Path, structure: str, schemas: Path | None = None, files: dict[str, bytes] | None = None,
             name: str = "cmi5.xml") -> list[str]:
    package = write_zip(tmp_path / PKG, {name: structure.encode(), "au/start.html": PAGE, **(files or {})})
    return [render(d) for d in check_package(package, schemas, PKG)]


def line(needle: str, text: str = STRUCTURE) -> int:
    return next(n for n, row in enumerate(text.splitlines(), 1) if needle in row)


def test_built_cmi5_packages_are_clean(tmp_path, runner, cmi5_schemas):
    for course in sorted(p.parent for p in (REPO / "courses").glob("*/course.yaml")):
        path = built(course, tmp_path / course.name)
        assert check_package(path, cmi5_schemas) == [], course.name
    result = runner.invoke(main, ["check", str(path), "--schemas", str(cmi5_schemas)])
    assert (result.exit_code, result.output) == (0, f"{path}: ok\n")


def test_a_hand_written_cmi5_package_is_clean(tmp_path, cmi5_schemas):
    assert findings(tmp_path, STRUCTURE, cmi5_schemas) == []


def test_the_schema_folder_must_hold_course_structure_xsd(tmp_path, schemas_dir):
    package = write_zip(tmp_path / PKG, {"cmi5.xml": STRUCTURE.encode(), "au/start.html": PAGE})
    with pytest.raises(BuilderError) as info:
        check_package(package, schemas_dir)
    assert info.value.message == (f"schema folder {schemas_dir} has no v1/CourseStructure.xsd (expected the layout "
                                  "of the cmi5 working group's files, as in ../shared/cmi5: v1/CourseStructure.xsd)")


def test_cmi5_xml_in_a_subfolder(tmp_path):
    assert findings(tmp_path, STRUCTURE, name="geology/cmi5.xml") == [
        f"{PKG}:geology/cmi5.xml: error [manifest-at-root] cmi5.xml is not at the root of the zip but in 'geology/' "
        "— zip the contents of 'geology', not the folder itself"]


def test_cmi5_xml_that_is_not_xml_or_not_a_course_structure(tmp_path):
    unclosed = STRUCTURE.replace("</course>\n", "")
    assert findings(tmp_path, unclosed) == [
        f"{PKG}:cmi5.xml:{line('</courseStructure>', unclosed)}: error [cmi5-xml] cmi5.xml is not well-formed XML: Opening and ending tag mismatch: "
        "course line 3 and courseStructure — fix the XML near this line (an unclosed tag or a bare '&' is the usual "
        "cause)"]
    other = STRUCTURE.replace('<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">',
                              '<courseStructure xmlns="http://example.com/cmi5">')
    assert findings(tmp_path, other) == [
        f"{PKG}:cmi5.xml:2: error [cmi5-root] the root element of cmi5.xml is <courseStructure> in namespace "
        f"'http://example.com/cmi5' (expected <courseStructure> in {NS}) — write the course structure as cmi5 "
        f"section 13 describes, with xmlns=\"{NS}\""]


def test_the_xsd_rejects_what_it_rejects(tmp_path, cmi5_schemas):
    broken = STRUCTURE.replace('    <description><langstring lang="en-US">What rocks are made of.</langstring>'
                               '</description>\n', "")
    assert findings(tmp_path, broken, cmi5_schemas) == [
        f"{PKG}:cmi5.xml:9: error [cmi5-xsd] the cmi5 schema (CourseStructure.xsd) rejects this: Element "
        f"'{{{NS}}}url': This element is not expected. Expected is ( {{{NS}}}description ). — fix the element as "
        "the message says"]


def test_ids_must_be_unique_iris(tmp_path):
    broken = STRUCTURE.replace('<au id="https://courses.example.edu/geology/au-1"', '<au id="au 1"')
    assert findings(tmp_path, broken) == [
        f"{PKG}:cmi5.xml:{line('<au ')}: error [cmi5-id] the au id 'au 1' is not an IRI (expected an absolute IRI "
        "such as https://courses.example.com/cmi5/my-course, with a scheme and no spaces) — give it an IRI under a "
        "domain the publisher owns"]
    au = STRUCTURE[STRUCTURE.index("  <au "):STRUCTURE.index("</courseStructure>")]
    twice = STRUCTURE.replace(au, au + au)
    second = len(twice[:twice.rindex("  <au ")].splitlines()) + 1
    assert findings(tmp_path, twice) == [
        f"{PKG}:cmi5.xml:{second}: error [cmi5-id] the au id 'https://courses.example.edu/geology/au-1' is also used on "
        "line 7; ids must be unique within the course structure — give each one its own IRI"]


def test_each_au_url_must_name_a_file_of_the_zip(tmp_path):
    au_line = line("<au ")
    cases = {
        "au/missing.html": "the AU url 'au/missing.html' names 'au/missing.html', which the zip doesn't hold — add "
                           "the launch page to the package, or correct the url",
        "/au/start.html": "the AU url '/au/start.html' is not relative to cmi5.xml (it starts with '/' or holds '\\'), "
                          "so the LMS looks for it outside the package — give the launch page's path inside the zip, "
                          "with '/' between folders",
        "au/start.html?registration=x": "the AU url 'au/start.html?registration=x' has the query parameter "
                                        "'registration', a name the LMS adds at launch (cmi5 section 8.1); the AU "
                                        "then reads the wrong value — rename that parameter",
        "": "the AU has no <url>, so the LMS can't launch it — give the path of its launch page in the zip, e.g. "
            "<url>index.html</url>",
    }
    for url, message in cases.items():
        broken = STRUCTURE.replace("<url>au/start.html?lesson=1</url>", f"<url>{url}</url>")
        assert findings(tmp_path, broken) == [f"{PKG}:cmi5.xml:{au_line}: error [cmi5-au-url] {message}"], url
    external = STRUCTURE.replace("au/start.html?lesson=1", "https://content.example.edu/rocks/start.html")
    assert findings(tmp_path, external) == []  # an AU outside the package: allowed (cmi5 section 14.1)
    nothing = STRUCTURE[:STRUCTURE.index("  <au ")] + "</courseStructure>\n"
    assert findings(tmp_path, nothing) == [
        f"{PKG}:cmi5.xml:2: error [cmi5-au-missing] cmi5.xml names no <au>, so the LMS has nothing to launch — add "
        "the course's assignable unit as an <au> with its <url>"]


def test_move_on_and_mastery_score_values(tmp_path):
    au_line = line("<au ")
    for value in ("1.5", "0.12345", "80%"):
        broken = STRUCTURE.replace('moveOn="Completed"', f'moveOn="Passed" masteryScore="{value}"')
        assert findings(tmp_path, broken) == [
            f"{PKG}:cmi5.xml:{au_line}: error [cmi5-mastery-score] masteryScore {value!r} is not a decimal from 0 to "
            "1 with at most 4 decimal places (cmi5 section 13.1.4) — write the pass mark as a fraction, e.g. 0.8 for "
            "80%"], value
    assert findings(tmp_path, STRUCTURE.replace('moveOn="Completed"', 'moveOn="Passed" masteryScore="0.8125"')) == []
    assert findings(tmp_path, STRUCTURE.replace('moveOn="Completed"', 'moveOn="Complete"')) == [
        f"{PKG}:cmi5.xml:{au_line}: error [cmi5-move-on] AU moveOn 'Complete' is not a cmi5 value (expected one of: "
        "NotApplicable, Passed, Completed, CompletedAndPassed, CompletedOrPassed) — use one of the values listed"]
    assert findings(tmp_path, STRUCTURE.replace('moveOn="Completed"', 'masteryScore="0.7"')) == [
        f"{PKG}:cmi5.xml:{au_line}: warning [cmi5-move-on-mastery] moveOn is NotApplicable, so the LMS counts the AU "
        "satisfied from the start and masteryScore 0.7 decides nothing — set moveOn to Passed or CompletedAndPassed, "
        "or remove masteryScore"]


def rebuilt(tmp_path: Path, course: Path, change) -> Path:
    """A built cmi5 package with its cmi5.xml changed by ``change(text) -> text``."""
    files = entries(built(course, tmp_path / "built"))
    files["cmi5.xml"] = change(files["cmi5.xml"].decode("utf-8")).encode("utf-8")
    return write_zip(tmp_path / PKG, files)


def test_move_on_and_mastery_score_agree_with_the_course(demo_course, tmp_path):
    at = f"{PKG}:cmi5.xml:11"
    cases = {
        'moveOn="CompletedAndPassed" masteryScore="0.8"': [],
        'moveOn="CompletedAndPassed" masteryScore="0.7"': [
            f"{at}: warning [cmi5-move-on-mastery] masteryScore 0.7 differs from the course's pass mark (80%) in "
            "index.html; the AU passes the learner at the masteryScore the LMS sends, so the course's own mark is not "
            'used — rebuild the package, or set masteryScore="0.8"'],
        'moveOn="Passed"': [
            f"{at}: warning [cmi5-move-on-mastery] the course in index.html has an assessment but the AU has no "
            'masteryScore, so the LMS can neither know nor change its pass mark — set masteryScore="0.8"'],
    }
    for attributes, expected in cases.items():
        package = rebuilt(tmp_path, demo_course, lambda t, new=attributes: t.replace(
            'moveOn="CompletedAndPassed" masteryScore="0.8"', new))
        assert [render(d) for d in check_package(package, None, PKG)] == expected, attributes


def test_move_on_passed_for_a_course_without_an_assessment_is_an_error(demo_course, tmp_path):
    course = copy_course(demo_course, tmp_path / "course")
    set_key(course, "completion: both", "completion: lessons")
    yaml = course / "course.yaml"
    text = yaml.read_text(encoding="utf-8")
    yaml.write_text(text[:text.index("\nassessment:")] + "\n", encoding="utf-8")
    package = rebuilt(tmp_path, course, lambda t: t.replace('moveOn="Completed"', 'moveOn="Passed" masteryScore="0.8"'))
    assert [render(d) for d in check_package(package, None, PKG)] == [
        f"{PKG}:cmi5.xml:11: error [cmi5-move-on-mastery] moveOn is Passed, but the course in index.html has no "
        "assessment, so the AU never sends \"passed\" and the learner can never satisfy it — set moveOn to Completed, "
        "or add an assessment",
        f"{PKG}:cmi5.xml:11: warning [cmi5-move-on-mastery] masteryScore 0.8 is set, but the course in index.html has "
        "no assessment to score — remove masteryScore"]


def test_a_scorm_player_in_a_cmi5_package_is_an_error(demo_course, tmp_path):
    files = entries(built(demo_course, tmp_path / "cmi5"))
    files["index.html"] = entries(build([demo_course], ["scorm2004-4"], tmp_path / "scorm")[0].path)["index.html"]
    package = write_zip(tmp_path / PKG, files)
    data_line = next(n for n, row in enumerate(files["index.html"].decode().splitlines(), 1) if 'id="course-data"' in row)
    assert [render(d) for d in check_package(package, None, PKG)] == [
        f"{PKG}:index.html:{data_line}: error [cmi5-player] index.html holds a player built for 'scorm2004', which "
        "looks for a SCORM API and never talks to the LMS's LRS — build the course with --standard cmi5"]


def test_mutated_cmi5_packages_give_findings_never_a_traceback(demo_course, tmp_path, cmi5_schemas):
    """Seeded byte and attribute mutations of a built package's cmi5.xml: check reports, never raises."""
    rnd = random.Random(5)
    files = entries(built(demo_course, tmp_path / "built"))
    original = files["cmi5.xml"]
    values = ["", " ", "x", "0", "-1", "1e3", "0.00001", "NaN", "Passed", "http://", "a b", "\u202e", "&amp;", "<"]
    rules = set()
    for n in range(240):
        data = bytearray(original)
        if n % 2:
            for _ in range(rnd.randint(1, 8)):
                data[rnd.randrange(len(data))] = rnd.randrange(256)
        else:
            text = original.decode()
            for attribute in ("moveOn", "masteryScore", "id", "launchMethod"):
                if rnd.random() < 0.5:
                    text = re.sub(rf'{attribute}="[^"]*"', f'{attribute}="{rnd.choice(values)}"'.replace("\\", "/"),
                                  text, count=1)
            if rnd.random() < 0.3:
                text = text.replace("<url>index.html</url>", f"<url>{rnd.choice(values)}</url>")
            data = bytearray(text.encode())
        package = write_zip(tmp_path / f"m{n}.zip", {**files, "cmi5.xml": bytes(data)})
        for schemas in (None, cmi5_schemas):
            rules |= {d.rule for d in check_package(package, schemas, PKG)}
    assert {"cmi5-xml", "cmi5-xsd", "cmi5-id", "cmi5-mastery-score", "cmi5-move-on", "cmi5-au-url"} <= rules
