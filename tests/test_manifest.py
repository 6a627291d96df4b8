"""imsmanifest.xml: XSD-valid and structurally right for every course and standard; golden manifests.

Golden files: tests/golden/demo-course-<standard>.xml (the `scorm-builder new demo-course` course).
Regenerate them after an intended manifest change with:

    python -m pytest tests/test_manifest.py --update-golden

then review the diff with `git diff tests/golden` before committing.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from manifest_rules import Expect, structural_problems, xsd_errors
from repo import REPO

from scorm_builder import standards
from scorm_builder.load import load_course
from scorm_builder.pack.plan import xml_id

GOLDEN = REPO / "tests" / "golden"
STANDARDS = tuple(s.id for s in standards.TABLE if s.manifest_name == "imsmanifest.xml")  # cmi5: test_cmi5_package
COURSES = sorted(p.parent.name for p in (REPO / "courses").glob("*/course.yaml"))
CASES = [(c, s) for c in ["(demo)", *COURSES] for s in STANDARDS]


@pytest.fixture(autouse=True)
def _no_schema_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCORM_BUILDER_SCHEMAS", raising=False)


def expect_for(course_dir: Path, with_schemas: bool = False) -> Expect:
    course = load_course(course_dir)
    return Expect(course.title, course.assessment.pass_mark if course.assessment else None,
                  course.lms_mastery_score, with_schemas)


def manifest_of(zip_path: Path) -> bytes:
    with zipfile.ZipFile(zip_path) as zf:
        return zf.read("imsmanifest.xml")


def test_there_are_courses_to_check() -> None:
    assert COURSES, "courses/ holds no course folder"


@pytest.mark.parametrize(("name", "standard"), CASES)
def test_manifest_is_valid(name: str, standard: str, demo_course: Path, schemas_dir: Path, build_into) -> None:
    """XSD-valid against the official schemas, and every structural rule the XSDs miss."""
    course_dir = demo_course if name == "(demo)" else REPO / "courses" / name
    zip_path = build_into(course_dir, [standard])[standard]
    assert xsd_errors(manifest_of(zip_path), schemas_dir, standard) == []
    assert structural_problems(zip_path.read_bytes(), standard, expect_for(course_dir)) == []


@pytest.mark.parametrize("standard", STANDARDS)
def test_schemas_option_copies_control_files(standard: str, demo_course: Path, schemas_dir: Path,
                                             build_into) -> None:
    """--schemas puts the official control files at the package root; the package still validates."""
    zip_path = build_into(demo_course, [standard], schemas=schemas_dir)[standard]
    source = schemas_dir / ("scorm12" if standard == "scorm12" else "scorm2004-4th")
    expected = {p.relative_to(source).as_posix(): p.read_bytes() for p in source.rglob("*")
                if p.is_file() and p.suffix in (".xsd", ".dtd")}
    with zipfile.ZipFile(zip_path) as zf:
        copied = {n: zf.read(n) for n in zf.namelist() if n.endswith((".xsd", ".dtd"))}
    assert copied == expected
    must = (["imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd"]
            if standard == "scorm12" else
            ["imscp_v1p1.xsd", "adlcp_v1p3.xsd", "imsss_v1p0.xsd", "adlseq_v1p3.xsd", "adlnav_v1p3.xsd",
             "xml.xsd", "XMLSchema.dtd", "datatypes.dtd"])
    assert set(must) <= set(copied)
    assert xsd_errors(manifest_of(zip_path), schemas_dir, standard) == []
    assert structural_problems(zip_path.read_bytes(), standard, expect_for(demo_course, True)) == []


def test_schemas_from_environment(demo_course: Path, schemas_dir: Path, build_into,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCORM_BUILDER_SCHEMAS", str(schemas_dir))
    zip_path = build_into(demo_course, ["scorm12"])["scorm12"]
    with zipfile.ZipFile(zip_path) as zf:
        assert "imscp_rootv1p1p2.xsd" in zf.namelist()


def test_without_schemas_no_control_files(demo_course: Path, build_into) -> None:
    for zip_path in build_into(demo_course).values():
        with zipfile.ZipFile(zip_path) as zf:
            assert [n for n in zf.namelist() if n.endswith((".xsd", ".dtd"))] == []


def test_project_holds_no_xsd_files() -> None:
    """The official XSDs are never part of the project (tracked or not)."""
    tracked = subprocess.run(["git", "ls-files", "*.xsd", "*.XSD", "*.dtd"], cwd=REPO, capture_output=True,
                             text=True, check=True).stdout.split()
    assert tracked == []
    skip = {".git", "node_modules", "output", ".venv", "build", "dist", ".pytest_cache"}
    found = [p for p in REPO.rglob("*.xsd") if not skip & set(p.relative_to(REPO).parts)]
    assert found == []


# -- scoring in the manifest ---------------------------------------------------------------------

def _variant(demo_course: Path, tmp_path: Path, old: str, new: str) -> Path:
    folder = tmp_path / "variant"
    shutil.copytree(demo_course, folder)
    text = (folder / "course.yaml").read_text(encoding="utf-8")
    assert old in text
    (folder / "course.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_masteryscore_only_when_the_course_asks(demo_course: Path, tmp_path: Path, build_into,
                                                schemas_dir: Path) -> None:
    plain = manifest_of(build_into(demo_course, ["scorm12"], out=tmp_path / "a")["scorm12"])
    assert b"masteryscore" not in plain
    folder = _variant(demo_course, tmp_path, "completion: both", "completion: both\nlms_mastery_score: true")
    built = build_into(folder, STANDARDS, out=tmp_path / "b")
    asked = manifest_of(built["scorm12"])
    assert b"<adlcp:masteryscore>80</adlcp:masteryscore>" in asked
    assert xsd_errors(asked, schemas_dir, "scorm12") == []
    assert structural_problems(built["scorm12"].read_bytes(), "scorm12", expect_for(folder)) == []
    assert b"masteryscore" not in manifest_of(built["scorm2004-4"])


@pytest.mark.parametrize(("pass_mark", "measure"), [(0, "0"), (75, "0.75"), (100, "1"), (7, "0.07")])
def test_min_normalized_measure_is_pass_mark_over_100(pass_mark: int, measure: str, demo_course: Path,
                                                      tmp_path: Path, build_into, schemas_dir: Path) -> None:
    folder = _variant(demo_course, tmp_path, "pass_mark: 80", f"pass_mark: {pass_mark}")
    built = build_into(folder, ["scorm2004-4", "scorm12"])
    manifest = manifest_of(built["scorm2004-4"])
    assert f"<imsss:minNormalizedMeasure>{measure}</imsss:minNormalizedMeasure>".encode() in manifest
    assert xsd_errors(manifest, schemas_dir, "scorm2004-4") == []
    assert structural_problems(built["scorm2004-4"].read_bytes(), "scorm2004-4", expect_for(folder)) == []


def test_course_without_assessment_has_no_measure(tmp_path: Path, build_into, schemas_dir: Path) -> None:
    folder = tmp_path / "lessons-only"
    folder.mkdir()
    (folder / "course.yaml").write_text(
        "id: lessons-only\ntitle: Lessons only\nlessons:\n  - id: a\n    title: A\n    pages:\n"
        "      - type: text\n        title: T\n        body: B\n", encoding="utf-8")
    built = build_into(folder, STANDARDS)
    m2004 = manifest_of(built["scorm2004-4"])
    assert b"primaryObjective" not in m2004
    assert b'<imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>' in m2004
    for standard, path in built.items():
        assert xsd_errors(manifest_of(path), schemas_dir, standard) == []
        assert structural_problems(path.read_bytes(), standard, expect_for(folder)) == []


def test_assets_are_listed_in_the_manifest(demo_course: Path, tmp_path: Path, build_into) -> None:
    folder = _variant(demo_course, tmp_path, "        callout:\n",
                      "        image:\n          src: assets/call.png\n          alt: An agent on a call\n"
                      "        callout:\n")
    (folder / "assets" / "call.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    built = build_into(folder, STANDARDS)
    for standard, path in built.items():
        assert b'<file href="assets/call.png"/>' in manifest_of(path)
        assert structural_problems(path.read_bytes(), standard, expect_for(folder)) == []


# -- identifiers -----------------------------------------------------------------------------------

def test_xml_ids_are_ncnames() -> None:
    assert xml_id("MANIFEST", "empathy-essentials") == "MANIFEST-empathy-essentials"
    assert xml_id("1st course") == "id-1st_course"
    assert xml_id("a:b c/d") == "a_b_c_d"
    for odd in ("9", "-x", ".", "é", "a b", "<x>"):
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", xml_id(odd)), odd


# -- the rules themselves catch broken manifests ---------------------------------------------------

def _rezip(zip_path: Path, change) -> bytes:
    with zipfile.ZipFile(zip_path) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    change(files)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, data in files.items():
            zf.writestr(n, data)
    return buf.getvalue()


def _edit(old: bytes, new: bytes):
    def change(files):
        assert old in files["imsmanifest.xml"], old
        files["imsmanifest.xml"] = files["imsmanifest.xml"].replace(old, new)
    return change


def test_rules_catch_broken_manifests(demo_course: Path, build_into, schemas_dir: Path) -> None:
    built = build_into(demo_course)
    expect = expect_for(demo_course)
    z12, z04 = built["scorm12"], built["scorm2004-4"]
    cases = [
        (z04, "scorm2004-4", _edit(b'adlcp:scormType="sco"', b'adlcp:scormtype="sco"'),
         ["resource RES-demo-course has ['{http://www.adlnet.org/xsd/adlcp_v1p3}scormtype'], expected only "
          "{http://www.adlnet.org/xsd/adlcp_v1p3}scormType",
          "resource RES-demo-course has {http://www.adlnet.org/xsd/adlcp_v1p3}scormType=None, expected 'sco' or 'asset'"]),
        (z12, "scorm12", _edit(b"<schemaversion>1.2<", b"<schemaversion>1.3<"),
         ["schemaversion is '1.3', expected '1.2'"]),
        (z04, "scorm2004-4", _edit(b'identifierref="RES-demo-course"', b'identifierref="RES-other"'),
         ["identifierref 'RES-other' resolves to no resource",
          "resource RES-demo-course is referenced by no item or dependency"]),
        (z12, "scorm12", _edit(b'      <file href="player/player.js"/>\n', b""),
         ["player/player.js is in the zip but no <file> lists it"]),
        (z12, "scorm12", lambda f: f.pop("player/player.css"),
         ["<file href='player/player.css'> is not in the zip"]),
        (z04, "scorm2004-4", _edit(b"<imsss:minNormalizedMeasure>0.8<", b"<imsss:minNormalizedMeasure>0.5<"),
         ["minNormalizedMeasure is '0.5', expected 0.8"]),
        (z04, "scorm2004-4", _edit(b'objectiveSetByContent="true"', b'objectiveSetByContent="false"'),
         ["deliveryControls must set completionSetByContent and objectiveSetByContent to true"]),
        (z12, "scorm12", _edit(b"</title>\n      </item>", b"</title>\n<adlcp:masteryscore>80</adlcp:masteryscore>\n"
                                                          b"      </item>"),
         ["adlcp:masteryscore is ['80'], expected []"]),
        (z04, "scorm2004-4", _edit(b'identifier="ITEM-demo-course"', b'identifier="1-item"'),
         ["identifier '1-item' is not an xs:ID (NCName)"]),
        (z04, "scorm2004-4", _edit(b'<file href="index.html"/>', b""),
         ["resource RES-demo-course href 'index.html' has no matching <file>",
          "index.html is in the zip but no <file> lists it"]),
    ]
    for zip_path, standard, change, expected in cases:
        assert structural_problems(_rezip(zip_path, change), standard, expect) == expected
    # the XSD catches what it should: a 1.2 scormType in camel case
    bad = manifest_of(z12).replace(b"adlcp:scormtype", b"adlcp:scormType")
    assert xsd_errors(bad, schemas_dir, "scorm12") != []


# -- golden manifests ------------------------------------------------------------------------------

@pytest.mark.parametrize("standard", STANDARDS)
def test_golden_manifest(standard: str, demo_course: Path, build_into, request: pytest.FixtureRequest) -> None:
    manifest = manifest_of(build_into(demo_course, [standard])[standard])
    golden = GOLDEN / f"demo-course-{standard}.xml"
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(manifest)
    assert golden.is_file(), f"{golden} missing; run: python -m pytest tests/test_manifest.py --update-golden"
    assert manifest.decode("utf-8") == golden.read_text(encoding="utf-8"), (
        "the manifest differs from its golden file; if the change is intended, run "
        "`python -m pytest tests/test_manifest.py --update-golden` and review `git diff tests/golden`")
