"""The conversation keys of the course format (format/conversation.py): `says` (and a dialogue node's
`customer`) as one text or a burst of messages, `time:`, `avatar:` and a dialogue's `subject:`; what
the model, the player's data, the outline and the translation units make of them."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from scorm_builder.cli import main
from scorm_builder.errors import CourseInvalid
from scorm_builder.format.conversation import FACES
from scorm_builder.load import load_course
from scorm_builder.render.player_data import page_data
from scorm_builder.source.loader import load_yaml
from scorm_builder.tools.outline import outline
from scorm_builder.translate.units import course_units

REPO = Path(__file__).resolve().parent.parent
PNG = b"\x89PNG\r\n\x1a\n"

COURSE = """\
id: unit
title: Unit
lessons:
  - id: one
    title: One
    pages:
      - type: scenario
        id: parcel
        title: Parcel
        channel: chat
        customer:
          name: Ana
{customer}
        prompt: What do you write?
        options:
          - {{text: I am checking it now., verdict: best, feedback: It acts.}}
          - {{text: Please wait., verdict: poor, feedback: It waits.}}
      - type: dialogue
        id: login
        title: Login
        channel: email
        customer: Priya
{dialogue}
        scores: [rapport]
        nodes:
          - id: opening
            customer:
              - I can't log in.
              - It says my account is locked.
            choices:
              - {{text: I can unlock it now., next: done}}
          - id: done
            ending: {{outcome: good, title: Back in, debrief: Access first.}}
"""
BURST = """\
          says:
            - Hi, my parcel was due yesterday.
            - I need it on Saturday."""


def write(tmp_path: Path, customer: str = BURST, dialogue: str = "") -> Path:
    folder = tmp_path / "unit"
    folder.mkdir(exist_ok=True)
    (folder / "course.yaml").write_text(COURSE.format(customer=customer, dialogue=dialogue), encoding="utf-8")
    return folder


def problems(folder: Path) -> list[str]:
    with pytest.raises(CourseInvalid) as info:
        load_course(folder)
    return [f"{p.where.line}:{p.where.column}: {p.key}: {p.reason} \u2014 {p.fix}" for p in info.value.problems]


def test_a_list_of_messages_is_a_burst_and_one_text_stays_as_it_was(tmp_path: Path) -> None:
    course = load_course(write(tmp_path))
    scenario, dialogue = course.pages
    assert (scenario.customer.says, scenario.customer.messages, scenario.customer.lines) == (
        "Hi, my parcel was due yesterday.\n\nI need it on Saturday.",
        ("Hi, my parcel was due yesterday.", "I need it on Saturday."),
        ("Hi, my parcel was due yesterday.", "I need it on Saturday."))
    assert (dialogue.nodes[0].lines, dialogue.nodes[1].lines) == (("I can't log in.", "It says my account is locked."), ())
    assert page_data(scenario, {})["customer"] == {"name": "Ana", "says": ["Hi, my parcel was due yesterday.",
                                                                            "I need it on Saturday."],
                                                    "context": "", "subject": "", "mood": "neutral"}
    assert page_data(dialogue, {})["nodes"]["opening"]["customer"] == ["I can't log in.", "It says my account is locked."]
    single = load_course(write(tmp_path, "          says: Where is my parcel?")).pages[0]
    assert (single.customer.says, single.customer.messages, single.customer.lines) == (
        "Where is my parcel?", (), ("Where is my parcel?",))
    assert page_data(single, {})["customer"]["says"] == "Where is my parcel?"


def test_a_message_that_is_not_text_is_reported_at_its_place(tmp_path: Path) -> None:
    folder = write(tmp_path, "          says:\n            - Hi.\n            - 3\n            - [a, b]")
    assert problems(folder) == [
        "15:15: lessons[0].pages[0].customer.says[1]: wrong type (expected text, got the number 3) \u2014 "
        "put the value in quotes: \"3\"",
        "16:15: lessons[0].pages[0].customer.says[2]: wrong type (expected text, got a list) \u2014 write text here"]
    assert problems(write(tmp_path, "          says: []")) == [
        "13:17: lessons[0].pages[0].customer.says: too few messages (expected at least 1, got 0) \u2014 add 1 more message"]


def test_the_command_line_reports_a_bad_message_without_a_traceback(tmp_path: Path) -> None:
    folder = write(tmp_path, "          says:\n            - {text: Hi}")
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "course.yaml:14:15: lessons[0].pages[0].customer.says[0]: wrong type (expected text, got a mapping of " \
           "keys)" in result.output


def test_time_avatar_and_subject(tmp_path: Path) -> None:
    folder = write(tmp_path, BURST + '\n          time: "14:05"\n          avatar: deep-braids',
                   '        time: "08:58"\n        avatar: {src: assets/priya.png}\n        subject: Locked out')
    (folder / "assets").mkdir()
    (folder / "assets" / "priya.png").write_bytes(PNG)
    scenario, dialogue = load_course(folder).pages
    assert (scenario.customer.time, scenario.customer.avatar.face, scenario.customer.avatar.src) == (
        "14:05", "deep-braids", "")
    assert (dialogue.time, dialogue.avatar.face, dialogue.avatar.src, dialogue.subject) == (
        "08:58", "", "assets/priya.png", "Locked out")
    assert {k: page_data(scenario, {})["customer"][k] for k in ("avatar", "time")} == {"avatar": "deep-braids",
                                                                                        "time": "14:05"}
    data = page_data(dialogue, {})
    assert {k: data[k] for k in ("avatar", "time", "subject")} == {"avatar": {"src": "assets/priya.png"},
                                                                    "time": "08:58", "subject": "Locked out"}
    assert "assets/priya.png" in [a.href for a in load_course(folder).assets]
    plain = load_course(write(tmp_path)).pages  # the defaults: nothing more in the player's data
    assert (plain[0].customer.time, plain[0].customer.avatar) == ("09:30", None)
    assert not {"avatar", "time"} & set(page_data(plain[0], {})["customer"])
    assert not {"avatar", "time", "subject"} & set(page_data(plain[1], {}))


def test_a_bad_time_or_avatar_says_how_to_write_it(tmp_path: Path) -> None:
    folder = write(tmp_path, BURST + "\n          time: 14:05\n          avatar: deep-brades",
                   "        time: \"25:00\"\n        avatar: {file: assets/priya.png, alt: Priya}")
    assert problems(folder) == [
        "16:17: lessons[0].pages[0].customer.time: wrong type (expected a time such as \"14:05\", got the number 845: "
        "YAML reads an unquoted time as a number) \u2014 put the time in quotes: \"14:05\"",
        "17:19: lessons[0].pages[0].customer.avatar: invalid value (expected one of: " + ", ".join(FACES) +
        ", got the text 'deep-brades') \u2014 did you mean 'deep-braids'?",
        "27:15: lessons[0].pages[1].time: invalid value '25:00' (expected a time HH:MM on the 24-hour clock) "
        "\u2014 use a time HH:MM on the 24-hour clock, for example '14:05'",
        "28:17: lessons[0].pages[1].avatar.src: missing required key 'src' in avatar picture \u2014 add 'src:' (text)",
        "28:18: lessons[0].pages[1].avatar.file: unknown key 'file' in avatar picture \u2014 write 'src:' for the "
        "picture's path, as images do",
        "28:42: lessons[0].pages[1].avatar.alt: unknown key 'alt' in avatar picture \u2014 remove it: the picture is "
        "always shown beside the customer's name, so it is decorative (screen readers read the name)"]


def test_the_outline_shows_each_message_of_a_burst(tmp_path: Path) -> None:
    text = outline(write(tmp_path), "markdown")
    assert "> Hi, my parcel was due yesterday.\n>\n> I need it on Saturday.\n" in text
    assert "> I can't log in.\n>\n> It says my account is locked.\n" in text
    assert "['" not in text  # never a Python list


def test_each_message_of_a_burst_is_a_translation_unit(tmp_path: Path) -> None:
    tree = load_yaml(write(tmp_path) / "course.yaml")
    units = {u.id: u for u in course_units(tree)}
    assert [(k, units[k].text) for k in units if ".customer." in k or k.endswith(".customer")] == [
        ("parcel.customer.name", "Ana"),
        ("parcel.customer.says.1", "Hi, my parcel was due yesterday."),
        ("parcel.customer.says.2", "I need it on Saturday."),
        ("login.customer", "Priya"),
        ("login.opening.customer.1", "I can't log in."),
        ("login.opening.customer.2", "It says my account is locked.")]
    assert units["parcel.customer.says.2"].notes[-1] == "Message 2 of 2, sent one after the other."
    assert "the customer's \u201cI can't log in. / It says my account is locked.\u201d" in \
        units["login.opening.choices.a.text"].notes[0]


def test_the_player_draws_the_same_faces_as_the_format_names() -> None:
    node = shutil.which("node")
    assert node, "node is needed (scripts/install-test-deps.sh)"
    script = "console.log(JSON.stringify(require(process.argv[1]).FACES))"
    out = subprocess.run([node, "-e", script, str(REPO / "templates" / "player" / "js" / "chat.js")],
                         capture_output=True, text=True, timeout=60, check=True).stdout
    assert tuple(json.loads(out)) == FACES
