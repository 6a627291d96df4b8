"""Issue 13 section 10: the lint rules idiom (plain English for learners reading English as a second
language) and spelling-variant (British or American spelling, as the course declares)."""
from __future__ import annotations

from pathlib import Path

from scorm_builder.errors import render_text
from scorm_builder.load import load_course
from scorm_builder.tools.lint_language import SPELLINGS, idiom_warnings, spelling_warnings

HEAD = "id: words\ntitle: Words\n{extra}lessons:\n  - id: one\n    title: One\n    pages:\n"
TEXT = "      - type: text\n        id: {pid}\n        title: {title}\n        body: {body}\n"


def course(tmp_path: Path, *bodies: str, extra: str = "", title: str = "Plain"):
    pages = "".join(TEXT.format(pid=f"p{k}", title=title, body=body) for k, body in enumerate(bodies, 1))
    (tmp_path / "course.yaml").write_text(HEAD.format(extra=extra) + pages, encoding="utf-8")
    return load_course(tmp_path)


def test_an_idiom_is_named_at_its_word_with_the_plain_words(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    found = idiom_warnings(course(tmp_path, "We will get it sorted today, then ring you back.",
                                  "No more runaround. Let me sort this out.", title="Hang on"))
    assert render_text(found) == [
        "course.yaml:9:16: lessons[0].pages[0].title: warning: [idiom] 'Hang on' is an idiom that a learner "
        "reading English as a second language may not know — say it plainly: wait a moment",
        "course.yaml:10:30: lessons[0].pages[0].body: warning: [idiom] 'sorted' is an idiom that a learner reading "
        "English as a second language may not know — say it plainly: fixed, resolved or dealt with",
        "course.yaml:10:49: lessons[0].pages[0].body: warning: [idiom] 'ring you' is an idiom that a learner reading "
        "English as a second language may not know — say it plainly: call (on the phone)",
        "course.yaml:13:16: lessons[0].pages[1].title: warning: [idiom] 'Hang on' is an idiom that a learner "
        "reading English as a second language may not know — say it plainly: wait a moment",
        "course.yaml:14:23: lessons[0].pages[1].body: warning: [idiom] 'runaround' is an idiom that a learner "
        "reading English as a second language may not know — say it plainly: being passed from one person to the next",
        "course.yaml:14:41: lessons[0].pages[1].body: warning: [idiom] 'sort this out' is an idiom that a learner "
        "reading English as a second language may not know — say it plainly: fix it, resolve it"]


def test_plain_words_and_other_meanings_pass(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert idiom_warnings(course(tmp_path, "The list is sorted by date. Her ring was lost. We will call you back.",
                                 "We fixed it, and the claim is resolved.")) == []
    spanish = course(tmp_path, "Lo tenemos sorted.", extra="language: es\n")
    assert idiom_warnings(spanish) == [] and spelling_warnings(spanish) == []


def test_a_declared_locale_flags_the_other_spelling(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    body = "We apologise for the behavior, and we apologized. The colour of the Organisation is fine."
    assert render_text(spelling_warnings(course(tmp_path, body, extra="language: en-GB\n"))) == [
        "course.yaml:11:36: lessons[0].pages[0].body: warning: [spelling-variant] 'behavior' is the American "
        "spelling, and the course is declared language: en-GB (British spelling) — write 'behaviour'",
        "course.yaml:11:53: lessons[0].pages[0].body: warning: [spelling-variant] 'apologized' is the American "
        "spelling, and the course is declared language: en-GB (British spelling) — write 'apologised'"]
    assert render_text(spelling_warnings(course(tmp_path, body, extra="language: en-US\n"))) == [
        "course.yaml:11:18: lessons[0].pages[0].body: warning: [spelling-variant] 'apologise' is the British "
        "spelling, and the course is declared language: en-US (American spelling) — write 'apologize'",
        "course.yaml:11:69: lessons[0].pages[0].body: warning: [spelling-variant] 'colour' is the British "
        "spelling, and the course is declared language: en-US (American spelling) — write 'color'",
        "course.yaml:11:83: lessons[0].pages[0].body: warning: [spelling-variant] 'Organisation' is the British "
        "spelling, and the course is declared language: en-US (American spelling) — write 'Organization'"]


def test_plain_en_flags_the_less_frequent_spelling_of_a_word_spelt_both_ways(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    found = spelling_warnings(course(tmp_path, "We apologise. They apologised. I apologize.", "A colour."))
    assert render_text(found) == [
        "course.yaml:10:48: lessons[0].pages[0].body: warning: [spelling-variant] 'apologize' is spelt the British "
        "way elsewhere in the course (2 times against 1) — write 'apologise', or declare language: en-GB or en-US "
        "and keep to its spelling"]
    tie = spelling_warnings(course(tmp_path, "We apologise. I apologize."))
    assert [d.reason for d in tie] == ["'apologize' is spelt the British way elsewhere in the course (1 times "
                                       "against 1)"]


def test_every_spelling_pairs_with_its_other():
    assert all(SPELLINGS[s.other].other == word and SPELLINGS[s.other].british != s.british
               for word, s in SPELLINGS.items())
