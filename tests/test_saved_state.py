"""What the player's saved state rests on at build time: the content hash of each item a saved
answer refers to (render/item_hashes.py), and the suspend_data bound of the state's format 2
(render/suspend.py)."""
from __future__ import annotations

import copy
import re
import zipfile
from pathlib import Path

from scorm_builder.check.course_data import read_course_data, with_lesson_files
from scorm_builder.pack.pipeline import build
from scorm_builder.render.item_hashes import (
    HASH_LENGTH,
    content_hash,
    dialogue_content,
    question_content,
    scenario_content,
)
from scorm_builder.render.suspend import worst_case

REPO = Path(__file__).resolve().parent.parent
EVERY_KIND = REPO / "tests" / "browser" / "fixtures" / "every-kind"

SCENARIO = {"kind": "scenario", "id": "refund", "prompt": "How do you reply?", "retry": True, "scored": True,
            "options": [{"key": "a", "text": "I'm on it.", "verdict": "best", "feedback_html": "<p>Good.</p>"},
                        {"key": "b", "text": "Policy says no.", "verdict": "poor", "feedback_html": ""}]}
DIALOGUE = {"kind": "dialogue", "id": "call", "start": "open", "nodes": {
    "open": {"customer": "Hello?", "mood": "upset", "ending": None,
             "choices": [{"key": "a", "text": "Hi", "next": "end", "effects": {"rapport": 1}, "feedback_html": ""}]},
    "end": {"customer": "", "mood": "", "choices": [], "ending": {"outcome": "good", "title": "Done", "debrief_html": ""}}}}
QUESTION = {"id": "q1", "kind": "single-choice", "text_html": "<p>Which?</p>", "weight": 1,
            "feedback": {"correct_html": "", "incorrect_html": ""},
            "choices": [{"key": "a", "text": "This", "correct": True, "feedback_html": ""},
                        {"key": "b", "text": "That", "correct": False, "feedback_html": ""}]}


def test_a_hash_is_short_hex_and_the_same_everywhere():
    assert content_hash([]) == "4f53c"
    assert content_hash(["scenario", "How?", [["a", "Yes", "best"]]]) == "41095"
    assert re.fullmatch(f"[0-9a-f]{{{HASH_LENGTH}}}", content_hash({"é": [1, None, True]}))


def changed(item: dict, edit) -> dict:
    copy_ = copy.deepcopy(item)
    edit(copy_)
    return copy_


def test_a_scenario_hash_changes_with_what_its_keys_mean_only():
    base = content_hash(scenario_content(SCENARIO))
    reordered = changed(SCENARIO, lambda p: p["options"].reverse())
    for o, key in zip(reordered["options"], "ab", strict=True):
        o["key"] = key
    meaning = [reordered, changed(SCENARIO, lambda p: p["options"][1].update(verdict="acceptable")),
               changed(SCENARIO, lambda p: p["options"][0].update(text="I'll look into it.")),
               changed(SCENARIO, lambda p: p.update(prompt="What do you never say?")),
               changed(SCENARIO, lambda p: p["options"].append({"key": "c", "text": "Hm.", "verdict": "poor"}))]
    assert all(content_hash(scenario_content(p)) != base for p in meaning)
    wording = [changed(SCENARIO, lambda p: p["options"][0].update(feedback_html="<p>Great.</p>")),
               changed(SCENARIO, lambda p: p.update(title="New title", retry=False))]
    assert all(content_hash(scenario_content(p)) == base for p in wording)


def test_a_dialogue_hash_changes_with_its_graph_only():
    base = content_hash(dialogue_content(DIALOGUE))
    nodes = lambda p: p["nodes"]  # noqa: E731
    meaning = [changed(DIALOGUE, lambda p: nodes(p)["open"]["choices"][0].update(next="open")),
               changed(DIALOGUE, lambda p: nodes(p)["open"]["choices"][0].update(effects={"rapport": 2})),
               changed(DIALOGUE, lambda p: nodes(p)["open"].update(customer="Hi?")),
               changed(DIALOGUE, lambda p: nodes(p)["end"]["ending"].update(outcome="poor")),
               changed(DIALOGUE, lambda p: p.update(start="end"))]
    assert all(content_hash(dialogue_content(p)) != base for p in meaning)
    wording = [changed(DIALOGUE, lambda p: nodes(p)["end"]["ending"].update(title="Bye", debrief_html="<p>x</p>")),
               changed(DIALOGUE, lambda p: nodes(p)["open"].update(mood="angry"))]
    assert all(content_hash(dialogue_content(p)) == base for p in wording)


def test_a_question_hash_changes_with_its_text_and_answer_only():
    base = content_hash(question_content(QUESTION))
    meaning = [changed(QUESTION, lambda q: q["choices"].reverse()),
               changed(QUESTION, lambda q: q["choices"][1].update(correct=True)),
               changed(QUESTION, lambda q: q.update(text_html="<p>Which not?</p>"))]
    assert all(content_hash(question_content(q)) != base for q in meaning)
    assert content_hash(question_content(changed(QUESTION, lambda q: q.update(weight=3)))) == base
    assert content_hash(question_content({"kind": "true-false", "text_html": "", "answer": True})) != content_hash(
        question_content({"kind": "true-false", "text_html": "", "answer": False}))


def test_the_build_gives_every_scenario_dialogue_and_question_its_hash(tmp_path, monkeypatch):
    built = build([EVERY_KIND], ["scorm2004-4"], tmp_path / "with")
    package = zipfile.ZipFile(built[0].path)
    page = package.read("index.html").decode("utf-8")
    data = with_lesson_files(read_course_data(page.encode("utf-8")).data, package.read)  # each page whole
    pages = {p["id"]: p for lesson in data["lessons"] for p in lesson["pages"]}
    assert {k: p.get("h") for k, p in pages.items()} == {
        "welcome": None, "double-charge": content_hash(scenario_content(pages["double-charge"])),
        "outage": content_hash(dialogue_content(pages["outage"]))}
    assert [q["h"] for q in data["assessment"]["questions"]] == [
        content_hash(question_content(q)) for q in data["assessment"]["questions"]]
    # the hashes are the only change to the player's data: without them it is byte for byte the same
    monkeypatch.setattr("scorm_builder.render.player_data.add_item_hashes", lambda data: None)
    without = build([EVERY_KIND], ["scorm2004-4"], tmp_path / "without")
    before = zipfile.ZipFile(without[0].path).read("index.html").decode("utf-8")
    assert re.sub(r'"h": "[0-9a-f]{5}", ', "", page) == before
    assert len(re.findall(r'"h": "[0-9a-f]{5}", ', page)) == 2 + 5


def test_the_bound_is_the_largest_state_of_format_2():
    """Every field at its largest, in the player's compact JSON, with values the player reads back."""
    data = {"format": 1, "standard": "scorm12", "course": {"id": "big", "fingerprint": "abcd1234"},
            "lessons": [{"id": "one", "pages": [
                {"kind": "text", "id": "intro"},
                {"kind": "scenario", "id": "s1", "retry": True, "h": "11111", "options": [{"key": "a"}, {"key": "b"}]},
                {"kind": "dialogue", "id": "call", "h": "22222", "start": "n1", "nodes": {
                    "n1": {"choices": [{"key": "a", "next": "n2"}, {"key": "b", "next": "end"}]},
                    "n2": {"choices": [{"key": "a", "next": "end"}]}, "end": {"choices": []}}}]}],
            "assessment": {"attempts": 2, "draw": 1, "questions": [
                {"id": "q1", "kind": "multiple-response", "h": "33333", "choices": [{"key": "a"}, {"key": "b"}, {"key": "c"}]},
                {"id": "q2", "kind": "true-false", "h": "44444"}]}}
    expected = ('{"v":2,"c":"big","l":"intro","vw":"intro s1 call","sc":{"s1":[999,"b","11111"]},'
                '"dg":{"call":[999,"zz","22222"]},"a":{"sd":2147483646,"n":2,"ph":"r","qi":0,'
                '"q":[["q1","abc","33333"]],"sc":[100,100],"ps":1,"nr":1},"s":1}')
    estimate = worst_case(data)
    assert estimate.text == expected
    assert estimate.length == len(expected) == 219
    assert estimate.describe() == "pages 54, scenarios 29, dialogues 32, assessment 99"
    assert sum(estimate.parts.values()) + len("{,,,}") == estimate.length
    assert estimate.loops == ()
