"""A dialogue's `score_labels:`: what the debrief calls each score, translatable like any text."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from repo import REPO, course_data

from scorm_builder.cli import main
from scorm_builder.load import load_course
from scorm_builder.render.player_data import player_data
from scorm_builder.tools.scaffold import scaffold


@pytest.fixture()
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    scaffold("demo", Path("courses"))
    return Path("courses/demo")


def edit(course: Path, old: str, new: str) -> None:
    file = course / "course.yaml"
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1
    file.write_text(text.replace(old, new), encoding="utf-8")


def scores_of(course: Path) -> list[dict]:
    data = player_data(load_course(course), "scorm12")
    page = next(p for lesson in data["lessons"] for p in lesson["pages"] if p["kind"] == "dialogue")
    return [(s["id"], s["label"]) for s in page["scores"]]


def test_a_score_without_a_label_is_shown_by_its_id_and_a_label_replaces_it(demo: Path) -> None:
    assert scores_of(demo) == [("rapport", "Rapport"), ("resolution", "Resolution")]
    edit(demo, "scores: [rapport, resolution]\n",
         "scores: [rapport, resolution]\n        score_labels: {rapport: Trust in you}\n")
    assert scores_of(demo) == [("rapport", "Trust in you"), ("resolution", "Resolution")]


def test_a_label_for_a_score_the_dialogue_lacks_is_a_positioned_error(demo: Path) -> None:
    edit(demo, "scores: [rapport, resolution]\n",
         "scores: [rapport, resolution]\n        score_labels: {raport: Trust in you}\n")
    result = CliRunner().invoke(main, ["validate", "courses/demo"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "courses/demo/course.yaml:62:24: lessons[0].pages[2].score_labels.raport: unknown score 'raport' "
        "(expected one of: rapport, resolution) \u2014 did you mean 'rapport'?",
        "1 problem found."]


def test_each_label_is_a_translation_unit_and_the_spanish_build_uses_it(tmp_path: Path) -> None:
    course = REPO / "courses/empathy-written-channels"
    page = next(p for lesson in load_course(course).lessons for p in lesson.pages if p.id == "wc-broadband-chat")
    assert page.score_labels == (("trust", "Trust"), ("clarity", "Clarity"))
    xlf = (course / "translations/es.xlf").read_text(encoding="utf-8")
    for name, source, target in (("trust", "Trust", "Confianza"), ("clarity", "Clarity", "Claridad")):
        assert (f'id="wc-broadband-chat.score_labels.{name}" maxwidth="60" size-unit="char">\n'
                f"        <source>{source}</source>\n"
                f'        <target state="translated">{target}</target>\n') in xlf
    result = CliRunner().invoke(main, ["build", str(course), "--language", "es", "--strict", "-s", "scorm12",
                                       "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "empathy-written-channels-es-1.0.0-scorm12.zip") as z:
        data = course_data(z.read("index.html").decode())
    page = next(p for lesson in data["lessons"] for p in lesson["pages"] if p["id"] == "wc-broadband-chat")
    assert [(s["id"], s["label"]) for s in page["scores"]] == [("trust", "Confianza"), ("clarity", "Claridad")]
