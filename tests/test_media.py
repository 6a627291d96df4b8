"""Media, end to end without a browser: the format and the model, the player's data, the WebVTT and size rules
(with their exact messages), lint's budget and long-video warnings, the suspend bound, the manifests, and
`check` on packages with and without captions. The sound and video are made at test time (tests/media_fixtures.py);
rules that read only a file's first bytes get files of a few bytes."""
from __future__ import annotations

import io
import json
import os
import re
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

from scorm_builder.check.report import check_package
from scorm_builder.course.model_media import Captions, Media
from scorm_builder.errors import CourseInvalid
from scorm_builder.load import load_course
from scorm_builder.pack.pipeline import build
from scorm_builder.pack.plan import plan
from scorm_builder.render.player_data import player_data
from scorm_builder.render.suspend import worst_case
from scorm_builder.tools.lint import check as lint_check
from tests.media_fixtures import media_course

BROKEN = REPO / "tests" / "fixtures" / "broken"
MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x00"  # an MP3's first bytes: enough for the content check
WEBM = b"\x1a\x45\xdf\xa3\x01\x00\x00\x00"
MB = 1024 * 1024
RULES_OF_CASE = {
    "media-video-no-captions": ["media-no-captions"],
    "media-audio-no-transcript": ["media-no-transcript"],
    "media-unknown-type": ["media-type"],
    "media-audio-captions": ["media-audio-captions"],
    "captions-not-webvtt": ["asset-content-mismatch"],
    "captions-bad-timing": ["captions-timing", "captions-timing"],
    "captions-empty": ["captions-empty"],
    "node-image-no-alt": ["missing-key"],
}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The media course with a real voice (espeak-ng) and video (ffmpeg)."""
    return media_course(tmp_path_factory.mktemp("media") / "course")


def small_course(folder: Path, media: str, files: dict[str, bytes | str], top: str = "") -> Path:
    (folder / "assets").mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        target = folder / "assets" / name
        target.write_bytes(content.encode() if isinstance(content, str) else content)
    (folder / "course.yaml").write_text(f"id: small\ntitle: Small\n{top}lessons:\n  - id: l\n    title: L\n    pages:\n"
                                        f"      - type: media\n        title: Listen\n        media:\n{media}",
                                        encoding="utf-8")
    return folder


def problems(course: Path) -> list[str]:
    with pytest.raises(CourseInvalid) as info:
        load_course(course)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize("case", sorted(RULES_OF_CASE))
def test_each_media_case_has_its_rule(case: str) -> None:
    with pytest.raises(CourseInvalid) as info:
        load_course(BROKEN / case)
    assert [p.rule for p in info.value.problems] == RULES_OF_CASE[case]


def test_the_model_of_media(made: Path) -> None:
    course = load_course(made)
    voicemail, video, scenario = course.pages[0], course.pages[1], course.pages[2]
    size = (made / "assets" / "voicemail.mp3").stat().st_size
    assert (voicemail.kind, voicemail.id, voicemail.body) == ("media", "voicemail",
                                                               "Listen for what Dana needs **before** she says it.")
    assert voicemail.media == Media("audio", "assets/voicemail.mp3", "audio/mpeg", "A voicemail from Dana", None,
                                    "**Dana:** Hi, it's Dana Reyes. My card was blocked this morning and I'm stuck "
                                    "at the shop.", size, voicemail.media.source)
    assert video.media.captions == Captions("assets/branch.vtt", "en", "English", video.media.captions.source)
    assert (video.media.kind, video.media.mime, video.media.title) == ("video", "video/webm",
                                                                       "A customer at the counter")
    assert scenario.media.title == "Calling Dana back"  # the scenario's title, by default
    node = course.pages[3].nodes[0]
    assert (node.image.src, node.image.alt) == ("assets/card.png", "A bank card with a red 'blocked' stamp")
    assert [a.href for a in course.assets] == ["assets/branch.vtt", "assets/branch.webm", "assets/card.png",
                                               "assets/voicemail.mp3"]


def test_the_players_data(made: Path) -> None:
    data = player_data(load_course(made), "scorm12")
    pages = data["lessons"][0]["pages"]
    assert {k: pages[1][k] for k in ("kind", "id", "title", "body_html", "media")} == {
        "kind": "media", "id": "branch-video", "title": "At the branch", "body_html": "",
        "media": {"kind": "video", "src": "assets/branch.webm", "type": "video/webm",
                  "title": "A customer at the counter",
                  "captions": {"src": "assets/branch.vtt", "language": "en", "label": "English"},
                  "transcript_html": "<p>A busy shop; Dana explains her card was blocked.</p>"}}
    assert pages[2]["media"]["captions"] is None
    assert pages[3]["nodes"]["open"]["image"] == {"src": "assets/card.png", "caption": "",
                                                  "alt": "A bank card with a red 'blocked' stamp"}
    assert "image" not in pages[3]["nodes"]["done"]


def test_a_media_page_adds_only_its_id_to_the_saved_state(made: Path) -> None:
    """Media pages are seen, never answered: the bound counts them in "vw" and nowhere else."""
    state = json.loads(worst_case(player_data(load_course(made), "scorm12")).text)
    assert (state["vw"], sorted(state["sc"]), sorted(state["dg"])) == (
        "voicemail branch-video call-back counter", ["call-back"], ["counter"])


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004-4"])
def test_the_manifest_lists_the_media_and_captions(made: Path, standard: str) -> None:
    planned = plan(load_course(made), standard)
    manifest = planned.files["imsmanifest.xml"].decode()
    assert re.findall(r'<file href="(assets/[^"]+)"/>', manifest) == [
        "assets/branch.vtt", "assets/branch.webm", "assets/card.png", "assets/voicemail.mp3"]


def test_packages_with_media_pass_check_and_build_the_same_twice(made: Path, tmp_path: Path) -> None:
    standards = ["scorm12", "scorm2004-4", "cmi5"]
    first = build([made], standards, tmp_path / "a")
    second = build([made], standards, tmp_path / "b")
    for one, two in zip(first, second, strict=True):
        assert one.path.read_bytes() == two.path.read_bytes()
        found = check_package(one.path)
        assert [d for d in found if d.rule.startswith("media")] == []
        assert [d for d in found if d.severity != "info"] == []
        with zipfile.ZipFile(one.path) as zf:
            assert {"assets/branch.vtt", "assets/branch.webm", "assets/voicemail.mp3"} <= set(zf.namelist())


def rezip(source: Path, target: Path, change) -> Path:
    """The package at ``source`` with the first lesson's pages changed by ``change(pages)``: in the page bodies
    beside index.html (course/lesson-001.js) when there are any, else in index.html's course data."""
    with zipfile.ZipFile(source) as zf:
        entries = {name: zf.read(name) for name in zf.namelist()}
    if "course/lesson-001.js" in entries:
        call = entries["course/lesson-001.js"].decode()
        start, end = call.index("["), call.rindex("]") + 1
        pages = json.loads(call[start:end])
        change(pages)
        entries["course/lesson-001.js"] = (call[:start] + json.dumps(pages) + call[end:]).encode()
    else:
        html = entries["index.html"].decode()
        start = html.index('id="course-data">') + len('id="course-data">')
        end = html.index("</script>", start)
        data = json.loads(html[start:end])
        change(data["lessons"][0]["pages"])
        entries["index.html"] = (html[:start] + json.dumps(data) + html[end:]).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, content in entries.items():
            zf.writestr(name, content)
    target.write_bytes(buffer.getvalue())
    return target


def test_check_reports_media_without_captions_or_transcript(made: Path, tmp_path: Path) -> None:
    built = build([made], ["scorm12"], tmp_path / "out")[0].path

    def strip(pages):
        pages[0]["media"]["transcript_html"] = ""
        pages[1]["media"]["captions"] = None

    found = [(d.rule, d.reason) for d in check_package(rezip(built, tmp_path / "bad.zip", strip))
             if d.rule.startswith("media")]
    assert found == [
        ("media-transcript", "the sound 'assets/voicemail.mp3' of page 'voicemail' has no transcript: learners who "
                             "can't hear it get nothing of it (WCAG 1.2.1)"),
        ("media-captions", "the video 'assets/branch.webm' of page 'branch-video' has no captions: learners who "
                           "can't hear it miss what is said (WCAG 1.2.2)")]


def test_check_warns_of_another_tools_video_without_a_track(tmp_path: Path) -> None:
    from tests.test_check import MANIFEST_12, files_12, write_zip
    page = b"<html><body>\n<video controls src=\"a.mp4\"></video>\n<video><track kind=captions src=a.vtt></video>"
    files = [(n, page if n == "shared/launch.html" else c) for n, c in files_12(MANIFEST_12)]
    found = [str(d) for d in check_package(write_zip(tmp_path / "pkg.zip", files)) if d.rule == "media-captions"]
    assert found == [f"{tmp_path / 'pkg.zip'}:shared/launch.html:2: warning [media-captions] a <video> in "
                     "shared/launch.html has no <track kind=\"captions\">: learners who can't hear it miss what is "
                     "said (WCAG 1.2.2) \u2014 add a WebVTT captions track to the video"]


def test_captions_with_hours_and_a_byte_order_mark_are_fine(tmp_path: Path) -> None:
    course = small_course(tmp_path, "          src: assets/v.webm\n          captions: {src: assets/v.vtt, "
                          "language: pt-BR}\n", {"v.webm": WEBM, "v.vtt": "\ufeffWEBVTT - a title\n\nintro\n"
                                                 "01:00:00.000 --> 01:00:02.500 align:start\nOlá.\n"})
    assert load_course(course).pages[0].media.captions.language == "pt-BR"


def test_captions_that_are_not_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    course = small_course(tmp_path / "c", "          src: assets/v.webm\n          captions: {src: assets/v.vtt, "
                          "language: fr}\n", {"v.webm": WEBM, "v.vtt": b"WEBVTT\n\n00:00.000 --> 00:01.000\nD\xe9j\xe0\n"})
    assert problems(course) == [
        "c/course.yaml:11:27: lessons[0].pages[0].media.captions.src: the captions file 'assets/v.vtt' is not UTF-8 "
        "text (byte 34); WebVTT files are always UTF-8 \u2014 save the file again as UTF-8"]


def test_media_above_the_hard_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    course = small_course(tmp_path / "c", "          src: assets/a.mp3\n          transcript: Words.\n",
                          {"a.mp3": MP3})
    os.truncate(course / "assets" / "a.mp3", 201 * MB)  # sparse: nothing is written
    assert problems(course) == [
        "c/course.yaml:10:16: lessons[0].pages[0].media.src: the course's sound and video add up to 201.0 MB, above "
        "the 200 MB cap on a course's media (the largest, 'assets/a.mp3', is 201.0 MB) \u2014 stream long videos from "
        "your video platform and link to them, or make the files smaller (e.g. ffmpeg -crf 28, or a lower "
        "resolution)"]


def test_lint_warns_above_the_budget_and_on_a_long_video(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    long_vtt = "WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n\n06:58.000 --> 07:00.000\nBye.\n"
    course = small_course(tmp_path / "c", "          src: assets/v.webm\n          captions: {src: assets/v.vtt, "
                          "language: en}\n", {"v.webm": WEBM, "v.vtt": long_vtt}, top="media_budget_mb: 1\n")
    os.truncate(course / "assets" / "v.webm", 2 * MB)
    found = [str(d) for d in lint_check(load_course(course)) if d.rule.startswith("media")]
    assert found == [
        "c/course.yaml:11:16: lessons[0].pages[0].media.src: warning: [media-over-budget] the course's sound and "
        "video add up to 2.0 MB, above its media budget of 1 MB (the largest, 'assets/v.webm', is 2.0 MB) \u2014 make "
        "the files smaller (e.g. ffmpeg -crf 28, or mono sound at 32 kbit/s), stream long videos from your video "
        "platform, or raise 'media_budget_mb'",
        "c/course.yaml:11:16: lessons[0].pages[0].media.src: warning: [media-long-video] the video 'assets/v.webm' "
        "runs 7 minutes by its captions, more than the 6 learners watch through \u2014 split it into shorter clips, "
        "each on its own page with what to look for, or stream it from your video platform"]


def test_within_the_budget_there_is_no_warning(tmp_path: Path) -> None:
    course = small_course(tmp_path, "          src: assets/a.mp3\n          transcript: Words.\n", {"a.mp3": MP3})
    assert [d for d in lint_check(load_course(course)) if d.rule.startswith("media")] == []
    assert load_course(course).media_budget_mb == 25


def test_the_preview_serves_media_and_captions_with_their_types(made: Path, preview_server) -> None:
    import urllib.request

    preview, base = preview_server(made)
    found = {}
    for name in ("assets/voicemail.mp3", "assets/branch.webm", "assets/branch.vtt"):
        with urllib.request.urlopen(f"{base}/pkg/{name}", timeout=5) as resp:
            found[name] = (resp.status, resp.headers["Content-Type"], resp.read() == (made / name).read_bytes())
    assert found == {"assets/voicemail.mp3": (200, "audio/mpeg", True), "assets/branch.webm": (200, "video/webm", True),
                     "assets/branch.vtt": (200, "text/vtt; charset=utf-8", True)}


def test_the_outline_shows_media_transcripts_and_node_images(made: Path) -> None:
    from scorm_builder.tools.outline import render_outline

    html = render_outline(load_course(made), "html")
    assert ('<p><strong>Video:</strong> <code>assets/branch.webm</code>, named “A customer at the counter”; captions '
            '<code>assets/branch.vtt</code> (en)</p>\n<p><strong>Transcript:</strong></p>\n<blockquote class="says">'
            '<p>A busy shop; Dana explains her card was blocked.</p></blockquote>') in html
    assert html.count("<p><strong>Sound:</strong> <code>assets/voicemail.mp3</code>") == 2  # the page and the scenario
    assert ("<p><strong>Image:</strong> <code>assets/card.png</code>, alt text: “A bank card with a red &#39;blocked"
            "&#39; stamp”</p>") in html


def test_only_a_course_with_media_carries_the_media_module(made: Path) -> None:
    with_media = plan(load_course(made), "scorm12").files["player/player.js"]
    without = plan(load_course(REPO / "courses" / "empathy-essentials"), "scorm12").files["player/player.js"]
    assert (b"/* --- view-media.js --- */" in with_media, b"/* --- view-media.js --- */" in without) == (True, False)
