"""The LMS profiles (scorm_builder/lms.py): a declared, sourced table; every declared setting changes
the package; `--lms` on build and preview, `lms:` in a company profile, and `scorm-builder lms`."""
from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path

import pytest

from scorm_builder import lms, standards
from scorm_builder.cli import main
from scorm_builder.errors import BuilderError
from scorm_builder.load import load_course
from scorm_builder.pack.plan import plan
from scorm_builder.tools.preview import Preview
from tests.conftest import copy_course

REPO = Path(__file__).resolve().parents[1]
ESSENTIALS = REPO / "courses" / "empathy-essentials"
NORTHWIND = REPO / "courses" / "companies" / "northwind-mobile.yaml"


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(lms.LMS_ENV, raising=False)
    monkeypatch.delenv("SCORM_BUILDER_SCHEMAS", raising=False)


def player_data(built) -> dict:
    return data_of(built.files["index.html"])


def data_of(index_html: bytes) -> dict:
    page = index_html.decode("utf-8")
    text = re.search(r'<script type="application/json" id="course-data">(.*?)</script>', page, re.S).group(1)
    return json.loads(text)


def test_the_profiles_and_their_settings_are_declared_with_a_source_each() -> None:
    assert lms.NAMES == ("generic", "moodle", "cornerstone", "successfactors", "docebo", "scorm-cloud", "rise-up",
                         "bridge", "legacy-2004")
    assert lms.DEFAULT == "generic"
    for profile in lms.TABLE:
        for setting in lms.SETTINGS:
            value = profile.setting(setting.key)
            assert value.value in setting.values, (profile.name, setting.key)
            assert len(value.source) > 20, (profile.name, setting.key)
        for note in profile.notes:
            assert note.value and note.source, profile.name


def test_every_declared_setting_differs_between_two_profiles() -> None:
    """A setting no profile sets otherwise would be a code path nothing chooses."""
    for setting in lms.SETTINGS:
        assert len({p.setting(setting.key).value for p in lms.TABLE}) >= 2, setting.key


def test_what_each_profile_sets_apart_from_generic() -> None:
    generic = lms.get("generic")
    differs = {p.name: {s.key: p.setting(s.key).value for s in lms.SETTINGS
                        if p.setting(s.key).value != generic.setting(s.key).value} for p in lms.TABLE}
    assert differs == {"generic": {},
                       "moodle": {"masteryscore_12": "always", "interaction_ids": "grouped", "entry_trusted": False},
                       "cornerstone": {"commit_before_terminate": False}, "successfactors": {},
                       "docebo": {"scorm2004_edition": "scorm2004-3"}, "scorm-cloud": {},
                       "rise-up": {"final_failure": "incomplete"}, "bridge": {"exit_on_completion": "suspend"},
                       "legacy-2004": {"suspend_budget": "4000"}}


def test_an_unknown_profile_lists_them_and_suggests_one() -> None:
    with pytest.raises(BuilderError) as err:
        lms.get("cornerstne")
    assert err.value.message == ("unknown LMS profile 'cornerstne' (expected one of: generic, moodle, cornerstone, "
                                 "successfactors, docebo, scorm-cloud, rise-up, bridge, legacy-2004) \u2014 did you mean 'cornerstone'?")


SAME = {"suspendBudget": 64000, "interactionIds": "unique", "entryTrusted": True, "exitOnCompletion": "normal"}


@pytest.mark.parametrize(("name", "standard", "want"), [
    ("generic", "scorm2004-4", {"name": "generic", "finalFailure": "failed", "commitBeforeTerminate": True, **SAME}),
    ("cornerstone", "scorm2004-4", {"name": "cornerstone", "finalFailure": "failed", "commitBeforeTerminate": False,
                                    **SAME}),
    ("rise-up", "scorm2004-4", {"name": "rise-up", "finalFailure": "incomplete", "commitBeforeTerminate": True,
                                **SAME}),
    ("moodle", "scorm12", {"name": "moodle", "finalFailure": "failed", "commitBeforeTerminate": True,
                           **SAME, "suspendBudget": 4096, "interactionIds": "grouped", "entryTrusted": False}),
    ("bridge", "scorm2004-4", {"name": "bridge", "finalFailure": "failed", "commitBeforeTerminate": True,
                               **SAME, "exitOnCompletion": "suspend"}),
    ("legacy-2004", "scorm2004-3", {"name": "legacy-2004", "finalFailure": "failed", "commitBeforeTerminate": True,
                                    **SAME, "suspendBudget": 4000}),
    ("legacy-2004", "scorm12", {"name": "legacy-2004", "finalFailure": "failed", "commitBeforeTerminate": True,
                                **SAME, "suspendBudget": 4096}),
    ("legacy-2004", "cmi5", {"name": "legacy-2004", "finalFailure": "failed", "commitBeforeTerminate": True,
                             **SAME, "suspendBudget": 64000}),
])
def test_the_player_data_carries_the_profile(demo_course: Path, name: str, standard: str, want: dict) -> None:
    built = plan(load_course(demo_course), standard, lms=name)
    assert player_data(built)["lms"] == want
    assert built.lms == name


def test_masteryscore_in_the_12_manifest_for_moodle_only() -> None:
    """northwind: 85 against the course's 80; Moodle is told through adlcp:masteryscore."""
    course = load_course(ESSENTIALS, NORTHWIND)
    assert course.assessment.pass_mark == 85
    found = {name: re.findall(rb"<adlcp:masteryscore>(\d+)</adlcp:masteryscore>",
                              plan(course, "scorm12", lms=name).files["imsmanifest.xml"])
             for name in lms.NAMES}
    assert found == {name: ([b"85"] if name == "moodle" else []) for name in lms.NAMES}


def test_masteryscore_needs_an_assessment(tmp_path: Path, demo_course: Path) -> None:
    course = load_course(demo_course)
    assert course.assessment is not None
    folder = copy_course(demo_course, tmp_path / "no-quiz")
    text = (folder / "course.yaml").read_text(encoding="utf-8")
    assert "\nassessment:" in text
    text = text.split("\nassessment:")[0].replace("completion: both", "completion: lessons")
    (folder / "course.yaml").write_text(text + "\n", encoding="utf-8")
    built = plan(load_course(folder), "scorm12", lms="moodle")
    assert b"masteryscore" not in built.files["imsmanifest.xml"]


def test_default_standards_take_the_profiles_2004_edition() -> None:
    assert lms.default_standards(None, standards.DEFAULT) == ("scorm12", "scorm2004-4")
    assert lms.default_standards("docebo", standards.DEFAULT) == ("scorm12", "scorm2004-3")
    assert lms.default_standards("moodle", standards.DEFAULT) == ("scorm12", "scorm2004-4")


def test_build_lms_docebo_writes_the_3rd_edition(runner, demo_course: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(demo_course), "-o", str(out), "--lms", "docebo"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("*.zip")) == ["demo-course-1.0.0-scorm12.zip",
                                                          "demo-course-1.0.0-scorm2004-3.zip"]
    with zipfile.ZipFile(out / "demo-course-1.0.0-scorm2004-3.zip") as zf:
        assert b"<schemaversion>2004 3rd Edition</schemaversion>" in zf.read("imsmanifest.xml")
        assert data_of(zf.read("index.html"))["lms"]["name"] == "docebo"
    assert lms.LMS_ENV not in os.environ, "the choice does not outlive the build"


def test_build_lms_with_an_explicit_standard(runner, demo_course: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(demo_course), "-o", str(out), "--lms", "docebo", "-s", "scorm2004-4"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.glob("*.zip")] == ["demo-course-1.0.0-scorm2004-4.zip"]


def test_build_unknown_lms_is_a_usage_error(runner, demo_course: Path, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", str(demo_course), "-o", str(tmp_path / "out"), "--lms", "modle"])
    assert result.exit_code == 2
    assert ("Invalid value for '--lms': unknown LMS profile 'modle' (expected one of: generic, moodle, cornerstone, "
            "successfactors, docebo, scorm-cloud, rise-up, bridge, legacy-2004) \u2014 did you mean 'moodle'?") in result.output
    assert not (tmp_path / "out").exists()


def _company(tmp_path: Path, extra: str) -> Path:
    profile = tmp_path / "companies" / "acme.yaml"
    profile.parent.mkdir(parents=True, exist_ok=True)
    profile.write_text(f"id: acme\nname: Acme\n{extra}", encoding="utf-8")
    return profile


def test_a_company_profiles_lms_applies_unless_lms_is_given(tmp_path: Path, demo_course: Path) -> None:
    course = load_course(demo_course, _company(tmp_path, "lms: cornerstone\n"))
    assert course.company.lms == "cornerstone"
    assert plan(course, "scorm2004-4").lms == "cornerstone"
    assert player_data(plan(course, "scorm2004-4"))["lms"]["commitBeforeTerminate"] is False
    with lms.choosing("moodle"):
        assert plan(course, "scorm2004-4").lms == "moodle"
    assert plan(course, "scorm2004-4", lms="docebo").lms == "docebo"
    assert plan(load_course(demo_course, _company(tmp_path, "")), "scorm12").lms == "generic"


def test_an_unknown_lms_in_a_company_profile(runner, tmp_path: Path, demo_course: Path) -> None:
    profile = _company(tmp_path, "lms: succesfactors\n")
    result = runner.invoke(main, ["validate", str(demo_course), "--company", str(profile)])
    assert result.exit_code != 0
    assert (f"{profile}:3:6: lms: invalid value (expected one of: generic, moodle, cornerstone, successfactors, "
            "docebo, scorm-cloud, rise-up, bridge, legacy-2004, got the text 'succesfactors')") in result.output
    assert "did you mean 'successfactors'?" in result.output


def test_batch_builds_carry_the_lms_to_the_plan(tmp_path: Path, demo_course: Path) -> None:
    """The build report (pack/batch.py) records the LMS profile of each package."""
    import json

    from scorm_builder.pack.batch import build_matrix, write_report

    profile = _company(tmp_path, "lms: moodle\n")
    entries, failures = build_matrix([demo_course], [profile], ["scorm12"], tmp_path / "out", None, 1)
    assert failures == []
    assert [e.lms for e in entries] == ["moodle"]
    report = json.loads(write_report(tmp_path / "out", entries, failures).read_text(encoding="utf-8"))
    assert [p["lms"] for p in report["packages"]] == ["moodle"]
    with zipfile.ZipFile(next((tmp_path / "out").glob("*.zip"))) as zf:
        assert data_of(zf.read("index.html"))["lms"]["name"] == "moodle"
        assert b"<adlcp:masteryscore>" in zf.read("imsmanifest.xml")


def test_preview_lms(demo_course: Path) -> None:
    preview = Preview(demo_course, None, "scorm2004-4", "cornerstone")
    preview.rebuild()
    assert preview.error is None
    assert data_of(preview.files["index.html"])["lms"]["commitBeforeTerminate"] is False


def test_the_lms_command_lists_every_profile_with_sources(runner) -> None:
    result = runner.invoke(main, ["lms"])
    assert result.exit_code == 0
    assert result.output == lms.describe()
    lines = result.output.splitlines()
    assert [line.split(":")[0] for line in lines if not line.startswith(" ")] == list(lms.NAMES)
    at = lines.index("cornerstone: Cornerstone OnDemand (CSOD)")
    assert lines[at + 3] == "  Commit right before Terminate at Exit and Finish: false"
    assert lines[at + 4].startswith("    source: github.com/adaptlearning/adapt_framework/issues/2222")
    assert sum(1 for line in lines if line.startswith("    source: ")) == len(lms.TABLE) * len(lms.SETTINGS) + sum(
        len(p.notes) for p in lms.TABLE)


def test_the_docs_table_is_the_declared_table() -> None:
    doc = (REPO / "docs" / "lms-profiles.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| (.+) \|$", doc, re.M)
    shown = {name: [cell.strip(" `") for cell in cells.split("|")] for name, cells in rows}
    want = {p.name: [str(p.setting(s.key).value).lower() if isinstance(p.setting(s.key).value, bool)
                     else p.setting(s.key).value for s in lms.SETTINGS] for p in lms.TABLE}
    assert shown == want
    for setting in lms.SETTINGS:
        assert f"(`{setting.key}`)" in doc, setting.key
    assert "[docs/lms-profiles.md](docs/lms-profiles.md)" in (REPO / "README.md").read_text(encoding="utf-8")


# -- the run-time settings: suspend_data budget, interaction ids, cmi.entry, exit on completion ----------------
def test_the_run_time_settings_and_their_sources() -> None:
    """Each of the four: the value of every profile, and what justifies the ones that differ."""
    values = {key: {p.name: p.setting(key).value for p in lms.TABLE}
              for key in ("suspend_budget", "interaction_ids", "entry_trusted", "exit_on_completion")}
    assert values == {
        "suspend_budget": {n: "4000" if n == "legacy-2004" else "standard" for n in lms.NAMES},
        "interaction_ids": {n: "grouped" if n == "moodle" else "unique" for n in lms.NAMES},
        "entry_trusted": {n: n != "moodle" for n in lms.NAMES},
        "exit_on_completion": {n: "suspend" if n == "bridge" else "normal" for n in lms.NAMES},
    }
    assert lms.get("legacy-2004").suspend_budget.source.startswith(
        "access.articulate.com/support/article/exceeding-scorm-suspend-data-limits: SCORM 2004 2nd Edition keeps 4,000")
    assert lms.get("moodle").interaction_ids.source.startswith(
        "moodle/moodle mod/scorm/report/interactions/classes/report.php: the interactions report has a column per "
        "record index")
    assert "chamilo/chamilo-lms issues 2988" in lms.get("moodle").entry_trusted.source
    assert lms.get("moodle").entry_trusted.source.startswith("SCORM-CONFORMANCE.md B3: Moodle's 2004 API answers "
                                                             "entry ab-initio")
    assert lms.get("bridge").exit_on_completion.source.startswith(
        "bongarde.freshdesk.com/support/solutions/articles/68000006286 (Managing SCORM Settings in Bridge)")
    generic = lms.get("generic")
    assert generic.interaction_ids.source.startswith("github.com/adaptlearning/adapt-contrib-spoor/issues/234")
    assert "tests/browser/test_state.py" in generic.entry_trusted.source  # the only source: a test here
    assert [lms.get("legacy-2004").budget(f) for f in ("scorm12", "scorm2004", "cmi5")] == [4096, 4000, 64000]
    assert [generic.budget(f) for f in ("scorm12", "scorm2004", "cmi5")] == [4096, 64000, 64000]


def _big_course(tmp_path: Path, demo_course: Path, pages: int = 100) -> Path:
    """The demo course with many text pages whose long ids fill the saved state's viewed pages."""
    folder = copy_course(demo_course, tmp_path / "big")
    path = folder / "course.yaml"
    extra = "".join(f"      - type: text\n        id: a-page-with-a-rather-long-identifier-{i:03d}\n"
                    f"        title: Extra page {i}\n        body: Text.\n" for i in range(pages))
    path.write_text(path.read_text(encoding="utf-8").replace("    pages:\n", "    pages:\n" + extra, 1), encoding="utf-8")
    return folder


def test_a_smaller_suspend_data_budget_refuses_the_build(runner, tmp_path: Path, demo_course: Path) -> None:
    from scorm_builder.render.player_data import player_data as course_data
    from scorm_builder.render.suspend import worst_case

    folder = _big_course(tmp_path, demo_course)
    estimate = worst_case(course_data(load_course(folder), "scorm2004-4", ()))
    assert 4000 < estimate.length < 64000
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(folder), "-o", str(out), "--lms", "legacy-2004", "-s", "scorm2004-4"])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {folder / 'course.yaml'}: the saved state can reach {estimate.length:,} characters ({estimate.describe()}), above "
        "the 4,000 characters of suspend_data that LMS profile 'legacy-2004' keeps in SCORM 2004 4th Edition "
        "(scorm-builder lms) \u2014 the player would drop saved answers to fit: shorten dialogues or the question "
        "draw, split the course, or build for another LMS profile (--lms)\n")
    assert not out.exists() or not list(out.glob("*.zip"))
    # the same course for any other profile, and in SCORM 1.2 (whose budget is the standard's) for this one
    assert runner.invoke(main, ["build", str(folder), "-o", str(out), "-s", "scorm2004-4"]).exit_code == 0
    assert runner.invoke(main, ["build", str(folder), "-o", str(out), "--lms", "legacy-2004",
                                "-s", "scorm12", "-s", "cmi5"]).exit_code == 0
    assert sorted(p.name for p in out.glob("*.zip")) == ["demo-course-1.0.0-cmi5.zip", "demo-course-1.0.0-scorm12.zip",
                                                          "demo-course-1.0.0-scorm2004-4.zip"]


def test_a_course_within_the_smaller_budget_builds(demo_course: Path) -> None:
    built = plan(load_course(demo_course), "scorm2004-3", lms="legacy-2004")
    assert player_data(built)["lms"]["suspendBudget"] == 4000


def test_a_docebo_company_batch_without_standard_writes_the_3rd_edition(runner, tmp_path: Path,
                                                                          demo_course: Path) -> None:
    """`build COURSE --company '*'`: each company's lms: picks its 2004 edition; --standard still wins."""
    companies = tmp_path / "companies"
    companies.mkdir()
    (companies / "acme.yaml").write_text("id: acme\nname: Acme\nlms: docebo\n", encoding="utf-8")
    (companies / "beta.yaml").write_text("id: beta\nname: Beta\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(demo_course), "--company", "*", "--companies-dir", str(companies),
                                  "-o", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("*.zip")) == [
        "demo-course-acme-1.0.0-scorm12.zip", "demo-course-acme-1.0.0-scorm2004-3.zip",
        "demo-course-beta-1.0.0-scorm12.zip", "demo-course-beta-1.0.0-scorm2004-4.zip"]
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    assert [(Path(p["path"]).name, p["company"], p["standard"], p["lms"]) for p in report["packages"]] == [
        ("demo-course-acme-1.0.0-scorm12.zip", "acme", "scorm12", "docebo"),
        ("demo-course-acme-1.0.0-scorm2004-3.zip", "acme", "scorm2004-3", "docebo"),
        ("demo-course-beta-1.0.0-scorm12.zip", "beta", "scorm12", "generic"),
        ("demo-course-beta-1.0.0-scorm2004-4.zip", "beta", "scorm2004-4", "generic")]
    with zipfile.ZipFile(out / "demo-course-acme-1.0.0-scorm2004-3.zip") as zf:
        assert b"<schemaversion>2004 3rd Edition</schemaversion>" in zf.read("imsmanifest.xml")
    explicit = tmp_path / "explicit"
    result = runner.invoke(main, ["build", str(demo_course), "--company", "acme", "--companies-dir", str(companies),
                                  "-o", str(explicit), "-s", "scorm2004-4", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in explicit.glob("*.zip")] == ["demo-course-acme-1.0.0-scorm2004-4.zip"]
    # --lms overrides every company's lms:, for the edition too
    assert lms.standards_for(lms.default_standards(None, standards.DEFAULT), "docebo") == ("scorm12", "scorm2004-3")
    with lms.choosing("moodle"):
        assert lms.standards_for(lms.default_standards(None, standards.DEFAULT), "docebo") == ("scorm12",
                                                                                               "scorm2004-4")
    assert lms.standards_for(("scorm2004-4",), "docebo") == ("scorm2004-4",)
