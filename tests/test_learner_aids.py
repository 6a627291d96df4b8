"""Practice issue, section 6: the learner aids. A course's resources are packaged at the path written and listed in
both manifests; the glossary and the certificate reach the player's data exactly; their texts are translation units;
the outline and the lint know them; and the shipped job aid is a one-page PDF whose bytes don't change between
prints."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from repo import REPO, course_data

from scorm_builder.cli import main
from scorm_builder.course.aids import Certificate, Resource, Term
from scorm_builder.errors import CourseInvalid
from scorm_builder.load import load_course
from scorm_builder.pack.pipeline import build
from scorm_builder.source.loader import load_yaml
from scorm_builder.tools import lint
from scorm_builder.tools.outline import render_outline
from scorm_builder.translate.units import course_units

JOB_AID = REPO / "courses" / "empathy-coaching" / "assets" / "empathy-scoring-checklist.pdf"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
COURSE = """\
id: aids
title: Aids
terms: {customer: client}
resources:
  - title: Checklist
    file: assets/checklist.pdf
    description: One page.
  - title: Phrases
    file: assets/lists/phrases.csv
glossary:
  - term: sympathy
    definition: Feeling sorry for the {{ terms.customer }}.
  - term: emotional clue
    also: [emotional clues]
    definition: A sign of feeling.
certificate:
  issuer: Head of Care
  show_score: false
lessons:
  - id: intro
    title: Intro
    pages:
      - {type: text, title: One, body: "Sympathy is not empathy; listen for emotional clues."}
"""


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "aids"
    (folder / "assets" / "lists").mkdir(parents=True)
    (folder / "course.yaml").write_text(COURSE, encoding="utf-8")
    (folder / "assets" / "checklist.pdf").write_bytes(PDF)
    (folder / "assets" / "lists" / "phrases.csv").write_text("a,b\n", encoding="utf-8")
    return folder


def test_resources_are_packaged_and_listed_in_both_manifests(course: Path, tmp_path: Path) -> None:
    """No text links to the files: the resources list alone puts them in the package."""
    model = load_course(course)
    assert [a.href for a in model.assets] == ["assets/checklist.pdf", "assets/lists/phrases.csv"]
    for built in build([course], ["scorm12", "scorm2004-4"], tmp_path / "out"):
        with zipfile.ZipFile(built.path) as zf:
            assert zf.read("assets/checklist.pdf") == PDF
            assert zf.read("assets/lists/phrases.csv") == b"a,b\n"
            listed = re.findall(r'<file href="([^"]+)"/>', zf.read("imsmanifest.xml").decode())
            data = course_data(zf.read("index.html"))
        assert {"assets/checklist.pdf", "assets/lists/phrases.csv"} <= set(listed), built.path.name
        assert data["resources"] == [
            {"title": "Checklist", "href": "assets/checklist.pdf", "description": "One page."},
            {"title": "Phrases", "href": "assets/lists/phrases.csv", "description": ""}]
        assert data["glossary"] == [
            {"term": "sympathy", "forms": ["sympathy"], "definition": "Feeling sorry for the client."},
            {"term": "emotional clue", "forms": ["emotional clue", "emotional clues"],
             "definition": "A sign of feeling."}]
        assert data["certificate"] == {"title": "", "issuer": "Head of Care", "show_score": False}


def test_the_model_keeps_each_aid_with_its_position(course: Path) -> None:
    aids = load_course(course).aids
    assert [(r.title, r.href, r.description, r.source.line) for r in aids.resources] == [
        ("Checklist", "assets/checklist.pdf", "One page.", 5), ("Phrases", "assets/lists/phrases.csv", "", 8)]
    assert [(t.term, t.forms, t.source.line) for t in aids.glossary] == [
        ("sympathy", ("sympathy",), 11), ("emotional clue", ("emotional clue", "emotional clues"), 13)]
    assert (aids.certificate.title, aids.certificate.issuer, aids.certificate.show_score) == ("", "Head of Care", False)
    assert all(isinstance(x, (Resource, Term)) for x in (*aids.resources, *aids.glossary))
    assert isinstance(aids.certificate, Certificate)


def test_a_course_without_aids_has_no_keys_for_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "plain"
    folder.mkdir()
    text = COURSE.split("resources:")[0] + "lessons:" + COURSE.split("lessons:")[1]
    (folder / "course.yaml").write_text(text, encoding="utf-8")
    assert load_course(folder).aids is None
    (built,) = build([folder], ["scorm2004-4"], tmp_path / "out")
    with zipfile.ZipFile(built.path) as zf:
        data = course_data(zf.read("index.html"))
    assert not {"resources", "glossary", "certificate"} & set(data)


def test_a_resource_file_that_cant_be_packaged_is_an_error_at_its_path(course: Path) -> None:
    text = (course / "course.yaml").read_text(encoding="utf-8")
    (course / "course.yaml").write_text(text.replace("assets/lists/phrases.csv", "../secret.pdf"), encoding="utf-8")
    with pytest.raises(CourseInvalid) as info:
        load_course(course)
    assert [str(p) for p in info.value.problems] == [
        "aids/course.yaml:9:11: resources[1].file: the resource file path '../secret.pdf' leaves the course folder "
        "(expected a path inside it) \u2014 put the file in the course's assets/ folder and write a path such as "
        "assets/photo.png"]


def test_a_glossary_term_no_text_uses_is_a_lint_warning(course: Path) -> None:
    text = (course / "course.yaml").read_text(encoding="utf-8")
    (course / "course.yaml").write_text(text.replace("listen for emotional clues", "listen"), encoding="utf-8")
    warnings = [str(d) for d in lint.check(load_course(course)) if d.rule == "glossary-term-unused"]
    assert warnings == [
        "aids/course.yaml:13:11: glossary[1].term: warning: [glossary-term-unused] the glossary term 'emotional clue' "
        "is used in no text of the course, so the player never marks it and its definition is never shown \u2014 use "
        "the term in a page's text, add the form the text uses under 'also:', or remove the term"]


def test_the_aids_texts_are_translation_units(course: Path) -> None:
    tree = load_yaml(course / "course.yaml")
    ids = [u.id for u in course_units(tree) if u.id.split(".")[0] in ("resources", "glossary", "certificate")]
    assert ids == ["resources.checklist-pdf.title", "resources.checklist-pdf.description", "resources.phrases-csv.title",
                   "glossary.sympathy.term", "glossary.sympathy.definition", "glossary.emotional-clue.term",
                   "glossary.emotional-clue.also.1", "glossary.emotional-clue.definition", "certificate.issuer"]
    texts = {u.id: u.text for u in course_units(tree)}
    assert texts["glossary.sympathy.definition"] == "Feeling sorry for the {{ terms.customer }}."


def test_the_outline_lists_the_aids(course: Path) -> None:
    text = render_outline(load_course(course), "markdown")
    start = text.index("## Resources")
    assert text[start:text.index("## Lesson 1")] == (
        "## Resources\n\n"
        "- **Checklist** (`assets/checklist.pdf`): One page.\n"
        "- **Phrases** (`assets/lists/phrases.csv`)\n\n"
        "## Glossary\n\n"
        "- **sympathy**: Feeling sorry for the client.\n"
        "- **emotional clue** (also emotional clues): A sign of feeling.\n\n"
        "## Certificate\n\n"
        "- **Title:** Certificate of completion (the player's words)\n"
        "- **Signature line:** Head of Care\n"
        "- **Score shown:** no\n"
        "- **Learner's name:** as the LMS gives it (\"Last, First\" shown as \"First Last\"); not stored\n\n")


def test_the_shipped_courses_use_the_aids() -> None:
    coaching = load_course(REPO / "courses" / "empathy-coaching")
    assert [(r.title, r.href) for r in coaching.aids.resources] == [
        ("Empathy scoring checklist", "assets/empathy-scoring-checklist.pdf")]
    assert "assets/empathy-scoring-checklist.pdf" in [a.href for a in coaching.assets]
    essentials = load_course(REPO / "courses" / "empathy-essentials")
    assert [t.term for t in essentials.aids.glossary] == ["sympathy", "emotional clue", "verification"]
    assert essentials.aids.certificate.title == "Certificate of completion"
    assert essentials.aids.certificate.show_score is True
    assert [d for d in lint.check(essentials) if d.rule == "glossary-term-unused"] == []


def test_the_job_aid_is_one_page_printed_with_fixed_time_stamps() -> None:
    """make-pdf.sh sets the two time stamps, the only bytes that change between prints of the same HTML."""
    data = JOB_AID.read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1
    assert re.findall(rb"/(?:CreationDate|ModDate) \(([^)]*)\)", data) == [b"D:20200101000000+00'00'"] * 2
    source = JOB_AID.parent / "src" / "empathy-scoring-checklist.html"
    assert "Empathy scoring checklist" in source.read_text(encoding="utf-8")
    assert (JOB_AID.parent / "src" / "make-pdf.sh").is_file()


def test_a_company_profile_replaces_and_adds_glossary_terms(course: Path) -> None:
    profile = course.parent / "acme.yaml"
    profile.write_text("""\
id: acme
name: Acme
terms: {customer: member}
glossary:
  - term: Sympathy
    definition: At Acme, pity for the {{ terms.customer }}.
  - term: warm transfer
    definition: Passing the call on with its story.
""", encoding="utf-8")
    aids = load_course(course, profile).aids
    assert [(t.term, t.definition, t.source.file, t.source.line) for t in aids.glossary] == [
        ("Sympathy", "At Acme, pity for the member.", "acme.yaml", 5),
        ("emotional clue", "A sign of feeling.", "aids/course.yaml", 13),
        ("warm transfer", "Passing the call on with its story.", "acme.yaml", 7)]
    profile.write_text(profile.read_text(encoding="utf-8").replace("    definition: Passing the call on with its story.\n",
                                                                   ""), encoding="utf-8")
    with pytest.raises(CourseInvalid) as info:
        load_course(course, profile)
    assert [str(p) for p in info.value.problems] == [
        "acme.yaml:7:5: glossary[1].definition: missing required key 'definition' in term \u2014 add 'definition:' (text)"]


def test_a_translation_reaches_the_aids(course: Path, tmp_path: Path, runner) -> None:
    """The pseudo-locale stands in for a translator: every aid's text comes out of the translation, placeholders
    filled after it."""
    assert runner.invoke(main, ["translate", "pseudo", "aids"]).exit_code == 0
    result = runner.invoke(main, ["build", "aids", "--language", "qps", "-s", "scorm2004-4", "-o", "out"])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "out" / "aids-qps-1.0.0-scorm2004-4.zip") as zf:
        data = course_data(zf.read("index.html"))
    assert data["glossary"][0] == {"term": "⟦šýɱþáţĥý ·⟧", "forms": ["⟦šýɱþáţĥý ·⟧"],
                                   "definition": "⟦Ƒééļíñĝ šöŕŕý ƒöŕ ţĥé ⟦çļíéñţ·⟧. ···············⟧"}
    assert data["glossary"][1]["forms"] == ["⟦éɱöţíöñáļ çļüé ···⟧", "⟦éɱöţíöñáļ çļüéš ···⟧"]
    assert data["resources"][0] == {"title": "⟦Çĥéçķļíšţ ·⟧", "href": "assets/checklist.pdf",
                                    "description": "⟦Öñé þáĝé. ·⟧"}
    assert data["certificate"] == {"title": "", "issuer": "⟦Ĥéáð öƒ Çáŕé ··⟧", "show_score": False}
