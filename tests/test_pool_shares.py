"""The share of scenario-based application items in each shipped assessment pool (curriculum issue,
section 6: at least 60 % of each pool), computed from the loaded course, alone and with each company.

The rule, applied to each question of the pool as the learner gets it (shared questions included,
the profile's removals, additions and overrides applied):

- **application**: a single-choice, multiple-response or ordering question (the learner chooses or
  orders what to say or do, or judges an interaction) whose stem presents a situation: it quotes
  someone (a quotation of four words or more, or a transcript line such as ``**Customer:**``), or it
  sets the scene in a sentence of its own before the question (two sentences or more, not counting
  the instruction "Choose all that apply.").
- **recall**: everything else: matching and true/false questions (they pair or judge statements
  taken from the teaching), and choice questions whose stem is only the question.

Run this file with ``-s`` to print each pool's share and its recall items.
"""
from __future__ import annotations

import re

import pytest

from scorm_builder.course.model import Question
from scorm_builder.load import load_course
from tests.repo import REPO

TARGET = 0.6
CHOOSING = ("single-choice", "multiple-response", "ordering")
COURSES = ("empathy-essentials", "empathy-coaching", "empathy-sales", "empathy-written-channels")
COMPANIES = (None, "harbor-health", "northwind-mobile")
QUOTE = re.compile(r"[\"“]([^\"”]+)[\"”]")
TRANSCRIPT = re.compile(r"^\*\*[^*\n]+:\*\*", re.M)
INSTRUCTION = re.compile(r"\bChoose all that apply\.?", re.I)
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def sets_a_situation(stem: str) -> bool:
    """Whether a question's stem presents a situation (see the module's rule)."""
    if TRANSCRIPT.search(stem) or any(len(q.split()) >= 4 for q in QUOTE.findall(stem)):
        return True
    plain = INSTRUCTION.sub("", QUOTE.sub("", stem)).strip()
    return len(SENTENCE_END.findall(plain)) >= 2


def is_application(question: Question) -> bool:
    return question.kind in CHOOSING and sets_a_situation(question.text)


def share(questions) -> float:
    return sum(is_application(q) for q in questions) / len(questions)


def test_the_rule_on_stems_of_each_kind():
    assert sets_a_situation('A caller says: "I stayed in all Monday." What do you say?')
    assert sets_a_situation("Read the call.\n\n**Customer:** It's gone again.\n\n**Agent:** Account number?")
    assert sets_a_situation("A member is calling for the fourth time about one claim. Which of these should "
                            "you do? Choose all that apply.")
    assert not sets_a_situation("Which of these show that empathy is missing? Choose all that apply.")
    assert not sets_a_situation('What does "the human touch" figure measure?')
    assert not sets_a_situation("Match each figure from the research with what it measures.")


@pytest.mark.parametrize("company", COMPANIES, ids=lambda c: c or "no-company")
@pytest.mark.parametrize("course", COURSES)
def test_each_shipped_pool_is_at_least_60_percent_application(course, company):
    profile = REPO / "courses" / "companies" / f"{company}.yaml" if company else None
    pool = load_course(REPO / "courses" / course, profile).assessment.questions
    recall = [q.id for q in pool if not is_application(q)]
    print(f"\n{course} ({company or 'no company'}): {share(pool):.0%} application of {len(pool)}; "
          f"recall: {', '.join(recall)}")
    assert share(pool) >= TARGET, (course, company, round(share(pool), 2), recall)
