"""The README's own examples work as written: its company profile, the package names it promises, and the
commands of its test section."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from repo import REPO

from scorm_builder.load import load_course
from scorm_builder.pack.plan import plan

README = (REPO / "README.md").read_text(encoding="utf-8")


def readme_yaml(after: str) -> str:
    section = README[README.index(after):]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def readme_profile(tmp_path: Path) -> Path:
    """The README's profile saved as it says, with the logo and theme folder it names beside it."""
    companies = tmp_path / "companies"
    (companies / "logos").mkdir(parents=True)
    shutil.copy(REPO / "courses/companies/logos/northwind.svg", companies / "logos")
    (companies / "northwind-theme/player").mkdir(parents=True)
    (companies / "northwind-theme/player/brand.css").write_text(":root { --brand: #0b5394; }\n")
    profile = companies / "northwind.yaml"
    profile.write_text(readme_yaml("## Company profiles and batch builds"), encoding="utf-8")
    return profile


def test_the_company_profile_example_customizes_the_essentials_course(tmp_path: Path) -> None:
    """Every id it names is one the course has (load_course raises on any problem), and each change shows."""
    course = load_course(REPO / "courses/empathy-essentials", readme_profile(tmp_path))
    assert (course.company.id, course.company.name) == ("northwind", "Northwind Mobile")
    assert (course.assessment.pass_mark, course.assessment.attempts) == (85, 2)
    timing = next(lesson for lesson in course.lessons if lesson.id == "timing")
    titles = [page.title for page in timing.pages]
    on_hold = [page.id for page in timing.pages].index("timing-on-hold")
    assert titles[on_hold + 1] == "Our callback promise"
    assert timing.pages[on_hold + 1].body == "We call back within two hours."
    assert "core-promoter-detractor" not in [q.id for q in course.assessment.questions]
    billing = next(page for page in course.pages if page.id == "clues-billing-error")
    assert billing.customer.says == "My Northwind bill doubled again!"


def test_the_package_names_the_readme_gives_are_the_ones_built(tmp_path: Path) -> None:
    course = load_course(REPO / "courses/empathy-essentials", readme_profile(tmp_path))
    name = plan(course, "scorm12").name
    assert name == "empathy-essentials-northwind-1.0.0-scorm12.zip"
    assert f"`output/{name}`" in README
    shipped = load_course(REPO / "courses/empathy-essentials", REPO / "courses/companies/northwind-mobile.yaml")
    name = plan(shipped, "scorm12").name
    assert f"(`{name}` for the\n  shipped `courses/companies/northwind-mobile.yaml`)" in README
    plain = load_course(REPO / "courses/empathy-essentials")
    for standard in ("scorm12", "scorm2004-4"):
        assert f"`output/{plan(plain, standard).name}`" in README


def test_the_fast_tests_alone_start_no_browser() -> None:
    """The README's fast-test command deselects the browser tests by their marker: every test under
    tests/browser has it (its conftest adds it), and no test anywhere else drives a browser."""
    assert '`python -m pytest -m "not browser"` runs the fast tests alone' in README
    conftest = (REPO / "tests/browser/conftest.py").read_text(encoding="utf-8")
    assert "item.add_marker(pytest.mark.browser)" in conftest
    drives = [p.relative_to(REPO).as_posix() for p in (REPO / "tests").rglob("*.py")
              if re.search(r"playwright|chromium", p.read_text(encoding="utf-8"), re.I)]
    assert drives and [p for p in drives if not p.startswith("tests/browser/")] == ["tests/test_readme.py"]


def test_the_readme_names_its_prerequisites() -> None:
    start = README[README.index("## Before you start"):README.index("## The courses")]
    for needed in ("Python 3.11 or later", "python3 -m venv .venv", "sudo apt-get install\n  chromium",
                   "`../shared/scorm-schemas`", "adlnet/SCORM-2004-4ed-Test-Suite", "SCORM_SCHEMAS_DIR"):
        assert needed in start, needed
