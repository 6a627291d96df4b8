"""Authoring issue, section 6: GFM tables render as tables, and what the player's Markdown drops (images, raw
HTML) is a positioned lint warning with the key to use instead (markdown-dropped)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from scorm_builder.cli import main
from scorm_builder.render.markdown import dropped, link_targets, markdown

TABLE = """\
| sign | what it often means | how sure |
| --- | :---: | ---: |
| short replies | patience running out | often |
| the same question twice | the first answer didn't land | usually |
"""


def test_a_gfm_table_renders_as_a_table_in_a_scrolling_box() -> None:
    """The report's case showed raw pipes. Alignment is a class: the player's CSP forbids style attributes."""
    assert markdown(TABLE) == (
        '<div class="table-scroll" tabindex="0">\n<table>\n<thead>\n<tr>\n<th>sign</th>\n'
        '<th class="align-center">what it often means</th>\n<th class="align-right">how sure</th>\n</tr>\n'
        '</thead>\n<tbody>\n<tr>\n<td>short replies</td>\n<td class="align-center">patience running out</td>\n'
        '<td class="align-right">often</td>\n</tr>\n<tr>\n<td>the same question twice</td>\n'
        '<td class="align-center">the first answer didn\'t land</td>\n<td class="align-right">usually</td>\n'
        '</tr>\n</tbody>\n</table>\n</div>')


def test_raw_html_and_images_stay_off_inside_tables_too() -> None:
    html = markdown("| a | b |\n| - | - |\n| <script>x</script> | ![p](assets/p.png) |\n")
    assert "<script>" not in html and "<img" not in html and "style=" not in html
    assert '<td>&lt;script&gt;x&lt;/script&gt;</td>\n<td>!<a href="assets/p.png">p</a></td>' in html


def test_links_and_dropped_markup_are_found_as_the_player_renders_them() -> None:
    text = "[a](assets/a.pdf) ![b](assets/b.png) <b>x</b> [c][ref]\n\n[ref]: assets/c.pdf\n"
    assert link_targets(text) == ("assets/a.pdf", "assets/b.png", "assets/c.pdf")
    assert [(d.kind, d.snippet, d.tag) for d in dropped(text)] == [
        ("image", "![b](assets/b.png)", ""), ("html", "<b>", "b")]


DROPPED = """\
id: dropped
title: Dropped
lessons:
  - id: intro
    title: Intro
    pages:
      - type: text
        title: Signs
        body: |
          Read the signs.<br>Then act.<br>
          ![A chart of the signs](assets/chart.png)
          <span class="x">Note</span> and <img src="assets/a.png" alt="a">
      - type: scenario
        id: s
        title: S
        channel: chat
        customer: {says: Hi}
        prompt: P
        options:
          - {text: A, verdict: best, feedback: "Good. ![yes](assets/yes.png)"}
          - {text: B, verdict: poor, feedback: "<b>No</b>, it skips the feeling."}
"""


def test_lint_warns_where_markdown_drops_something_with_what_to_write(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dropped" / "assets").mkdir(parents=True)
    (tmp_path / "dropped" / "course.yaml").write_text(DROPPED, encoding="utf-8")
    for name in ("chart.png", "yes.png"):  # the player shows a Markdown image as a link: its file is packaged
        (tmp_path / "dropped" / "assets" / name).write_bytes(b"\x89PNG\r\n\x1a\n")
    result = CliRunner().invoke(main, ["lint", "dropped"])
    src, tag = "dropped/course.yaml", "warning: [markdown-dropped]"
    body = "lessons[0].pages[0].body"
    on_page = "use the page's image: key instead (it puts the file in the package and asks for alt text)"
    assert result.output.splitlines() == [
        f"{src}:10:26: {body}: {tag} the HTML tag '<br>' shows as text, not as formatting (raw HTML is off) \u2014 "
        "for a line break, end the line with a backslash (\\); for a new paragraph, leave an empty line",
        f"{src}:11:11: {body}: {tag} the Markdown image '![A chart of the signs](assets/chart.png)' shows as '!' "
        f"and a link, not as a picture (Markdown images are off) \u2014 {on_page}",
        f"{src}:12:11: {body}: {tag} the HTML tag '<span class=\"x\">' shows as text, not as formatting (raw HTML "
        "is off) \u2014 use Markdown for formatting",
        f"{src}:12:43: {body}: {tag} the HTML image '<img src=\"assets/a.png\" alt=\"a\">' shows as text, not as a "
        f"picture (raw HTML is off) \u2014 {on_page}",
        f"{src}:20:55: lessons[0].pages[1].options[0].feedback: {tag} the Markdown image '![yes](assets/yes.png)' "
        "shows as '!' and a link, not as a picture (Markdown images are off) \u2014 pictures go on a text page, "
        "under its image: key; here, describe the picture in words",
        f"{src}:21:49: lessons[0].pages[1].options[1].feedback: {tag} the HTML tag '<b>' shows as text, not as "
        "formatting (raw HTML is off) \u2014 write **bold** instead",
        "6 warnings found.",
    ]
