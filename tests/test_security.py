"""Text from YAML can't inject markup or script: into index.html, the player's JSON, or the manifest.

Course text may hold placeholders (``{{ company.name }}``, issue 5), so a literal ``{{ 7*7 }}`` is
written here as ``{{ '{{' }} 7*7 }}``: what comes out of that stage must never be evaluated again by
the render stage.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree, html
from repo import course_data

HOSTILE = """\
id: hostile
title: "<script>alert(1)</script> & {{ '{{' }} 7*7 }}"
description: "</script><script>alert('d')</script>"
lessons:
  - id: intro
    title: "<img src=x onerror=alert(2)>"
    pages:
      - type: text
        title: "{{ '{{' }} 7*7 }}"
        body: |
          <img src=x onerror=alert(3)>

          [click me](javascript:alert(4)) and <script>alert(5)</script>

          {{ '{{' }} 7*7 }} **bold** [ok](https://example.com/a)
        image:
          src: assets/pic.png
          alt: "\\" onerror=\\"alert(15)"
        callout:
          text: "<b onmouseover=alert(6)>x</b>"
        quote:
          text: "</script><script>alert(7)</script>"
          by: "<i>me</i>"
      - type: scenario
        id: evil
        title: "<!-- comment --><![CDATA[x]]>"
        channel: email
        customer:
          name: "<svg onload=alert(8)>"
          says: "</script><script>alert(9)</script>"
          subject: "{{ '{{' }} 7*7 }}"
        prompt: "<a href='javascript:alert(10)'>x</a>"
        options:
          - text: "</script><script>alert(11)</script>"
            verdict: best
            feedback: "[x](javascript:alert(12)) <img src=x onerror=alert(13)>"
          - text: "{{ '{{' }} 7*7 }}"
            verdict: poor
            feedback: "<script>alert(14)</script>"
assessment:
  questions:
    - id: q-evil
      type: single-choice
      text: "<iframe src=javascript:alert(16)></iframe>"
      choices:
        - text: "<style>*{display:none}</style>"
          correct: true
          feedback: "<form action=//evil><button>go</button></form>"
        - text: "&lt;already escaped&gt;"
      feedback:
        correct: "<object data=x></object>"
"""

TITLE = "<script>alert(1)</script> & {{ 7*7 }}"
SAFE_TAGS = {"p", "strong", "em", "code", "pre", "ul", "ol", "li", "a", "blockquote", "br", "hr",
             "h1", "h2", "h3", "h4", "h5", "h6"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    from scorm_builder.pack.pipeline import build

    base = tmp_path_factory.mktemp("hostile")
    (base / "hostile" / "assets").mkdir(parents=True)
    (base / "hostile" / "course.yaml").write_text(HOSTILE, encoding="utf-8")
    (base / "hostile" / "assets" / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    out = {}
    for b in build([base / "hostile"], ["scorm12", "scorm2004-4"], base / "out"):
        with zipfile.ZipFile(b.path) as zf:
            out[b.plan.standard] = {n: zf.read(n) for n in zf.namelist()}
    return out


def _page(files: dict[str, bytes]) -> str:
    return files["index.html"].decode("utf-8")


def _data(files: dict[str, bytes]) -> dict:
    return course_data(files["index.html"], files)


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004-4"])
def test_page_has_only_its_own_scripts(standard: str, built) -> None:
    doc = html.fromstring(built[standard]["index.html"])
    scripts = doc.xpath("//script")
    assert [(s.get("type"), s.get("id"), s.get("src")) for s in scripts] == [
        ("application/json", "course-data", None), (None, None, "player/player.js")]
    assert doc.xpath("//img|//svg|//iframe|//object|//embed|//style|//form") == []
    assert [v for el in doc.iter() if isinstance(el.tag, str) for v in el.attrib.values()
            if "javascript:" in v.lower() or "alert(" in v] == []
    handlers = [(el.tag, a) for el in doc.iter() if isinstance(el.tag, str) for a in el.attrib if a.startswith("on")]
    assert handlers == []


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004-4"])
def test_json_island_cannot_close_its_script(standard: str, built) -> None:
    """In the JSON island every <, >, & and ' is a \\u escape, so '</script>' can't appear in it."""
    text = _page(built[standard])
    island = text.split('<script type="application/json" id="course-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in island and ">" not in island and "'" not in island
    assert "&" not in island.replace("\\u0026", "")
    assert '"title": "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 {{ 7*7 }}"' in island
    assert text.count("<script") == 2 and text.count("</script>") == 2
    # the customer's words are in the lesson file, a script the player loads: JSON there, never markup
    lessons = [v.decode("utf-8") for k, v in sorted(built[standard].items()) if k.startswith("course/lesson-")]
    assert any('"says":"</script><script>alert(9)</script>"' in lesson for lesson in lessons)
    assert all(lesson.startswith("scormBuilder.lessonPages(") and lesson.endswith("]);\n") for lesson in lessons)


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004-4"])
def test_html_title_is_escaped(standard: str, built) -> None:
    text = _page(built[standard])
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ 7*7 }}</title>" in text
    assert html.fromstring(built[standard]["index.html"]).findtext(".//title") == TITLE


def test_plain_text_reaches_the_player_unchanged(built) -> None:
    """Plain-text fields are data, shown by the player as text: exactly what the YAML said, {{ }} not run."""
    data = _data(built["scorm12"])
    text_page, scenario = data["lessons"][0]["pages"]
    assert data["course"]["title"] == TITLE
    assert data["course"]["description"] == "</script><script>alert('d')</script>"
    assert data["lessons"][0]["title"] == "<img src=x onerror=alert(2)>"
    assert text_page["title"] == "{{ 7*7 }}"
    assert text_page["quote"] == {"text": "</script><script>alert(7)</script>", "by": "<i>me</i>"}
    assert text_page["image"]["alt"] == '" onerror="alert(15)'
    assert scenario["title"] == "<!-- comment --><![CDATA[x]]>"
    assert scenario["customer"]["name"] == "<svg onload=alert(8)>"
    assert scenario["customer"]["subject"] == "{{ 7*7 }}"
    assert scenario["prompt"] == "<a href='javascript:alert(10)'>x</a>"
    assert [o["text"] for o in scenario["options"]] == ["</script><script>alert(11)</script>", "{{ 7*7 }}"]
    q = data["assessment"]["questions"][0]
    assert [c["text"] for c in q["choices"]] == ["<style>*{display:none}</style>", "&lt;already escaped&gt;"]


def test_markdown_raw_html_is_not_rendered(built) -> None:
    data = _data(built["scorm2004-4"])
    text_page, scenario = data["lessons"][0]["pages"]
    assert text_page["body_html"] == (
        "<p>&lt;img src=x onerror=alert(3)&gt;</p>\n"
        "<p>[click me](javascript:alert(4)) and &lt;script&gt;alert(5)&lt;/script&gt;</p>\n"
        '<p>{{ 7*7 }} <strong>bold</strong> <a href="https://example.com/a">ok</a></p>')
    assert text_page["callout"]["html"] == "<p>&lt;b onmouseover=alert(6)&gt;x&lt;/b&gt;</p>"
    assert [o["feedback_html"] for o in scenario["options"]] == [
        "<p>[x](javascript:alert(12)) &lt;img src=x onerror=alert(13)&gt;</p>",
        "<p>&lt;script&gt;alert(14)&lt;/script&gt;</p>"]
    q = data["assessment"]["questions"][0]
    assert q["text_html"] == "<p>&lt;iframe src=javascript:alert(16)&gt;&lt;/iframe&gt;</p>"
    assert q["choices"][0]["feedback_html"] == "<p>&lt;form action=//evil&gt;&lt;button&gt;go&lt;/button&gt;&lt;/form&gt;</p>"
    assert q["feedback"]["correct_html"] == "<p>&lt;object data=x&gt;&lt;/object&gt;</p>"


def _html_fields(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            if k.endswith("_html") or (k == "html" and isinstance(v, str)):
                yield f"{path}.{k}", v
            else:
                yield from _html_fields(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _html_fields(v, f"{path}[{i}]")


def test_every_html_field_holds_only_safe_markup(built) -> None:
    """The player puts only *_html fields into innerHTML: they may hold only harmless Markdown tags."""
    fields = list(_html_fields(_data(built["scorm12"])))
    assert len(fields) >= 8
    for path, value in fields:
        if not value:
            continue
        for el in html.fragment_fromstring(value, create_parent="div").iter():
            if el.tag == "div" and el.getparent() is None:
                continue
            assert el.tag in SAFE_TAGS, (path, el.tag)
            for name, attr in el.attrib.items():
                assert (el.tag, name) in {("a", "href"), ("a", "title"), ("ol", "start"), ("code", "class")}, (path, name)
                if name == "href":
                    assert re.match(r"(https?://|mailto:|#|[a-z0-9./-]+$)", attr), (path, attr)


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004-4"])
def test_manifest_title_is_xml_escaped(standard: str, built) -> None:
    manifest = built[standard]["imsmanifest.xml"]
    assert b"<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ 7*7 }}</title>" in manifest
    root = etree.fromstring(manifest)
    titles = [t.text for t in root.iter() if isinstance(t.tag, str) and etree.QName(t).localname == "title"]
    assert titles == [TITLE, TITLE]
    assert b"<script" not in manifest


def test_placeholders_cannot_reach_python_objects(tmp_path: Path) -> None:
    """Text may name only the values it is given: an attribute of one is an unknown placeholder."""
    from scorm_builder.errors import CourseInvalid
    from scorm_builder.load import load_course

    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "course.yaml").write_text(
        'id: c\ntitle: "{{ company.__class__.__mro__ }}"\nlessons:\n  - id: a\n    title: A\n    pages:\n'
        "      - type: text\n        title: T\n        body: B\n", encoding="utf-8")
    with pytest.raises(CourseInvalid) as info:
        load_course(folder)
    assert [(p.line, p.column, p.key, p.rule, p.reason) for p in info.value.problems] == [
        (2, 9, "title", "placeholder-unknown",  # at the placeholder, inside the quotes
         "unknown placeholder 'company.__class__.__mro__' (expected one of: company.name, course.title)")]
