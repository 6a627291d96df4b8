"""``scorm-builder new``: a small, valid, commented course or company profile to start from."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

from scorm_builder.errors import BuilderError
from scorm_builder.format.course import ID, ID_HELP
from scorm_builder.render.environment import read_template_bytes


def scaffold(course_id: str, directory: Path) -> Path:
    if not re.fullmatch(ID, course_id):
        raise BuilderError(f"invalid course id {course_id!r} (expected {ID_HELP})")
    folder = Path(directory) / course_id
    target = folder / "course.yaml"
    if target.exists():
        raise BuilderError(f"{target} already exists; choose another id or delete it first")
    text = read_template_bytes("new-course/course.yaml").decode("utf-8")
    title = course_id.replace("-", " ").capitalize()
    folder.joinpath("assets").mkdir(parents=True, exist_ok=True)
    # the commands in the comments name the folder as the user named it, ready to paste into a shell
    text = text.replace("__FOLDER__", shlex.quote(folder.as_posix()))
    target.write_text(text.replace("__ID__", course_id).replace("__TITLE__", title), encoding="utf-8")
    return target


DEFAULT_COMPANIES = Path("courses/companies")


def company_option(company_id: str, profile: Path) -> str:
    """What to give --company for a new profile: its id where ids are looked up (courses/companies under
    the working folder), else its path, ready to paste into a shell."""
    if profile.parent.resolve() == DEFAULT_COMPANIES.resolve():
        return company_id
    return shlex.quote(profile.as_posix())


def scaffold_profile(company_id: str, directory: Path) -> Path:
    """A commented company profile at DIRECTORY/<id>.yaml that validates as it is."""
    if not re.fullmatch(ID, company_id):
        raise BuilderError(f"invalid company id {company_id!r} (expected {ID_HELP})")
    target = Path(directory) / f"{company_id}.yaml"
    if target.exists():
        raise BuilderError(f"{target} already exists; choose another id or delete it first")
    text = read_template_bytes("new-company/profile.yaml").decode("utf-8")
    name = company_id.replace("-", " ").title()
    target.parent.mkdir(parents=True, exist_ok=True)
    text = text.replace("__COMPANY__", company_option(company_id, target))
    target.write_text(text.replace("__ID__", company_id).replace("__NAME__", name), encoding="utf-8")
    return target
