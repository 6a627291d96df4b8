"""cmi5 packages: the zip and its cmi5.xml (valid against CourseStructure.xsd), ids, moveOn and
masteryScore, the player page, batch builds, and what `check` says of good and broken cmi5 zips."""
from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, copy_course, need
from lxml import etree

from scorm_builder.cli import main
from scorm_builder.errors import CourseInvalid
from scorm_builder.pack.batch import build_matrix
from scorm_builder.pack.pipeline import build

NS = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
PKG = "pkg.zip"
# What the scaffolded demo course (`scorm-builder new demo-course`) gets as its cmi5.xml.
DEMO_CMI5_XML = """\
<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://scorm-builder.invalid/courses/demo-course">
    <title>
      <langstring lang="en">Demo course</langstring>
    </title>
    <description>
      <langstring lang="en">What learners will be able to do after this course.</langstring>
    </description>
  </course>
  <au id="https://scorm-builder.invalid/courses/demo-course/au" moveOn="CompletedAndPassed" masteryScore="0.8" launchMethod="AnyWindow">
    <title>
      <langstring lang="en">Demo course</langstring>
    </title>
    <description>
      <langstring lang="en">What learners will be able to do after this course.</langstring>
    </description>
    <url>index.html</url>
  </au>
</courseStructure>
"""


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SCORM_BUILDER_SCHEMAS", "SOURCE_DATE_EPOCH"):
        monkeypatch.delenv(name, raising=False)


def cmi5_schemas_folder() -> Path:
    """The cmi5 working group's files (env CMI5_SCHEMAS_DIR, default <repo>/../shared/cmi5): v1/CourseStructure.xsd."""
    folder = Path(os.environ.get("CMI5_SCHEMAS_DIR") or REPO.parent / "shared" / "cmi5").resolve()
    if not (folder / "v1" / "CourseStructure.xsd").is_file():
        need(f"the cmi5 CourseStructure.xsd not found in {folder}/v1 (set CMI5_SCHEMAS_DIR)")
    return folder


@pytest.fixture(scope="session")
def cmi5_schemas() -> Path:
    return cmi5_schemas_folder()


def built(course: Path, out: Path, **kwargs) -> Path:
    return build([course], ["cmi5"], out, **kwargs)[0].path


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def au_of(path: Path):
    return etree.fromstring(entries(path)["cmi5.xml"]).find(f"{{{NS}}}au")


def set_key(course: Path, old: str, new: str) -> None:
    yaml = course / "course.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert old in text, old
    yaml.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- the package ----------------------------------------------------------------------------------
def test_the_package_is_named_for_cmi5_and_holds_cmi5_xml_at_its_root(demo_course, tmp_path):
    path = built(demo_course, tmp_path)
    assert path.name == "demo-course-1.0.0-cmi5.zip"
    files = entries(path)
    assert sorted(files) == ["cmi5.xml", "course/lesson-001.js", "index.html", "player/brand.css",
                             "player/player.css", "player/player.js"]
    assert files["cmi5.xml"].decode("utf-8") == DEMO_CMI5_XML


def test_cmi5_xml_is_valid_against_course_structure_xsd(tmp_path, cmi5_schemas):
    schema = etree.XMLSchema(etree.parse(str(cmi5_schemas / "v1" / "CourseStructure.xsd")))
    for course in sorted(p.parent for p in (REPO / "courses").glob("*/course.yaml")):
        doc = etree.fromstring(entries(built(course, tmp_path / course.name))["cmi5.xml"])
        assert schema.validate(doc), (course.name, schema.error_log)


def test_the_player_page_talks_to_the_lrs_it_is_launched_with(demo_course, tmp_path):
    cmi5 = entries(built(demo_course, tmp_path / "a"))["index.html"].decode("utf-8")
    scorm = entries(build([demo_course], ["scorm2004-4"], tmp_path / "b")[0].path)["index.html"].decode("utf-8")
    assert "script-src 'self'; connect-src http: https:; font-src" in cmi5  # the LRS is known only at launch
    assert "script-src 'self'; connect-src 'none'; font-src" in scorm
    data = json.loads(re.search(r'id="course-data">(.*?)</script>', cmi5, re.S).group(1))
    assert data["standard"] == "cmi5"


def test_ids_are_iris_that_stay_the_same_across_versions(demo_course, tmp_path):
    later = copy_course(demo_course, tmp_path / "later")
    set_key(later, 'version: "1.0.0"', 'version: "2.4.0"')
    first, second = au_of(built(demo_course, tmp_path / "a")), au_of(built(later, tmp_path / "b"))
    assert first.get("id") == second.get("id") == "https://scorm-builder.invalid/courses/demo-course/au"
    assert (etree.fromstring(entries(built(later, tmp_path / "c"))["cmi5.xml"]).find(f"{{{NS}}}course").get("id")
            == "https://scorm-builder.invalid/courses/demo-course")


def test_publisher_iri_from_the_course_then_the_profile_with_the_company(demo_course, tmp_path):
    course = copy_course(demo_course, tmp_path / "course")
    set_key(course, "completion: both", "publisher_iri: https://learning.example.com/cmi5/\ncompletion: both")
    assert au_of(built(course, tmp_path / "a")).get("id") == "https://learning.example.com/cmi5/demo-course/au"
    profile = tmp_path / "acme.yaml"
    profile.write_text("id: acme\nname: Acme\npublisher_iri: urn:acme:courses\n", encoding="utf-8")
    entries_, failures = build_matrix([course], [profile], ["cmi5"], tmp_path / "b", workers=1)
    assert failures == []
    path = tmp_path / "b" / "demo-course-acme-1.0.0-cmi5.zip"
    assert au_of(path).get("id") == "urn:acme:courses/demo-course/acme/au"


def test_a_publisher_iri_that_is_not_an_absolute_iri_is_refused(demo_course, tmp_path):
    course = copy_course(demo_course, tmp_path / "course")
    set_key(course, "completion: both", "publisher_iri: courses.example.com/cmi5?x=1\ncompletion: both")
    with pytest.raises(CourseInvalid) as info:
        built(course, tmp_path / "out")
    yaml = course / "course.yaml"
    line = next(n for n, text in enumerate(yaml.read_text().splitlines(), 1) if text.startswith("publisher_iri"))
    assert str(info.value).splitlines()[0] == (
        f"{yaml}:{line}:16: publisher_iri: invalid value 'courses.example.com/cmi5?x=1' (expected an absolute IRI "
        "such as https://courses.example.com/cmi5, with no spaces, query or fragment) — use an absolute IRI such as "
        "https://courses.example.com/cmi5, with no spaces, query or fragment, for example "
        "'https://courses.example.com/cmi5'")


@pytest.mark.parametrize(("completion", "pass_mark", "move_on", "mastery"), [
    ("lessons", None, "Completed", None),  # no assessment: nothing to pass
    ("lessons", 80, "Completed", "0.8"),
    ("assessment", 85, "Passed", "0.85"),
    ("both", 100, "CompletedAndPassed", "1"),
])
def test_move_on_from_the_completion_rule_and_mastery_score_from_the_pass_mark(demo_course, tmp_path, completion,
                                                                                pass_mark, move_on, mastery):
    course = copy_course(demo_course, tmp_path / "course")
    set_key(course, "completion: both", f"completion: {completion}")
    yaml = course / "course.yaml"
    text = yaml.read_text(encoding="utf-8")
    if pass_mark is None:
        yaml.write_text(text[:text.index("\nassessment:")] + "\n", encoding="utf-8")
    else:
        set_key(course, "pass_mark: 80", f"pass_mark: {pass_mark}")
    au = au_of(built(course, tmp_path / "out"))
    assert (au.get("moveOn"), au.get("masteryScore"), au.get("launchMethod")) == (move_on, mastery, "AnyWindow")
    assert au.findtext(f"{{{NS}}}url") == "index.html"


def test_a_company_pass_mark_is_the_mastery_score(tmp_path):
    paths, failures = build_matrix([REPO / "courses" / "empathy-essentials"],
                                   [REPO / "courses" / "companies" / "northwind-mobile.yaml"], ["cmi5"], tmp_path,
                                   workers=1)
    assert failures == []
    assert au_of(tmp_path / "empathy-essentials-northwind-mobile-1.0.0-cmi5.zip").get("masteryScore") == "0.85"


def test_titles_and_descriptions_are_in_the_course_language(demo_course, tmp_path):
    course = copy_course(demo_course, tmp_path / "course")
    set_key(course, "language: en", "language: fr")
    set_key(course, "description: What learners will be able to do after this course.\n", "")
    root = etree.fromstring(entries(built(course, tmp_path / "out"))["cmi5.xml"])
    texts = [(el.get("lang"), el.text) for el in root.iter(f"{{{NS}}}langstring")]
    assert texts == [("fr", "Demo course")] * 4  # without a description, the title describes it


def test_schemas_are_not_copied_into_a_cmi5_package(demo_course, tmp_path, schemas_dir):
    assert sorted(entries(built(demo_course, tmp_path, schemas=schemas_dir))) == [
        "cmi5.xml", "course/lesson-001.js", "index.html", "player/brand.css", "player/player.css",
        "player/player.js"]


def test_a_batch_build_with_cmi5_reports_each_package(demo_course, tmp_path, runner):
    companies = tmp_path / "companies"
    companies.mkdir()
    (companies / "acme.yaml").write_text("id: acme\nname: Acme\n", encoding="utf-8")
    result = runner.invoke(main, ["build", str(demo_course), "--company", "*", "--companies-dir", str(companies),
                                  "-s", "scorm12", "-s", "cmi5", "-o", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "build-report.json").read_text(encoding="utf-8"))
    rows = [(p["company"], p["standard"], Path(p["path"]).name) for p in report["packages"]]
    assert rows == [("acme", "cmi5", "demo-course-acme-1.0.0-cmi5.zip"),
                    ("acme", "scorm12", "demo-course-acme-1.0.0-scorm12.zip")]
