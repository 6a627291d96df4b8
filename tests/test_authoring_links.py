"""Authoring issue, section 2: every file text links to is packaged and listed, a link that can't be is a
positioned error, and an asset's content must be what its extension says (asset-content-mismatch)."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from scorm_builder.cli import main
from scorm_builder.course.asset_files import TYPE_OF_EXTENSION, content_type
from scorm_builder.course.assets import markdown_values
from scorm_builder.course.texts import markdown_texts
from scorm_builder.errors import CourseInvalid
from scorm_builder.format.course import COURSE
from scorm_builder.format.spec import ListOf, Obj, Str, Tagged
from scorm_builder.load import load_course
from scorm_builder.pack.pipeline import build

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
SVG = b'<?xml version="1.0"?>\n<!-- a logo -->\n<svg xmlns="http://www.w3.org/2000/svg"/>\n'
FIND_INSIDE = "put the file in the course's assets/ folder and write a path such as assets/photo.png"

LINKED = """\
id: linked
title: Linked
lessons:
  - id: intro
    title: Intro
    pages:
      - type: text
        title: Fraud
        body: |
          Keep the [fraud job aid](assets/job-aid.pdf) open, and see [the regulator](https://example.com/x.pdf),
          [write to us](mailto:help@example.com) or [the top](#top).
        callout:
          text: "Page 2 of the [aid](./assets/job-aid.pdf?download=1#page=2), and the [map](assets/docs/map.png)."
assessment:
  questions:
    - id: q1
      type: true-false
      text: "The [checklist](assets/checklist.pdf) comes first."
      answer: true
"""


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "linked"
    (folder / "assets" / "docs").mkdir(parents=True)
    (folder / "course.yaml").write_text(LINKED, encoding="utf-8")
    (folder / "assets" / "job-aid.pdf").write_bytes(PDF)
    (folder / "assets" / "checklist.pdf").write_bytes(PDF)
    (folder / "assets" / "docs" / "map.png").write_bytes(PNG)
    return folder


def problems(folder: Path) -> list[str]:
    with pytest.raises(CourseInvalid) as info:
        load_course(folder)
    return [str(p) for p in info.value.problems]


def test_every_linked_file_is_packaged_and_listed_in_the_manifest(course: Path, tmp_path: Path) -> None:
    """The report's case: the PDF was left out and the link shipped broken. Links with a scheme and anchors are
    not files; a link written with './' and an anchor names the same file once."""
    assert [a.href for a in load_course(course).assets] == ["assets/checklist.pdf", "assets/docs/map.png",
                                                            "assets/job-aid.pdf"]
    for built in build([course], ["scorm12", "scorm2004-4"], tmp_path / "out"):
        with zipfile.ZipFile(built.path) as zf:
            assert zf.read("assets/job-aid.pdf") == PDF
            assert zf.read("assets/docs/map.png") == PNG
            listed = re.findall(r'<file href="([^"]+)"/>', zf.read("imsmanifest.xml").decode())
            page = zf.read("course/lesson-001.js").decode()  # the page bodies (render/page_files.py)
        assert {"assets/checklist.pdf", "assets/docs/map.png", "assets/job-aid.pdf"} <= set(listed)
        assert 'href=\\"assets/job-aid.pdf\\"' in page


def test_a_link_that_cant_be_packaged_is_an_error_at_the_link(course: Path) -> None:
    (course / "assets" / "Big Guide.pdf").write_bytes(PDF)
    (course / "assets" / "page.html").write_text("<p>hi</p>", encoding="utf-8")
    text = (course / "course.yaml").read_text(encoding="utf-8").replace(
        "          [write to us](mailto:help@example.com) or [the top](#top).\n",
        "          [missing](assets/nope.pdf), [up](../secret.pdf), [root](/etc/guide.pdf),\n"
        "          [page](assets/page.html), [named](<assets/Big Guide.pdf>) and [folder](assets/docs.pdf).\n")
    (course / "course.yaml").write_text(text, encoding="utf-8")
    (course / "assets" / "docs.pdf").mkdir()
    src, key = "linked/course.yaml", "lessons[0].pages[0].body"
    assert problems(course) == [
        f"{src}:11:21: {key}: linked file not found: 'assets/nope.pdf' (expected a file at "
        "linked/assets/nope.pdf) \u2014 check the spelling and the folder, or add the file",
        f"{src}:11:44: {key}: the linked file path '../secret.pdf' leaves the course folder (expected a path inside "
        f"it) \u2014 {FIND_INSIDE}",
        f"{src}:11:67: {key}: the linked file path '/etc/guide.pdf' is absolute or a URL (expected a path inside "
        f"the course folder) \u2014 {FIND_INSIDE}",
        f"{src}:12:18: {key}: text can't link to the file 'assets/page.html' (expected a document, picture, sound "
        "or video: pdf, png, jpg, jpeg, gif, webp, mp3, m4a, wav, ogg, oga, mp4, m4v, webm, ogv, txt, csv, docx, "
        "xlsx, pptx, odt, ods, odp, zip) \u2014 link to a PDF or another file of those types",
        f"{src}:12:46: {key}: the linked file name 'assets/Big Guide.pdf' has capitals, spaces or other special "
        "characters (expected lower-case letters, digits, '.', '-', '_' and '/') \u2014 rename the file, e.g. "
        "assets/agent-headset.png, and update the path",
        f"{src}:12:82: {key}: the linked file 'assets/docs.pdf' is not a file \u2014 point at a file, not a folder",
    ]


def test_link_problems_are_reported_with_the_other_problems(course: Path) -> None:
    """Collected with every other problem of the course, not after them."""
    text = (course / "course.yaml").read_text(encoding="utf-8").replace("assets/checklist.pdf", "assets/gone.pdf")
    (course / "course.yaml").write_text(text.replace("title: Fraud", "title: Fraud\n        image: {src: x.png}"))
    assert [p.split(": ", 2)[1] for p in problems(course)] == [
        "lessons[0].pages[0].image.alt", "lessons[0].pages[0].image.src", "assessment.questions[0].text"]


def spec_markdown_keys() -> set[str]:
    """The key paths of the course format marked Markdown (indexes and types left out)."""
    found, todo = set(), [(COURSE, "")]
    while todo:
        spec, path = todo.pop()
        if isinstance(spec, Tagged):
            todo.extend((v, path) for v in spec.variants.values())
        elif isinstance(spec, ListOf):
            todo.append((spec.item, path))
        elif isinstance(spec, Obj):
            for name, field in spec.fields.items():
                sub = f"{path}.{name}" if path else name
                if isinstance(field.spec, Str) and field.spec.markdown:
                    found.add(sub)
                else:
                    todo.append((field.spec, sub))
    return found


EVERY_MARKDOWN = """\
id: every
title: Every
lessons:
  - id: l
    title: L
    pages:
      - {type: text, title: T, body: "[a](assets/1.pdf)", callout: {text: "[a](assets/2.pdf)"}}
      - type: scenario
        id: s
        title: S
        channel: chat
        customer: {says: Hi}
        prompt: P
        options:
          - {text: A, verdict: best, feedback: "[a](assets/3.pdf)"}
          - {text: B, verdict: poor, feedback: "[a](assets/3.pdf)"}
      - type: dialogue
        id: d
        title: D
        intro: "[a](assets/4.pdf)"
        scores: [rapport]
        nodes:
          - {id: n, customer: Hi, choices: [{text: C, next: e, feedback: "[a](assets/5.pdf)"}]}
          - {id: e, ending: {outcome: good, title: E, debrief: "[a](assets/6.pdf)"}}
      - {type: media, title: M, media: {src: assets/voice.mp3, transcript: "[a](assets/12.pdf)"}}
assessment:
  intro: "[a](assets/7.pdf)"
  questions:
    - id: q
      type: single-choice
      text: "[a](assets/8.pdf)"
      choices:
        - {text: X, correct: true, feedback: "[a](assets/9.pdf)"}
        - {text: Y}
      feedback: {correct: "[a](assets/10.pdf)", incorrect: "[a](assets/11.pdf)"}
"""


def test_links_are_found_in_every_markdown_key_of_the_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tree walk (for the files) and the model walk (for the lint) both cover every key the format marks
    Markdown, so no Markdown text's link is left out of the package."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "every"
    (folder / "assets").mkdir(parents=True)
    (folder / "course.yaml").write_text(EVERY_MARKDOWN, encoding="utf-8")
    keys = spec_markdown_keys()
    assert len(keys) == 12
    (folder / "assets" / "voice.mp3").write_bytes(b"ID3" + bytes(64))
    missing = problems(folder)
    assert sorted({int(re.search(r"assets/(\d+)\.pdf", p).group(1)) for p in missing}) == list(range(1, 13))
    for n in range(1, 13):
        (folder / "assets" / f"{n}.pdf").write_bytes(PDF)
    course = load_course(folder)
    assert len(course.assets) == 13
    model_keys = {re.sub(r"\[\d+\]", "", f"{t.holder.key}.{t.key}") for t in markdown_texts(course)}
    unify = {"lessons.pages.nodes.choices.feedback", "lessons.pages.nodes.ending.debrief"}
    assert model_keys | unify >= {k.replace("[]", "") for k in keys}
    from scorm_builder.source.loader import load_yaml
    tree_keys = {re.sub(r"\[\d+\]", "", path) for _, _, path, _ in markdown_values(load_yaml(folder / "course.yaml"))}
    assert tree_keys == keys


# -- asset content against its extension ------------------------------------------------------------

IMAGE_COURSE = """\
id: pictured
title: Pictured
lessons:
  - id: intro
    title: Intro
    pages:
      - type: text
        title: T
        body: B
        image: {src: assets/logo.png, alt: The logo}
"""


@pytest.mark.parametrize("content, reason, fix", [
    (SVG, "the asset 'assets/logo.png' is an SVG image, not a PNG image as its extension says",
     "rename it to assets/logo.svg (and the path that names it), or convert it to .png"),
    (PDF, "the asset 'assets/logo.png' is a PDF document, not a PNG image as its extension says",
     "rename it to assets/logo.pdf (and the path that names it), or convert it to .png"),
    (b"", "the asset 'assets/logo.png' is empty (expected a PNG image)", "replace it with the real .png file"),
    (b"GIF8", "the asset 'assets/logo.png' is not a PNG image: its first bytes are not those of a .png file",
     "export the file again as .png, or give it the extension of what it really is"),
])
def test_an_asset_whose_content_is_not_its_extension(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     content: bytes, reason: str, fix: str) -> None:
    """The report's case, an SVG renamed .png, and its neighbours: positioned at the image's src."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "pictured"
    (folder / "assets").mkdir(parents=True)
    (folder / "course.yaml").write_text(IMAGE_COURSE, encoding="utf-8")
    (folder / "assets" / "logo.png").write_bytes(content)
    result = CliRunner().invoke(main, ["validate", "pictured"])
    assert result.exit_code == 1
    assert result.stderr == (f"pictured/course.yaml:10:22: lessons[0].pages[0].image.src: {reason} \u2014 {fix}\n"
                             "1 problem found.\n")


SIGNATURES = {
    "png": PNG, "jpeg": b"\xff\xd8\xff\xe0\0\x10JFIF", "gif": b"GIF89a\x01\0", "webp": b"RIFF\0\0\0\0WEBPVP8 ",
    "wav": b"RIFF\0\0\0\0WAVEfmt ", "pdf": b"junk\n%PDF-1.7", "mp4": b"\0\0\0\x18ftypmp42", "webm": b"\x1a\x45\xdf\xa3",
    "ogg": b"OggS\0\x02", "woff": b"wOFF\0\x01", "woff2": b"wOF2\0\x01", "zip": b"PK\x03\x04\x14\0",
    "mp3": b"ID3\x04\0", "svg": b"\xef\xbb\xbf  <!DOCTYPE svg>\n<svg viewBox='0 0 1 1'/>",
}


def test_each_type_is_known_by_its_first_bytes() -> None:
    assert {kind: content_type(head) for kind, head in SIGNATURES.items()} == {k: k for k in SIGNATURES}
    assert content_type(b"\xff\xfb\x90\x64") == "mp3"  # an MPEG frame without ID3 tags
    assert content_type(b"<html><body>") == "html"
    assert content_type(b"plain text") is None
    assert content_type(b"WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n") == "vtt"  # a text format, known by its header
    assert set(TYPE_OF_EXTENSION.values()) <= set(SIGNATURES) | {"vtt"}
