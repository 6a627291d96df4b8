"""Every path through a dialogue (course/graph.py paths, `outline --paths`) and debrief lines that depend on it."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from repo import REPO

from scorm_builder.cli import main
from scorm_builder.course import graph
from scorm_builder.course.model import DialoguePage
from scorm_builder.course.practice import walks
from scorm_builder.errors import CourseInvalid
from scorm_builder.load import load_course
from scorm_builder.render.player_data import ending_data
from scorm_builder.tools.outline import paths_text

SHIPPED = sorted((REPO / "courses").glob("*/course.yaml"))

COURSE = """\
id: paths
title: Paths
lessons:
  - id: l
    title: L
    pages:
      - type: dialogue
        id: call
        title: The call
        scores: [rapport]
        nodes:
          - id: open
            customer: Hello?
            choices:
              - {text: Sorry for the wait., next: fix, effects: {rapport: 2}}
              - {text: Account number?, next: fix, effects: {rapport: -1}}
          - id: fix
            customer: And?
            choices:
              - {text: Done., next: end}
              - {text: One more thing., next: open}
          - id: end
            ending:
              outcome: good
              title: Sorted
              debrief:
                - It got fixed.
                - if: {chose: [open, a]}
                  text: You said sorry first.
                - if: {not_chose: [open, a]}
                  text: You never said sorry.
"""


def write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "course.yaml").write_text(text, encoding="utf-8")
    return folder


def test_paths_take_each_choice_at_most_once_in_choice_order() -> None:
    edges = {"a": ["b", "c"], "b": ["a", "c"], "c": []}
    assert graph.paths("a", edges) == ([(("a", 0), ("b", 0), ("a", 1)), (("a", 0), ("b", 1)), (("a", 1),)], True)
    assert graph.paths("a", edges, limit=2) == ([(("a", 0), ("b", 0), ("a", 1)), (("a", 0), ("b", 1))], False)
    assert graph.paths("a", {"a": ["a"]}) == ([], True)  # a loop with no way out is no path


def test_debrief_lines_are_modelled_and_picked_by_the_path(tmp_path: Path) -> None:
    course = load_course(write(tmp_path / "paths", COURSE))
    ending = course.pages[0].nodes[2].ending
    assert [(line.text, line.chose, line.not_chose, line.key) for line in ending.debrief] == [
        ("It got fixed.", None, None, "text"), ("You said sorry first.", ("open", "a"), None, "text"),
        ("You never said sorry.", None, ("open", "a"), "text")]
    assert [line.text for line in ending.debrief_for({("open", "b"), ("fix", "a")})] == [
        "It got fixed.", "You never said sorry."]
    assert ending_data(ending)["debrief"] == [
        {"html": "<p>It got fixed.</p>"}, {"html": "<p>You said sorry first.</p>", "chose": ["open", "a"]},
        {"html": "<p>You never said sorry.</p>", "not_chose": ["open", "a"]}]


def test_outline_paths_lists_decisions_scores_and_the_debrief_shown(tmp_path: Path) -> None:
    folder = write(tmp_path / "paths", COURSE)
    result = CliRunner().invoke(main, ["outline", str(folder), "--paths"])
    assert result.exit_code == 0, result.output
    assert result.output == """\
Paths through the dialogues of paths (Paths)

== Dialogue call: The call (4 paths)

Path 1: ending end (good): Sorted
  1. open a: Sorry for the wait.
  2. fix a: Done.
  Scores: rapport 2
  Debrief:
    It got fixed.
    You said sorry first.

Path 2: ending end (good): Sorted
  1. open a: Sorry for the wait.
  2. fix b: One more thing.
  3. open b: Account number?
  4. fix a: Done.
  Scores: rapport 1
  Debrief:
    It got fixed.
    You said sorry first.

Path 3: ending end (good): Sorted
  1. open b: Account number?
  2. fix a: Done.
  Scores: rapport -1
  Debrief:
    It got fixed.
    You never said sorry.

Path 4: ending end (good): Sorted
  1. open b: Account number?
  2. fix b: One more thing.
  3. open a: Sorry for the wait.
  4. fix a: Done.
  Scores: rapport 1
  Debrief:
    It got fixed.
    You said sorry first.
"""


@pytest.mark.parametrize("pick, expected", [
    ("[opne, a]", ("dialogue-debrief-unknown-node", ":28:32:", "debrief[1].if.chose[0]: no node has id 'opne' "
                   "(expected one of: open, fix) — did you mean 'open'?")),
    ("[open, B]", ("dialogue-debrief-unknown-choice", ":28:38:", "debrief[1].if.chose[1]: node 'open' has no choice 'B' "
                   "(expected one of: a, b) — did you mean 'b'?")),
    ("[open, e]", ("dialogue-debrief-unknown-choice", ":28:38:", "debrief[1].if.chose[1]: node 'open' has no choice 'e' "
                   "(expected one of: a, b) — use the letter of the choice: a for the node's first choice, b for its "
                   "second, up to b")),
    ("[end, a]", ("dialogue-debrief-unknown-node", ":28:32:", "debrief[1].if.chose[0]: node 'end' is an ending, so it "
                  "has no choices — name the node where the learner makes the choice")),
    ("[open]", ("too-few-items", ":28:31:", "debrief[1].if.chose: too few values (expected at least 2, got 1) — add 1 more value")),
    ("[open, a, b]", ("dialogue-debrief-condition", ":28:31:", "debrief[1].if.chose: expected a node id and a choice "
                      "key, e.g. [open, b] (got 3 values) — write the node's id, then the letter of its choice")),
])
def test_a_condition_names_a_real_choice(tmp_path: Path, pick: str, expected: tuple[str, str, str]) -> None:
    folder = write(tmp_path / "paths", COURSE.replace("{chose: [open, a]}", "{chose: " + pick + "}"))
    with pytest.raises(CourseInvalid) as info:
        load_course(folder)
    [problem] = info.value.problems
    rule, line, tail = expected
    assert problem.rule == rule
    assert line in str(problem) and str(problem).endswith(tail), str(problem)


def test_a_condition_without_a_choice_is_reported(tmp_path: Path) -> None:
    folder = write(tmp_path / "paths", COURSE.replace("{chose: [open, a]}", "{}"))
    with pytest.raises(CourseInvalid) as info:
        load_course(folder)
    assert [str(p).split(": ", 1)[1] for p in info.value.problems] == [
        "lessons[0].pages[0].nodes[2].ending.debrief[1].if: the condition names no choice (expected 'chose:' or "
        "'not_chose:') — add 'chose: [node, choice]' to show the line only on the paths that took that choice"]


@pytest.mark.parametrize("course", SHIPPED, ids=lambda p: p.parent.name)
def test_every_path_of_every_shipped_dialogue_ends_with_a_debrief(course: Path) -> None:
    """Run with -s to read every path and the debrief it gets. Each path reaches an ending and shows some
    debrief, and every line that depends on the path shows on at least one path to its ending."""
    model = load_course(course.parent)
    dialogues = [p for p in model.pages if isinstance(p, DialoguePage)]
    print()
    print(paths_text(model))
    for page in dialogues:
        by_id = {n.id: n for n in page.nodes}
        # routed choices lead where their score totals say (course/practice.py walks)
        found, complete = walks(page, model.practice.routes if model.practice else {})
        assert complete and found, page.id
        seen: set[tuple[str, int]] = set()
        for steps, end_id, _ in found:
            end = by_id[end_id]
            assert end.ending is not None, (page.id, steps)
            taken = {(node, by_id[node].choices[i].key) for node, i in steps}
            shown = end.ending.debrief_for(taken)
            assert shown and all(line.text.strip() for line in shown), (page.id, steps)
            seen |= {(end.id, end.ending.debrief.index(line)) for line in shown}
        for node in page.nodes:
            for k in range(len(node.ending.debrief) if node.ending else 0):
                assert (node.id, k) in seen, f"{page.id} {node.id}: debrief line {k + 1} shows on no path"
