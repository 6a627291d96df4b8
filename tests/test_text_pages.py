"""Issue 11, visuals and linear navigation: image placement and decorative images, statistic call-outs, images on
scenarios and questions, `navigation: linear` (course and profile), and the lint rule text-run."""
from __future__ import annotations

from pathlib import Path

import pytest

from scorm_builder.cli import main
from scorm_builder.errors import CourseInvalid, render_text
from scorm_builder.load import load_course
from scorm_builder.render.player_data import player_data
from scorm_builder.tools.lint_text_run import text_run_warnings

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
HEAD = "id: tp\ntitle: Text pages\n{extra}lessons:\n  - id: one\n    title: One\n    pages:\n"
TEXT = "      - type: text\n        id: {pid}\n        title: {pid}\n        body: Words.\n"
SCENARIO = ("      - type: scenario\n        id: {pid}\n        title: S\n        channel: chat\n{image}"
            "        customer: {{says: Hi}}\n        prompt: P\n        options:\n"
            "          - {{text: Fix it now and say when, verdict: best, feedback: Good because it acts.}}\n"
            "          - {{text: Ask them to call back later, verdict: poor, feedback: Poor because it waits.}}\n")


def write(tmp_path: Path, pages: str, extra: str = "", tail: str = "") -> Path:
    (tmp_path / "assets").mkdir(exist_ok=True)
    (tmp_path / "assets" / "call.png").write_bytes(PNG)
    (tmp_path / "course.yaml").write_text(HEAD.format(extra=extra) + pages + tail, encoding="utf-8")
    return tmp_path


def problems(folder: Path) -> list[str]:
    with pytest.raises(CourseInvalid) as info:
        load_course(folder)
    return render_text(info.value.problems)


def text_page(image: str = "", stats: str = "") -> str:
    return TEXT.format(pid="read") + image + stats


# -- the format: placement, decorative images, statistics --------------------------------------------------
def test_a_bad_placement_is_reported_at_its_value(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    image = "        image:\n          src: assets/call.png\n          alt: A call\n          placement: left\n"
    assert problems(write(tmp_path, text_page(image))) == [
        "course.yaml:14:22: lessons[0].pages[0].image.placement: invalid value (expected one of: below, above, "
        "beside, full, got the text 'left') — use one of: below, above, beside, full"]


def test_alt_is_required_unless_the_image_is_decorative_and_never_both(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    both = "        image:\n          src: assets/call.png\n          alt: A call\n          decorative: true\n"
    assert problems(write(tmp_path, text_page(both))) == [
        "course.yaml:13:16: lessons[0].pages[0].image.alt: a decorative image has no alt text (screen readers skip "
        "it) — remove 'alt:', or remove 'decorative: true' if the image shows something the text needs"]
    neither = "        image:\n          src: assets/call.png\n          decorative: false\n"
    assert problems(write(tmp_path, text_page(neither))) == [
        "course.yaml:12:11: lessons[0].pages[0].image.alt: missing required key 'alt' in image — add 'alt:' (text "
        "saying what the image shows), or 'decorative: true' for an image that only decorates"]


def test_a_bad_statistic_is_reported_at_its_place(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    stats = ("        stats:\n          - figure: many\n            caption: of customers leave\n"
             "          - figure: '8 %'\n            caption: of customers are surprised\n")
    assert problems(write(tmp_path, text_page(stats=stats))) == [
        "course.yaml:12:13: lessons[0].pages[0].stats[0].source: missing required key 'source' in stat — add "
        "'source:' (text)",
        "course.yaml:12:21: lessons[0].pages[0].stats[0].figure: invalid value 'many' (expected a short figure "
        "with a digit, such as 59 % or 1 in 3) — use a short figure with a digit, such as 59 % or 1 in 3, for "
        "example '59 %'",
        "course.yaml:14:13: lessons[0].pages[0].stats[1].source: missing required key 'source' in stat — add "
        "'source:' (text)"]


def test_player_data_of_placement_statistics_and_decorative_images(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    image = "        image: {src: assets/call.png, decorative: true, placement: beside}\n"
    stats = "        stats:\n          - {figure: '59 %', caption: of consumers feel it, source: 'PwC, 2018'}\n"
    [lesson] = player_data(load_course(write(tmp_path, text_page(image, stats))), "scorm12")["lessons"]
    page = lesson["pages"][0]
    assert (page["image"], page["stats"]) == ({"src": "assets/call.png", "alt": "", "caption": "",
                                                "placement": "beside"},
                                               [{"figure": "59 %", "caption": "of consumers feel it",
                                                 "source": "PwC, 2018"}])


def test_todays_image_keeps_its_player_data(tmp_path, monkeypatch):
    """No placement written: the same keys as before the feature, and no stats key."""
    monkeypatch.chdir(tmp_path)
    image = "        image: {src: assets/call.png, alt: A call}\n"
    page = player_data(load_course(write(tmp_path, text_page(image))), "scorm12")["lessons"][0]["pages"][0]
    assert {k: page[k] for k in ("image", "callout", "quote")} == {
        "image": {"src": "assets/call.png", "alt": "A call", "caption": ""}, "callout": None, "quote": None}
    assert "stats" not in page


def test_scenarios_and_questions_take_an_image_with_its_file_checked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    image = "        image: {src: assets/call.png, alt: A customer on the phone}\n"
    question = ("assessment:\n  questions:\n    - id: q1\n      type: true-false\n      text: Is it?\n"
                "      image: {src: assets/gone.png, alt: Gone}\n      answer: true\n")
    assert problems(write(tmp_path, SCENARIO.format(pid="s1", image=image), tail=question)) == [
        "course.yaml:22:20: assessment.questions[0].image.src: asset not found: 'assets/gone.png' (expected a file "
        "at assets/gone.png) — check the spelling and the folder, or add the file"]
    folder = write(tmp_path, SCENARIO.format(pid="s1", image=image), tail=question.replace("gone", "call"))
    data = player_data(load_course(folder), "scorm12")
    assert data["lessons"][0]["pages"][0]["image"] == {"src": "assets/call.png", "alt": "A customer on the phone",
                                                       "caption": ""}
    assert data["assessment"]["questions"][0]["image"] == {"src": "assets/call.png", "alt": "Gone", "caption": ""}


# -- navigation: linear --------------------------------------------------------------------------------------
def test_navigation_is_free_by_default_and_left_out_of_the_player_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    free = load_course(write(tmp_path, text_page()))
    assert (free.navigation, "navigation" in player_data(free, "scorm12")["course"]) == ("free", False)
    linear = load_course(write(tmp_path, text_page(), extra="navigation: linear\n"))
    assert player_data(linear, "scorm12")["course"]["navigation"] == "linear"


def test_a_profile_sets_linear_navigation_and_a_bad_value_is_positioned(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c").mkdir()
    folder = write(tmp_path / "c", text_page())
    (tmp_path / "acme.yaml").write_text("id: acme\nname: Acme\nnavigation: linear\n", encoding="utf-8")
    assert load_course(folder, tmp_path / "acme.yaml").navigation == "linear"
    (tmp_path / "acme.yaml").write_text("id: acme\nname: Acme\nnavigation: strict\n", encoding="utf-8")
    with pytest.raises(CourseInvalid) as info:
        load_course(folder, tmp_path / "acme.yaml")
    assert render_text(info.value.problems) == [
        "acme.yaml:3:13: navigation: invalid value (expected one of: free, linear, got the text 'strict') — use "
        "one of: free, linear"]


# -- lint: text-run -----------------------------------------------------------------------------------------
RUN_FIX = "move the scenario 's1' (or another interaction) up to follow the text page 't6', or add a short " \
          "knowledge-check scenario there"


def texts(n: int) -> str:
    return "".join(TEXT.format(pid=f"t{k}") for k in range(1, n + 1))


def test_text_run_warns_at_the_seventh_text_page_with_the_interaction_to_move(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    course = load_course(write(tmp_path, texts(8) + SCENARIO.format(pid="s1", image="")))
    assert render_text(text_run_warnings(course)) == [
        "course.yaml:31:9: lessons[0].pages[6]: warning: [text-run] the course opens with 8 text pages in a row "
        "before its first interaction (the scenario 's1', page 9); this is text page 7 (expected at most 6) — "
        + RUN_FIX]


def test_text_run_allows_six_and_names_the_assessment_or_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert text_run_warnings(load_course(write(tmp_path, texts(6) + SCENARIO.format(pid="s1", image="")))) == []
    [warning] = text_run_warnings(load_course(write(tmp_path, texts(7))))
    assert (warning.reason, warning.fix) == (
        "the course opens with 7 text pages in a row before its first interaction (none: the course has no "
        "scenario, dialogue or assessment); this is text page 7 (expected at most 6)",
        "add a short knowledge-check scenario after the text page 't6', then one every few pages")


def test_lint_reports_text_run(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, texts(7) + SCENARIO.format(pid="s1", image=""))
    result = runner.invoke(main, ["lint", ".", "--strict"])
    assert result.exit_code == 1
    assert "lessons[0].pages[6]: warning: [text-run] the course opens with 7 text pages" in result.stdout


SHIPPED = ["empathy-essentials", "empathy-sales", "empathy-written-channels", "empathy-coaching"]


@pytest.mark.parametrize("course", SHIPPED)
def test_every_shipped_course_opens_with_at_most_six_text_pages(repo_root, monkeypatch, course):
    monkeypatch.chdir(repo_root)
    assert text_run_warnings(load_course(Path("courses") / course)) == []


@pytest.mark.parametrize("company", ["harbor-health", "northwind-mobile"])
def test_every_company_build_opens_with_at_most_six_text_pages(repo_root, monkeypatch, company):
    monkeypatch.chdir(repo_root)
    course = load_course(Path("courses/empathy-essentials"), Path(f"courses/companies/{company}.yaml"))
    assert text_run_warnings(course) == []
