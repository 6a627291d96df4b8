"""The README's own examples work as written."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from repo import REPO

from scorm_builder.load import load_course


def readme_yaml(after: str) -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index(after):]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def test_the_company_profile_example_customizes_the_essentials_course(tmp_path: Path) -> None:
    companies = tmp_path / "companies"
    (companies / "logos").mkdir(parents=True)
    shutil.copy(REPO / "courses/companies/logos/northwind.svg", companies / "logos")
    (companies / "northwind-theme/player").mkdir(parents=True)
    (companies / "northwind-theme/player/brand.css").write_text(":root { --brand: #0b5394; }\n")
    profile = companies / "northwind.yaml"
    profile.write_text(readme_yaml("## Company profiles and batch builds"), encoding="utf-8")
    course = load_course(REPO / "courses/empathy-essentials", profile)
    assert course.company.id == "northwind"
    assert course.assessment.pass_mark == 85 and course.assessment.attempts == 2
    ids = [p.id for p in course.pages]
    assert ids[ids.index("timing-on-hold") + 1] == "timing-on-hold-callback" or "Our callback promise" in [
        p.title for p in course.pages]
    assert "core-promoter-detractor" not in [q.id if hasattr(q, "id") else q["id"]
                                             for q in course.assessment.questions]
