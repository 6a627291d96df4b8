"""Finding company profiles: ids (declared or file names), id globs, files, path globs, folders near the course."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from scorm_builder.cli import main
from scorm_builder.errors import BuilderError
from scorm_builder.source.find import find_profile, find_profiles
from scorm_builder.tools.scaffold import scaffold


@pytest.fixture()
def tree(tmp_path, monkeypatch):
    """tmp_path/courses/{demo, companies/{northwind-mobile, harbor}.yaml}, working folder tmp_path."""
    monkeypatch.chdir(tmp_path)
    scaffold("demo", Path("courses"))
    companies = Path("courses/companies")
    companies.mkdir()
    (companies / "northwind-mobile.yaml").write_text("id: northwind\nname: Northwind Mobile\n", encoding="utf-8")
    (companies / "harbor.yaml").write_text("id: harbor\nname: Harbor Health\n", encoding="utf-8")
    return tmp_path


def test_an_id_is_the_declared_id_or_the_file_name(tree):
    assert find_profiles(["northwind"]) == [Path("courses/companies/northwind-mobile.yaml")]
    assert find_profiles(["northwind-mobile"]) == [Path("courses/companies/northwind-mobile.yaml")]
    assert find_profiles(["*"]) == [Path("courses/companies/harbor.yaml"),
                                    Path("courses/companies/northwind-mobile.yaml")]
    assert find_profiles(["north*", "h*", "northwind"]) == [Path("courses/companies/northwind-mobile.yaml"),
                                                            Path("courses/companies/harbor.yaml")]


def test_a_file_or_a_path_glob(tree):
    assert find_profiles(["courses/companies/*.yaml"]) == [Path("courses/companies/harbor.yaml"),
                                                           Path("courses/companies/northwind-mobile.yaml")]
    assert find_profiles(["courses/companies/harbor.yaml"]) == [Path("courses/companies/harbor.yaml")]
    with pytest.raises(BuilderError) as info:
        find_profiles(["courses/companies/*.yml"])
    assert info.value.message == (
        "no company profile matches 'courses/companies/*.yml' (expected a profile file, or a path pattern such "
        "as 'courses/companies/*.yaml' that matches .yaml files)")


def test_the_companies_folder_next_to_the_course_is_found_from_another_folder(tree, monkeypatch):
    (tree / "elsewhere").mkdir()
    monkeypatch.chdir(tree / "elsewhere")
    assert find_profiles(["harbor"], None, [Path("../courses/demo")]) == [Path("../courses/companies/harbor.yaml")]


def test_no_match_lists_the_profiles_or_says_where_to_look(tree, monkeypatch):
    with pytest.raises(BuilderError) as info:
        find_profiles(["zzz"])
    assert info.value.message == ("no company profile matches 'zzz' in courses/companies "
                                  "(profiles: harbor, northwind-mobile)")
    (tree / "empty").mkdir()
    monkeypatch.chdir(tree / "empty")
    with pytest.raises(BuilderError) as info:
        find_profiles(["harbor"])
    assert info.value.message == ("no company profile matches 'harbor' in courses/companies (profiles: none); "
                                  "point --companies-dir at the folder that holds them")


def test_a_command_that_takes_one_profile_refuses_a_pattern_naming_two(tree):
    assert find_profile(None) is None
    with pytest.raises(BuilderError) as info:
        find_profile("*")
    assert info.value.message == "'*' names 2 company profiles (harbor, northwind-mobile); this command takes one"


def test_a_profile_passed_as_a_course_says_to_use_company(tree):
    """The shell expanded an unquoted --company courses/companies/*.yaml: the second file became a COURSE."""
    result = CliRunner().invoke(main, ["validate", "courses/demo", "courses/companies/northwind-mobile.yaml"])
    assert result.exit_code == 1
    assert result.output == (
        "courses/companies/northwind-mobile.yaml:1:1: this is a company profile, not a course — build a course "
        "for it with --company courses/companies/northwind-mobile.yaml (quote patterns such as --company "
        "'courses/companies/*.yaml' so the shell does not expand them)\n1 problem found.\n")


def test_every_command_that_loads_a_course_takes_company(tree):
    for command in (["validate"], ["lint"]):
        result = CliRunner().invoke(main, [*command, "courses/demo", "--company", "northwind"])
        assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["validate", "courses/demo", "--company", "nope"])
    assert (result.exit_code, result.output) == (
        1, "Error: no company profile matches 'nope' in courses/companies (profiles: harbor, northwind-mobile)\n")
