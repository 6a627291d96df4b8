"""docs/course-format.md stays true: every schema key documented, tables current, examples and messages real."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from scorm_builder.cli import main
from scorm_builder.format import docs
from scorm_builder.format.course import COURSE
from scorm_builder.format.spec import ListOf, MapOf, Obj, Tagged
from scorm_builder.load import load_course

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "course-format.md"
EDITOR_DOC = REPO / "docs" / "editor-support.md"
EXAMPLE = re.compile(r"<!-- example: (\S+) -->\n```yaml\n(.*?)\n```", re.S)
OUTPUT = re.compile(r"<!-- output: scorm-builder (\S+) (\S+) -->\n```text\n((?:(?!```).*\n)*)```")
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
                    "53de0000000c4944415408d763f8ffff3f0005fe02fea7d6a4a00000000049454e44ae426082")


def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


def schema_keys(spec, path: str = "") -> list[tuple[str, str | None]]:
    """(full key path, kind) of every key, walked independently of docs.py; kind is the page or
    question type for the keys of a page or question itself, else None."""
    out: list[tuple[str, str | None]] = []
    if isinstance(spec, ListOf):
        return schema_keys(spec.item, f"{path}[]")
    if isinstance(spec, MapOf):
        return schema_keys(spec.value, f"{path}.<name>")
    if isinstance(spec, Tagged):
        for kind, obj in spec.variants.items():
            out.append((f"{path}.{spec.tag}", kind))
            for key, _ in _object_keys(obj, path):
                out.append((key, kind if key.rsplit(".", 1)[0] == path else None))
        return out
    if isinstance(spec, Obj):
        out.extend(_object_keys(spec, path))
    return out


def _object_keys(obj: Obj, path: str) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for name, field in obj.fields.items():
        key = f"{path}.{name}" if path else name
        out.append((key, None))
        out.extend(schema_keys(field.spec, key))
    return out


def sections_by_heading(text: str) -> list[tuple[str, str]]:
    """(heading line, body up to the next heading) of every '### ' section."""
    parts = re.split(r"^(### .*)$", text, flags=re.M)
    return list(zip(parts[1::2], parts[2::2], strict=False))


def test_key_tables_are_current():
    text = doc_text()
    assert docs.BEGIN in text and docs.END in text
    assert docs.replace_tables(text, docs.tables()) == text, \
        "docs/course-format.md key tables are out of date: run `python -m scorm_builder.format.docs`"


def test_docs_command_check_passes_on_the_committed_document(capsys):
    assert docs.main(["--check"]) == 0, capsys.readouterr().err


def test_every_schema_key_is_documented_in_its_section():
    text = doc_text()
    generated = text[text.index(docs.BEGIN):text.index(docs.END)]
    sections = sections_by_heading(generated)
    keys = schema_keys(COURSE)
    assert ("lessons[].pages[].options[].verdict", None) in keys
    assert ("lessons[].pages[].options", "scenario") in keys
    assert ("assessment.questions[].pairs", "matching") in keys
    assert len(keys) > 100
    missing = []
    for key, kind in keys:
        row = f"| `{key}` |"
        holders = [heading for heading, body in sections if row in body]
        if not holders or (kind and not any(f"with `type: {kind}`" in h for h in holders)):
            missing.append(f"{key} (type: {kind})" if kind else key)
    assert missing == []


def test_every_kind_has_its_own_table():
    headings = [h for h, _ in sections_by_heading(doc_text())]
    for kind in ("text", "scenario", "dialogue", "single-choice", "multiple-response", "true-false",
                 "matching", "ordering"):
        assert sum(f"with `type: {kind}`" in h for h in headings) == 1, kind
    assert "### Course: the top level of course.yaml" in headings


def test_type_required_and_default_columns_come_from_the_schema():
    text = doc_text()
    assert ("| `assessment.pass_mark` | whole number, 0 to 100 | no | `80` | Percentage needed to pass |"
            in text)
    assert ("| `lessons[].pages[].image.alt` | text, at most 250 characters | no | – | "
            "Text alternative read by screen readers; say what the image shows (required unless the image is "
            "decorative) |") in text
    assert "| `lessons[].pages[].type` | `dialogue` | yes | – | Says this is a dialogue |" in text
    assert "| `lessons[].pages[].options[].verdict` | one of `best`, `acceptable`, `poor` | yes | – |" in text


@pytest.fixture
def examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Every '<!-- example: PATH -->' block written to tmp/courses/PATH, its images as tiny PNGs."""
    found = {}
    for name, body in EXAMPLE.findall(doc_text()):
        target = tmp_path / "courses" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body + "\n", encoding="utf-8")
        for src in re.findall(r"^\s*src: (assets/\S+)", body, flags=re.M):
            (target.parent / src).parent.mkdir(parents=True, exist_ok=True)
            (target.parent / src).write_bytes(PNG)
        found[name] = target
    monkeypatch.chdir(tmp_path)
    return found


def test_examples_without_output_are_valid_courses(examples):
    outputs = {f"{target}/course.yaml" for _, target, _ in OUTPUT.findall(doc_text())}
    courses = [n for n in examples if n.endswith("/course.yaml") and not n.startswith("shared/")
               and f"courses/{n}" not in outputs]
    assert sorted(courses) == ["handling-complaints/course.yaml", "names-and-terms/course.yaml",
                               "settings-in-text/course.yaml", "team-basics/course.yaml"]
    for name in courses:
        course = load_course(examples[name].parent)
        assert course.id == name.split("/")[0]


def test_the_settings_example_reads_as_the_doc_says(examples):
    """The text names the settings; the learner reads their values, as the sentence after the example says."""
    course = load_course(examples["settings-in-text/course.yaml"].parent)
    page = course.pages[0]
    assert page.title == "About Handling complaints"
    said = re.search(r'The learner reads "(.*?)"', doc_text(), re.S).group(1)
    assert " ".join(page.body.split()) == " ".join(said.split())


def test_the_names_and_terms_example_fills_them_in(examples):
    course = load_course(examples["names-and-terms/course.yaml"].parent)
    assert course.pages[0].body == "At Northwind Mobile, an advisor calls back within 2 hours."


def test_included_pieces_are_spliced_in_order(examples):
    course = load_course(examples["team-basics/course.yaml"].parent)
    assert [lesson.id for lesson in course.lessons] == ["why-empathy", "our-team"]
    assert [q.id for q in course.assessment.questions] == ["basics-timing", "basics-scripts", "q-hours"]


def test_complete_example_uses_every_page_and_question_kind(examples):
    course = load_course(examples["handling-complaints/course.yaml"].parent)
    assert {p.kind for p in course.pages} == {"text", "scenario", "dialogue"}
    assert {q.kind for q in course.assessment.questions} == {
        "single-choice", "multiple-response", "true-false", "matching", "ordering"}
    text_page = course.pages[0]
    assert None not in (text_page.image, text_page.callout, text_page.quote)
    dialogue = next(p for p in course.pages if p.kind == "dialogue")
    assert {n.ending.outcome for n in dialogue.nodes if n.ending} == {"good", "poor"}
    assert dialogue.scores == ("rapport", "resolution")
    assert course.completion == "both"


def test_shown_outputs_are_what_the_command_prints(examples):
    shown = OUTPUT.findall(doc_text())
    assert [target for _, target, _ in shown] == ["courses/first-steps", "courses/colon-in-title",
                                                  "courses/yes-no"]
    for command, target, expected in shown:
        result = CliRunner().invoke(main, [command, target])
        assert result.exit_code == 1, result.output
        assert result.output == expected, \
            "an example output in docs/course-format.md is out of date: run `python -m scorm_builder.format.docs`"


def test_refresh_fills_an_empty_output_block_and_leaves_the_rest(tmp_path):
    text = ("<!-- example: t/course.yaml -->\n```yaml\nid: t\n```\n\n"
            "<!-- output: scorm-builder validate courses/t -->\n```text\n```\n\nAfter.\n\n```yaml\nkept: 1\n```\n")
    refreshed = docs.refresh_outputs(text)
    assert refreshed == text.replace(
        "```text\n```", "```text\ncourses/t/course.yaml:1:1: lessons: missing required key 'lessons' in course"
        " — add 'lessons:' (a list of lessons)\ncourses/t/course.yaml:1:1: title: missing required key 'title' in"
        " course — add 'title:' (text)\n2 problems found.\n```")
    assert docs.refresh_outputs(refreshed) == refreshed


def test_messages_quoted_in_the_text_are_real(examples):
    text = doc_text()
    result = CliRunner().invoke(main, ["validate", "courses/first-steps"])
    quoted = re.findall(r"^- `(courses/first-steps/[^`]*)`:", text, flags=re.M)
    assert len(quoted) == 2
    for line in quoted:
        assert line in result.output.splitlines()


def test_internal_links_resolve():
    text = doc_text()
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', text))
    anchors |= {_slug(h) for h in re.findall(r"^#{1,6} (.*)$", text, flags=re.M)}
    targets = set(re.findall(r"\]\(#([^)]+)\)", text))
    assert targets - anchors == set()
    assert "(editor-support.md)" in text and "(player.md)" in text


def test_links_between_docs_resolve():
    missing = []
    for doc in (DOC, EDITOR_DOC):
        for target, anchor in re.findall(r"\]\(([\w.-]+\.md)(?:#([^)]+))?\)", doc.read_text(encoding="utf-8")):
            linked = doc.parent / target
            if not linked.is_file():
                missing.append(f"{doc.name} -> {target}")
            elif anchor:
                text = linked.read_text(encoding="utf-8")
                anchors = set(re.findall(r'<a id="([^"]+)"></a>', text))
                anchors |= {_slug(h) for h in re.findall(r"^#{1,6} (.*)$", text, flags=re.M)}
                if anchor not in anchors:
                    missing.append(f"{doc.name} -> {target}#{anchor}")
    assert missing == []


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower().replace("`", ""))
    return text.replace(" ", "-")


# -- docs/editor-support.md ------------------------------------------------------------------------

DRAFT7_KEYWORDS = {"$schema", "$id", "title", "description", "type", "properties", "required",
                   "additionalProperties", "enum", "const", "oneOf", "anyOf", "pattern", "minLength",
                   "maxLength", "minimum", "maximum", "items", "minItems", "default"}


def course_schema() -> dict:
    import json

    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def schema_keywords(node, inside_properties: bool = False) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if not inside_properties:
                found.add(key)
            found |= schema_keywords(value, key == "properties" and not inside_properties)
    elif isinstance(node, list):
        for item in node:
            found |= schema_keywords(item)
    return found


def glob_regex(pattern: str) -> re.Pattern:
    """yaml-language-server's glob: '**/' any folders, '*' within one folder name."""
    out = re.escape(pattern).replace(r"\*\*/", "(?:.*/)?").replace(r"\*", "[^/]*")
    return re.compile(out + r"\Z")


def test_schema_uses_only_draft7_keywords_as_the_doc_says():
    assert schema_keywords(course_schema()) == DRAFT7_KEYWORDS
    text = EDITOR_DOC.read_text(encoding="utf-8")
    for keyword in DRAFT7_KEYWORDS - {"$schema", "$id", "title", "description"}:
        assert f"`{keyword}`" in text, keyword


def test_vscode_settings_snippet_maps_the_schema_to_course_files_only():
    import json

    text = EDITOR_DOC.read_text(encoding="utf-8")
    block = re.search(r"<!-- settings: vscode -->\n```json\n(.*?)\n```", text, re.S).group(1)
    settings = json.loads(block)
    assert settings["yaml.schemas"] == {"./course.schema.json": ["courses/**/course.yaml"]}
    assert settings["yaml.yamlVersion"] == "1.1"
    glob = glob_regex(settings["yaml.schemas"]["./course.schema.json"][0])
    assert glob.match("courses/handling-complaints/course.yaml")
    assert glob.match("courses/course.yaml")
    assert not glob.match("courses/shared/lessons/why-empathy.yaml")
    assert not glob.match("courses/shared/questions/basics.yaml")


@pytest.mark.parametrize("draft", ["Draft7Validator", "Draft202012Validator"])
def test_schema_accepts_the_example_courses(examples, tmp_path: Path, draft: str):
    import jsonschema
    import yaml

    from scorm_builder.tools.scaffold import scaffold

    validator_class = getattr(jsonschema, draft)
    schema = course_schema()
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    files = [examples["handling-complaints/course.yaml"], examples["team-basics/course.yaml"],
             scaffold("demo", tmp_path / "scaffolded"), *sorted((REPO / "courses").glob("*/course.yaml"))]
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        assert [e.message for e in validator.iter_errors(data)] == [], file


@pytest.mark.parametrize("draft", ["Draft7Validator", "Draft202012Validator"])
def test_schema_flags_the_broken_example_where_validate_does(examples, draft: str):
    import jsonschema
    import yaml

    validator = getattr(jsonschema, draft)(course_schema())
    data = yaml.safe_load(examples["first-steps/course.yaml"].read_text(encoding="utf-8"))
    errors = sorted((list(e.absolute_path), e.validator) for e in validator.iter_errors(data))
    # version: a number; lessons[0]: its page has 'titel' and a mood outside the list
    assert errors == [(["lessons", 0], "anyOf"), (["version"], "type")]


def test_profile_key_tables_are_generated_from_the_profile_format() -> None:
    from scorm_builder.format.profile import PROFILE

    text = docs.PROFILE_DOC.read_text(encoding="utf-8")
    assert docs.updated_profile_doc(text) == text, "run `python -m scorm_builder.format.docs`"
    for name in PROFILE.fields:
        assert f"| `{name}` |" in text, name
    for name in PROFILE.fields["branding"].spec.fields:
        assert f"| `branding.{name}` |" in text, name
    for name in ("lesson", "after", "page"):
        assert f"| `add_pages[].{name}` |" in text, name


# -- every YAML example of the README and docs/ ----------------------------------------------------

YAML_BLOCK = re.compile(r"(<!-- example: (\S+) -->\n)?```ya?ml\n(.*?)\n```", re.S)


def yaml_blocks() -> list[tuple[str, str | None, str]]:
    """(file:line, the example's path when it is a marked '<!-- example: PATH -->' block, text) of every
    ```yaml block of README.md and docs/*.md."""
    found = []
    for path in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        for m in YAML_BLOCK.finditer(text):
            line = text[:m.start(3)].count("\n") + 1
            found.append((f"{path.relative_to(REPO).as_posix()}:{line}", m.group(2), m.group(3)))
    return found


def format_objects() -> list:
    """Every object of the course and profile formats, in the order they were declared."""
    from scorm_builder.format.profile import PROFILE

    seen: dict[int, Obj] = {}
    todo = [COURSE, PROFILE]
    while todo:
        spec = todo.pop()
        if isinstance(spec, Obj) and id(spec) not in seen:
            seen[id(spec)] = spec
            todo.extend(f.spec for f in spec.fields.values())
        elif isinstance(spec, ListOf):
            todo.append(spec.item)
        elif isinstance(spec, MapOf):
            todo.append(spec.value)
        elif isinstance(spec, Tagged):
            todo.extend(spec.variants.values())
    return sorted(seen.values(), key=lambda o: o.order)


def fragment_problems(text: str, where: str) -> list[str]:
    """What is wrong with a piece of a course or profile shown on its own: its keys must all be keys of one
    object of the formats, with values that object accepts (keys it leaves out are not missing)."""
    from scorm_builder.errors import Collector
    from scorm_builder.source.loader import load_text

    file, first = where.rsplit(":", 1)
    tree = load_text(text.encode("utf-8"), file)
    problems: list[str] | None = None
    for obj in format_objects():
        if set(tree) <= set(obj.fields):
            found = Collector()
            obj.check_keys(tree, "", found)
            wrong = [f"{file}:{int(first) + p.line - 1}:{p.column}: {p.key}: {p.reason}"
                     for p in found.problems if p.rule != "missing-key"]
            if not wrong:
                return []
            problems = problems or wrong
    return problems or [f"{where}: no object of the course or profile format has all of the keys {sorted(tree)}"]


def test_the_readme_and_the_docs_have_yaml_examples() -> None:
    blocks = yaml_blocks()
    files = {where.split(":")[0] for where, _, _ in blocks}
    assert {"README.md", "docs/course-format.md", "docs/editor-support.md"} <= files
    assert len(blocks) >= 14


def test_every_marked_example_is_checked_whole() -> None:
    """A marked example is a course the tests above load, a shared piece they include, or a broken course
    whose output they compare: none is left unchecked."""
    marked = {name for _, name, _ in yaml_blocks() if name}
    shown = {f"{target.removeprefix('courses/')}/course.yaml" for _, target, _ in OUTPUT.findall(doc_text())}
    loaded = {"handling-complaints/course.yaml", "names-and-terms/course.yaml", "settings-in-text/course.yaml",
              "team-basics/course.yaml"}
    included = {"shared/lessons/why-empathy.yaml", "shared/questions/basics.yaml"}  # by team-basics
    assert marked == shown | loaded | included


@pytest.mark.parametrize("where, name, text", [b for b in yaml_blocks() if not b[1]], ids=lambda v: str(v)[:40])
def test_every_other_yaml_example_is_a_valid_piece(where: str, name: str | None, text: str) -> None:
    assert fragment_problems(text, where) == []


def test_a_wrong_piece_is_caught() -> None:
    """The check above fails on the mistakes a designer would copy from a doc."""
    assert fragment_problems("optoins:\n  - text: Hi\n", "doc.md:1") == [
        "doc.md:1: no object of the course or profile format has all of the keys ['optoins']"]
    assert fragment_problems("options:\n  - {text: Hi, verdict: best}\n  - text: Hello\n    verdict: good\n",
                             "doc.md:10") == [
        "doc.md:13:14: options[1].verdict: invalid value (expected one of: best, acceptable, poor, got the text "
        "'good')"]
