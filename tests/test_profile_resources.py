"""Company profiles' resources (source/profile_resources.py): files of the profile's folder added to the course's
Resources list, at the top level and per course, new titles for the course's own, and every way a profile's file
can be wrong reported at its ``file:`` in the profile, with the safety rules of a profile's logo."""
from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from repo import course_data

from scorm_builder.cli import main
from scorm_builder.errors import CourseInvalid
from scorm_builder.load import load_course
from scorm_builder.pack.batch import build_matrix

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
COURSE = """\
id: aids
title: Aids
resources:
  - title: Checklist
    file: assets/checklist.pdf
    description: One page.
lessons:
  - id: intro
    title: Intro
    pages:
      - {type: text, title: One, body: "Listen first."}
"""
PROFILE = """\
id: acme
name: Acme
resources:
  - title: Acme escalation map
    file: acme/escalation-map.pdf
    description: Who to call when a customer needs a supervisor.
  - title: The Acme checklist
    file: assets/checklist.pdf
courses:
  aids:
    resources:
      - title: Refund rules
        file: acme/refunds/rules.csv
"""


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "courses" / "aids"
    (folder / "assets").mkdir(parents=True)
    (folder / "course.yaml").write_text(COURSE, encoding="utf-8")
    (folder / "assets" / "checklist.pdf").write_bytes(PDF)
    (tmp_path / "courses" / "companies" / "acme" / "refunds").mkdir(parents=True)
    (tmp_path / "courses" / "companies" / "acme" / "escalation-map.pdf").write_bytes(PDF + b"map")
    (tmp_path / "courses" / "companies" / "acme" / "refunds" / "rules.csv").write_text("rule,days\n", "utf-8")
    return Path("courses/aids")


def profile(text: str = PROFILE) -> Path:
    path = Path("courses/companies/acme.yaml")
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(course: Path, text: str) -> list[str]:
    with pytest.raises(CourseInvalid) as info:
        load_course(course, profile(text))
    return [str(p) for p in info.value.problems]


def one_resource(file: str, section: bool = False) -> str:
    item = f"  - title: Map\n    file: {file}\n"
    if section:
        return "id: acme\nname: Acme\ncourses:\n  aids:\n    resources:\n" + "".join("    " + line + "\n"
                                                                                  for line in item.splitlines())
    return f"id: acme\nname: Acme\nresources:\n{item}"


def test_a_profile_adds_files_and_retitles_the_courses_resources(course: Path, tmp_path: Path) -> None:
    model = load_course(course, profile())
    assert [(r.title, r.href, r.description) for r in model.aids.resources] == [
        ("The Acme checklist", "assets/checklist.pdf", "One page."),
        ("Acme escalation map", "company/acme/escalation-map.pdf", "Who to call when a customer needs a supervisor."),
        ("Refund rules", "company/acme/refunds/rules.csv", "")]
    assert [r.source.at("title").file for r in model.aids.resources] == ["courses/companies/acme.yaml"] * 3
    assert [a.href for a in model.assets] == ["assets/checklist.pdf", "company/acme/escalation-map.pdf",
                                              "company/acme/refunds/rules.csv"]
    result = CliRunner().invoke(main, ["build", str(course), "--company", "courses/companies/acme.yaml",
                                       "--standard", "scorm12", "--standard", "scorm2004-4", "--output", "out"])
    assert result.exit_code == 0, result.output
    for standard in ("scorm12", "scorm2004-4"):
        with zipfile.ZipFile(tmp_path / "out" / f"aids-acme-1.0.0-{standard}.zip") as zf:
            assert zf.read("company/acme/escalation-map.pdf") == PDF + b"map"
            assert zf.read("company/acme/refunds/rules.csv") == b"rule,days\n"
            assert zf.read("assets/checklist.pdf") == PDF
            listed = re.findall(r'<file href="([^"]+)"/>', zf.read("imsmanifest.xml").decode())
            data = course_data(zf.read("index.html"))
        assert {"assets/checklist.pdf", "company/acme/escalation-map.pdf", "company/acme/refunds/rules.csv"} <= \
            set(listed), standard
        assert data["resources"] == [
            {"title": "The Acme checklist", "href": "assets/checklist.pdf", "description": "One page."},
            {"title": "Acme escalation map", "href": "company/acme/escalation-map.pdf",
             "description": "Who to call when a customer needs a supervisor."},
            {"title": "Refund rules", "href": "company/acme/refunds/rules.csv", "description": ""}]
    assert [r.title for r in load_course(course).aids.resources] == ["Checklist"]  # the course itself unchanged


def test_a_batch_build_keeps_each_companys_resources_to_itself(course: Path, tmp_path: Path) -> None:
    """The companies of a batch share the course's tree: one company's title must not reach the other's package."""
    profile()
    Path("courses/companies/plain.yaml").write_text("id: plain\nname: Plain\n", encoding="utf-8")
    entries, failures = build_matrix([course], [Path("courses/companies/acme.yaml"),
                                                Path("courses/companies/plain.yaml")], ["scorm12"], tmp_path / "out")
    assert failures == []
    titles = {}
    for company in ("acme", "plain"):
        with zipfile.ZipFile(tmp_path / "out" / f"aids-{company}-1.0.0-scorm12.zip") as zf:
            titles[company] = [r["title"] for r in course_data(zf.read("index.html"))["resources"]]
            names = zf.namelist()
        assert ("company/acme/escalation-map.pdf" in names) == (company == "acme")
    assert titles == {"acme": ["The Acme checklist", "Acme escalation map", "Refund rules"], "plain": ["Checklist"]}


def test_a_course_without_resources_gets_the_profiles(course: Path) -> None:
    Path("courses/aids/course.yaml").write_text(COURSE.replace(COURSE[COURSE.index("resources:"):
                                                                      COURSE.index("lessons:")], ""), "utf-8")
    model = load_course(course, profile(one_resource("acme/escalation-map.pdf")))
    assert [(r.title, r.href) for r in model.aids.resources] == [("Map", "company/acme/escalation-map.pdf")]


def test_a_missing_file_is_an_error_at_its_line_in_the_profile(course: Path) -> None:
    assert problems_of(course, one_resource("acme/job-aid.pdf")) == [
        "courses/companies/acme.yaml:5:11: resources[0].file: resource file not found: 'acme/job-aid.pdf' (expected a "
        "file at courses/companies/acme/job-aid.pdf) \u2014 check the path; it is relative to the profile's folder"]
    assert problems_of(course, one_resource("acme/job-aid.pdf", section=True)) == [
        "courses/companies/acme.yaml:7:15: courses.aids.resources[0].file: resource file not found: "
        "'acme/job-aid.pdf' (expected a file at courses/companies/acme/job-aid.pdf) \u2014 check the path; it is "
        "relative to the profile's folder"]


def test_a_file_of_a_type_a_resource_cant_be_is_an_error(course: Path) -> None:
    Path("courses/companies/acme/tracker.html").write_text("<html></html>", "utf-8")
    assert problems_of(course, one_resource("acme/tracker.html")) == [
        "courses/companies/acme.yaml:5:11: resources[0].file: a resource can't be the file 'acme/tracker.html' "
        "(expected a document, picture, sound or video: pdf, png, jpg, jpeg, gif, webp, mp3, m4a, wav, ogg, oga, "
        "mp4, m4v, webm, ogv, txt, csv, docx, xlsx, pptx, odt, ods, odp, zip) \u2014 make the resource a PDF or "
        "another file of those types"]


@pytest.mark.parametrize("raw", ["../aids/assets/checklist.pdf", "/etc/hosts.txt", "acme/../../secret.pdf"])
def test_a_path_out_of_the_profiles_folder_is_an_error(course: Path, raw: str) -> None:
    assert problems_of(course, one_resource(raw)) == [
        f"courses/companies/acme.yaml:5:11: resources[0].file: the resource path '{raw}' leaves the profile's folder "
        "(expected a path inside it) \u2014 put the file in a folder next to the profile and write its path from "
        "there, e.g. acme/job-aid.pdf"]


def test_a_link_out_of_the_profiles_folder_is_an_error(course: Path, tmp_path: Path) -> None:
    os.symlink(tmp_path / "courses" / "aids" / "assets" / "checklist.pdf", "courses/companies/acme/linked.pdf")
    assert problems_of(course, one_resource("acme/linked.pdf")) == [
        "courses/companies/acme.yaml:5:11: resources[0].file: the resource 'acme/linked.pdf' is a link to a file "
        "outside the profile's folder (courses/aids/assets/checklist.pdf) \u2014 copy the file into the profile's "
        "folder instead of linking to it"]


def test_a_large_a_misnamed_and_a_mislabelled_file_are_errors(course: Path) -> None:
    with open("courses/companies/acme/big.pdf", "wb") as handle:
        handle.write(PDF)
        handle.truncate(20 * 1024 * 1024 + 1)  # sparse: nothing is written
    Path("courses/companies/acme/Job Aid.pdf").write_bytes(PDF)
    Path("courses/companies/acme/fake.pdf").write_text("not a pdf", "utf-8")
    assert problems_of(course, one_resource("acme/big.pdf")) == [
        "courses/companies/acme.yaml:5:11: resources[0].file: the resource 'acme/big.pdf' is 20.0 MB, above the "
        "20.0 MB a profile's resource may be \u2014 make the file smaller, or link to it on the company's site from "
        "the course text"]
    assert problems_of(course, one_resource('"acme/Job Aid.pdf"')) == [
        "courses/companies/acme.yaml:5:11: resources[0].file: the resource file name 'acme/Job Aid.pdf' has "
        "capitals, spaces or other special characters (expected lower-case letters, digits, '.', '-', '_' and '/') "
        "\u2014 rename the file, e.g. acme/job-aid.pdf, and update the path"]
    assert problems_of(course, one_resource("acme/fake.pdf")) == [
        "courses/companies/acme.yaml:5:11: resources[0].file: the asset 'acme/fake.pdf' is not a PDF document: its "
        "first bytes are not those of a .pdf file \u2014 export the file again as .pdf, or give it the extension of "
        "what it really is"]


def test_a_resource_without_a_title_is_a_format_error(course: Path) -> None:
    assert problems_of(course, "id: acme\nname: Acme\nresources:\n  - file: acme/escalation-map.pdf\n") == [
        "courses/companies/acme.yaml:4:5: resources[0].title: missing required key 'title' in profile resource \u2014 "
        "add 'title:' (text)"]
