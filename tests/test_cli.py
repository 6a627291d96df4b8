"""The command line: help texts, build/validate/schema/new, exit statuses, `python -m scorm_builder`."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from repo import REPO

from scorm_builder.cli import main


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCORM_BUILDER_SCHEMAS", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def invoke(runner, *args: str):
    return runner.invoke(main, list(args), prog_name="scorm-builder")


# -- help ------------------------------------------------------------------------------------------

def test_main_help_lists_the_commands(runner) -> None:
    result = invoke(runner, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: scorm-builder [OPTIONS] COMMAND [ARGS]...\n\n"
                                    "  Turn YAML courses into SCORM 1.2 and SCORM 2004 packages.\n")
    for name in ("build", "validate", "schema", "new"):
        assert f"\n  {name} " in result.stdout


@pytest.mark.parametrize(("command", "usage", "summary"), [
    ("build", "Usage: scorm-builder build [OPTIONS] COURSE...", "Build SCORM zips"),
    ("validate", "Usage: scorm-builder validate [OPTIONS] COURSE...",
     "Check courses as a build would, without writing anything."),
    ("schema", "Usage: scorm-builder schema [OPTIONS]",
     "Print the JSON Schema of a course (or a profile), for editor autocompletion."),
    ("new", "Usage: scorm-builder new [OPTIONS] ID",
     "Create a small, valid, commented course (or company profile) to start from."),
])
def test_command_help(command: str, usage: str, summary: str, runner) -> None:
    for flag in ("--help", "-h"):
        result = invoke(runner, command, flag)
        assert result.exit_code == 0
        lines = result.stdout.splitlines()
        assert lines[0] == usage
        assert lines[2].strip().startswith(summary)


def test_every_command_has_help(runner) -> None:
    """Commands other helpers add get checked too: each --help works and says something."""
    for name in sorted(main.commands):
        result = invoke(runner, name, "--help")
        assert result.exit_code == 0, name
        assert result.stdout.startswith(f"Usage: scorm-builder {name} "), name
        assert len(result.stdout.splitlines()) > 3, name


def test_build_help_documents_the_options(runner) -> None:
    text = invoke(runner, "build", "--help").stdout
    assert "-s, --standard [scorm12|scorm2004-3|scorm2004-4|cmi5]" in text
    assert "-o, --output DIRECTORY" in text
    assert "--schemas DIRECTORY" in text


def test_version(runner) -> None:
    result = invoke(runner, "--version")
    assert result.exit_code == 0
    assert result.stdout == "scorm-builder, version 0.1.0\n"


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "scorm_builder", "--help"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: scorm-builder [OPTIONS] COMMAND [ARGS]...")
    assert result.stderr == ""


# -- build and validate ------------------------------------------------------------------------

def test_build_command(runner, demo_course: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke(runner, "build", str(demo_course), "-o", str(out), "-s", "scorm2004-3", "-s", "scorm12")
    assert result.exit_code == 0, result.output
    names = ["demo-course-1.0.0-scorm2004-3.zip", "demo-course-1.0.0-scorm12.zip"]
    lines = result.stdout.splitlines()
    assert [line.split(" (")[0] for line in lines] == [f"built {out / n}" for n in names]
    for line, name in zip(lines, names, strict=True):
        assert line.endswith(f" ({(out / name).stat().st_size / 1024:.0f} KB)")
    assert result.stderr == ""
    assert sorted(os.listdir(out)) == sorted(names)


def test_build_defaults_to_output_folder(runner, demo_course: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "build", str(demo_course))
    assert result.exit_code == 0, result.output
    assert sorted(os.listdir(tmp_path / "output")) == ["demo-course-1.0.0-scorm12.zip",
                                                       "demo-course-1.0.0-scorm2004-4.zip"]


def test_build_broken_course_exit_1_and_nothing_written(runner, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    out = tmp_path / "out"
    result = invoke(runner, "build", "tests/fixtures/broken/question-no-correct", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == (REPO / "tests/fixtures/broken/question-no-correct/expected.txt").read_text()
    assert result.stdout == ""
    assert not out.exists()


def test_validate_ok(runner, demo_course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "validate", str(demo_course))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "ok demo-course\n", "")
    assert os.listdir(tmp_path) == []


def test_validate_a_yaml_file(runner, demo_course: Path) -> None:
    result = invoke(runner, "validate", str(demo_course / "course.yaml"))
    assert (result.exit_code, result.stdout) == (0, "ok demo-course\n")


@pytest.mark.parametrize(("args", "message"), [
    (["validate"], "Error: Missing argument 'COURSE...'."),
    (["build"], "Error: Missing argument 'COURSE...'."),
    (["validate", "no/such/course"], "Error: Invalid value for 'COURSE...': Path 'no/such/course' does not exist."),
    (["build", "tests/fixtures/broken/tabs", "-s", "scorm2004"],
     "Error: Invalid value for '--standard' / '-s': 'scorm2004' is not one of 'scorm12', 'scorm2004-3', "
     "'scorm2004-4', 'cmi5'."),
    (["build", "tests/fixtures/broken/tabs", "--schemas", "no/such/dir"],
     "Error: Invalid value for '--schemas': Directory 'no/such/dir' does not exist."),
    (["buidl"], "Error: No such command 'buidl'. Did you mean 'build'?"),
    (["schema", "extra"], "Error: Got unexpected extra argument (extra)"),
])
def test_usage_errors_exit_2(args: list[str], message: str, runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = invoke(runner, *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == message
    assert result.stdout == ""


def test_real_process_has_no_traceback(tmp_path: Path) -> None:
    """The installed command, in its own process: messages on stderr, exit 1, no Python traceback."""
    script = Path(sys.executable).parent / "scorm-builder"  # the console script pip installed beside python
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "scorm_builder"]
    result = subprocess.run([*command, "validate", "tests/fixtures/broken/many-problems",
                             "tests/fixtures/broken/non-utf8"], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    expected = [line for case in ("many-problems", "non-utf8")
                for line in (REPO / "tests/fixtures/broken" / case / "expected.txt").read_text().splitlines()[:-1]]
    assert result.stderr == "\n".join(expected) + "\n10 problems found.\n"
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


# -- schema ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def course_schema() -> dict:
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _errors(schema: dict, data) -> list[tuple[list, str]]:
    return sorted((list(e.absolute_path), e.message)
                  for e in jsonschema.Draft202012Validator(schema).iter_errors(data))


def test_schema_is_draft_2020_12(course_schema: dict) -> None:
    assert course_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert course_schema["type"] == "object"
    assert course_schema["required"] == ["id", "title", "lessons"]
    assert course_schema["additionalProperties"] is False


def test_schema_accepts_the_demo_course(course_schema: dict, demo_course: Path) -> None:
    data = json.loads(json.dumps(yaml.safe_load((demo_course / "course.yaml").read_text(encoding="utf-8"))))
    assert _errors(course_schema, data) == []


@pytest.mark.parametrize("course", sorted(p.parent.name for p in (REPO / "courses").glob("*/course.yaml")))
def test_schema_accepts_every_course(course: str, course_schema: dict) -> None:
    """Courses with `- include:` items too: the editor must not flag valid courses."""
    data = yaml.safe_load((REPO / "courses" / course / "course.yaml").read_text(encoding="utf-8"))
    assert _errors(course_schema, json.loads(json.dumps(data))) == []


def test_schema_rejects_an_unknown_key(course_schema: dict, demo_course: Path) -> None:
    data = yaml.safe_load((demo_course / "course.yaml").read_text(encoding="utf-8"))
    data["tittle"] = "typo"
    assert _errors(course_schema, data) == [
        ([], "Additional properties are not allowed ('tittle' was unexpected)")]


def test_schema_rejects_wrong_types_and_ranges(course_schema: dict, demo_course: Path) -> None:
    data = yaml.safe_load((demo_course / "course.yaml").read_text(encoding="utf-8"))
    data["assessment"]["pass_mark"] = 120
    data["version"] = 1.0
    assert _errors(course_schema, data) == [
        (["assessment", "pass_mark"], "120 is greater than the maximum of 100"),
        (["version"], "1.0 is not of type 'string'"),
    ]


def test_schema_rejects_an_include_with_other_keys(course_schema: dict, demo_course: Path) -> None:
    data = yaml.safe_load((demo_course / "course.yaml").read_text(encoding="utf-8"))
    data["lessons"].append({"include": "shared.yaml", "title": "x"})
    assert [path for path, _ in _errors(course_schema, data)] == [["lessons", 1]]


# -- new ---------------------------------------------------------------------------------------------

def test_new_scaffolds_a_valid_course(runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "new", "phone-basics")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("created courses/phone-basics/course.yaml\n"
                             "next: scorm-builder build courses/phone-basics\n")
    assert (tmp_path / "courses" / "phone-basics" / "assets").is_dir()
    text = (tmp_path / "courses" / "phone-basics" / "course.yaml").read_text(encoding="utf-8")
    assert "id: phone-basics" in text and "title: Phone basics" in text and "__" not in text
    assert text.count("\n#") + text.count("  # ") >= 10  # commented for a designer
    assert invoke(runner, "validate", "courses/phone-basics").stdout == "ok phone-basics\n"


def test_new_in_another_directory(runner, tmp_path: Path) -> None:
    result = invoke(runner, "new", "chat-basics", "-d", str(tmp_path / "mine"))
    assert result.exit_code == 0
    assert (tmp_path / "mine" / "chat-basics" / "course.yaml").is_file()


def test_new_refuses_to_overwrite(runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke(runner, "new", "twice").exit_code == 0
    before = (tmp_path / "courses/twice/course.yaml").read_bytes()
    result = invoke(runner, "new", "twice")
    assert result.exit_code == 1
    assert result.stderr == ("Error: courses/twice/course.yaml already exists; choose another id or "
                             "delete it first\n")
    assert (tmp_path / "courses/twice/course.yaml").read_bytes() == before


def test_new_rejects_a_bad_id(runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "new", "My Course")
    assert result.exit_code == 1
    assert result.stderr == ("Error: invalid course id 'My Course' (expected lower-case letters, digits and '-', "
                             "starting with a letter, at most 48 characters)\n")
    assert os.listdir(tmp_path) == []


def test_build_schemas_option(runner, demo_course: Path, tmp_path: Path, schemas_dir: Path) -> None:
    out = tmp_path / "out"
    result = invoke(runner, "build", str(demo_course), "-o", str(out), "-s", "scorm2004-4", "--schemas", str(schemas_dir))
    assert result.exit_code == 0, result.output
    import zipfile

    with zipfile.ZipFile(out / "demo-course-1.0.0-scorm2004-4.zip") as zf:
        names = set(zf.namelist())
        assert {"imscp_v1p1.xsd", "adlcp_v1p3.xsd", "imsss_v1p0.xsd", "xml.xsd"} <= names
        assert zf.read("imscp_v1p1.xsd") == (schemas_dir / "scorm2004-4th" / "imscp_v1p1.xsd").read_bytes()


def test_schemas_folder_without_the_standard(runner, demo_course: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = invoke(runner, "build", str(demo_course), "-o", str(tmp_path / "out"), "-s", "scorm12",
                    "--schemas", str(tmp_path / "empty"))
    assert result.exit_code == 1
    assert result.stderr == (f"Error: schema folder {tmp_path / 'empty'} has no scorm12/ folder (expected the "
                             f"layout of the official SCORM schema set)\n")
    assert not (tmp_path / "out").exists()


def test_validate_several_courses(runner, demo_course: Path, tmp_path: Path) -> None:
    from scorm_builder.tools.scaffold import scaffold

    other = scaffold("second-course", tmp_path).parent
    result = invoke(runner, "validate", str(demo_course), str(other))
    assert (result.exit_code, result.stdout) == (0, "ok demo-course\nok second-course\n")


def test_validate_json_lists_every_problem_with_its_rule(runner) -> None:
    result = invoke(runner, "validate", "--json", str(REPO / "tests/fixtures/broken/duplicate-key"))
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [{
        "severity": "error", "rule": "duplicate-key", "file": "tests/fixtures/broken/duplicate-key/course.yaml",
        "entry": None, "line": 10, "column": 1, "key": "title",
        "reason": "duplicate key 'title' (first defined on line 2)", "fix": "keep one of the two and delete the other",
    }]


def test_validate_json_of_a_valid_course_is_an_empty_list(runner, demo_course: Path) -> None:
    result = invoke(runner, "validate", "--json", str(demo_course))
    assert (result.exit_code, result.stdout) == (0, "[]\n")


def test_lint_json(runner) -> None:
    result = invoke(runner, "lint", "--json", str(REPO / "tests/fixtures/lint/principle-without-scenario"))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [{
        "severity": "warning", "rule": "principle-without-scenario",
        "file": "tests/fixtures/lint/principle-without-scenario/course.yaml", "entry": None, "line": 7,
        "column": 9, "key": "principles[1].id",
        "reason": "no scenario teaches the principle 'timing' (expected at least one scenario with "
                  "'principle: timing')",
        "fix": "add a scenario that practises it, or remove the principle",
    }]
    strict = invoke(runner, "lint", "--json", "--strict", str(REPO / "tests/fixtures/lint/principle-without-scenario"))
    assert (strict.exit_code, json.loads(strict.stdout)) == (1, json.loads(result.stdout))


def test_new_company_scaffolds_a_commented_profile_that_validates(runner, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke(runner, "new", "demo").exit_code == 0
    result = invoke(runner, "new", "--company", "meridian-bank")
    assert (result.exit_code, result.stdout) == (0, "created courses/companies/meridian-bank.yaml\n"
                                                    "next: scorm-builder validate courses/<course> --company "
                                                    "meridian-bank\n")
    text = (tmp_path / "courses/companies/meridian-bank.yaml").read_text(encoding="utf-8")
    assert "id: meridian-bank" in text and "name: Meridian Bank" in text and "__" not in text
    assert text.count("\n#") >= 15  # every optional key is there, commented out
    checked = invoke(runner, "validate", "courses/demo", "--company", "meridian-bank")
    assert (checked.exit_code, checked.stdout) == (0, "ok demo\n")


def test_schema_profile_validates_the_shipped_profiles(runner) -> None:
    import yaml

    schema = json.loads(invoke(runner, "schema", "--profile").stdout)
    assert schema["title"] == "scorm-builder company profile"
    assert set(schema["required"]) == {"id", "name"}
    for path in sorted((REPO / "courses/companies").glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    with pytest.raises(jsonschema.ValidationError) as info:
        jsonschema.validate({"id": "x", "name": "X", "brandng": {}}, schema)
    assert info.value.message == "Additional properties are not allowed ('brandng' was unexpected)"
