"""The course format's practice keys: what counts toward the score (``weight``), the completion rule as a
mapping, the way back (``review:`` and ``remediation:``), a choice's ``next`` chosen by score thresholds
(``when:``), and the confidence check page.

format/course.py puts them in the scenario, dialogue, option, ending, choice, text and course objects;
course/rules_practice.py checks what depends on other keys (page ids, score names, operators).
"""
from __future__ import annotations

from scorm_builder.format.spec import Bool, Choice, F, Int, ListOf, MapOf, Obj, Str
from scorm_builder.source.loader import Map, Seq

ID = r"[a-z][a-z0-9-]{0,47}"
ID_HELP = "lower-case letters, digits and '-', starting with a letter, at most 48 characters"
OPERATORS = (">=", "<=", ">", "<", "==", "!=")


def _id(doc: str) -> Str:
    return Str(doc, pattern=ID, pattern_help=ID_HELP, example="why-feelings-matter")


WEIGHT = F(Int("How much this practice counts toward the course score, as a question's weight does (a scenario: "
               "its first answer, best 100 %, acceptable 50 %, poor 0 %; a dialogue: its first ending, good 100 %, "
               "mixed 50 %, poor 0 %); left out, it doesn't count", minimum=1, maximum=100))
REVIEW = F(_id("A page for learners who need it: shown as a link on this feedback, and in the outline as 'for "
               "review', to the learners who got here"))
REMEDIATION = F(Bool("The page is only for learners sent to it by a 'review:' link: hidden from the others, and "
                     "not needed for completion"), default=False)


class Completion(Choice):
    """One of the words lessons, assessment or both, or a mapping (``obj``) of what must be done."""

    def __init__(self, doc: str, obj: Obj):
        super().__init__(("lessons", "assessment", "both"), doc)
        self.obj, self.word = obj, Choice(self.options, doc)
        self.expected = f"one of: {', '.join(self.options)}, or {obj.expected}"

    def check(self, value, where, key, ctx):
        if isinstance(value, Map):
            return self.obj.check(value, where, key, ctx)
        return self.word.check(value, where, key, ctx)

    def json(self):
        return {"description": self.doc, "anyOf": [self.word.json(), self.obj.json()]}

    def doc_type(self, links) -> str:
        target = links.get(id(self.obj))
        rule = f"a [completion rule](#{target.anchor}) mapping" if target else "a mapping"
        return "one of " + ", ".join(f"`{o}`" for o in self.options) + f", or {rule}"


COMPLETION_RULE = Obj("completion rule", {
    "lessons": F(Choice(("all",), "Every page viewed (pages marked 'remediation: true' are not needed)")),
    "practice": F(Choice(("answered",), "Every scenario answered and every dialogue taken to an ending")),
    "assessment": F(Choice(("passed",), "The assessment passed")),
}, "What completes the course: each key given must hold, e.g. {lessons: all, practice: answered, assessment: passed}")
COMPLETION = F(Completion("What completes the course: all lessons viewed, the assessment passed, or both; or a "
                          "mapping such as {lessons: all, practice: answered, assessment: passed}; default both "
                          "(lessons when there is no assessment)", COMPLETION_RULE))


class Next(Str):
    """A node id, or a list of routes (``routes``): the first whose ``when:`` holds, the last one without it."""

    def __init__(self, doc: str, routes: ListOf):
        super().__init__(doc, pattern=ID, pattern_help=ID_HELP, example="calm")
        self.routes, self.obj = routes, routes.item
        self.expected = "a node id, or a list of routes"

    def check(self, value, where, key, ctx):
        if isinstance(value, Seq):
            return self.routes.check(value, where, key, ctx)
        return super().check(value, where, key, ctx)

    def json(self):
        return {"description": self.doc, "anyOf": [super().json(), self.routes.json()]}

    def doc_type(self, links) -> str:
        target = links.get(id(self.obj))
        return "[id](#ids), or a list of " + (f"[routes](#{target.anchor})" if target else "routes") + " (at least 2)"


ROUTE = Obj("route", {
    "when": F(MapOf(Str("A comparison such as \">= 3\" (operators: " + ", ".join(OPERATORS) + "); quote it"),
                    "The score totals after this choice that take this route, e.g. {rapport: \">= 3\"}; every "
                    "one must hold; left out on the last route, which is taken otherwise")),
    "next": F(_id("The node this route leads to"), True),
}, "A way on from a choice, taken when its scores hold")
NEXT = F(Next("The id of the node this choice leads to; or a list of routes chosen by the score totals after "
              "the choice, e.g. [{when: {rapport: \">= 3\"}, next: calm}, {next: upset}]",
              ListOf(ROUTE, "The routes, in the order they are tried", min_items=2, item_name="route")), True)

CONFIDENCE_PAGE = Obj("confidence page", {
    "id": F(_id("Page id, unique in the course; the interactions are conf_<moment>_<principle>"), True),
    "title": F(Str("Page heading", max_len=200), True),
    "moment": F(Choice(("before", "after"), "Whether the check comes before the lessons or after them: the "
                       "'after' page shows the learner their change since 'before'"), True),
    "intro": F(Str("Shown above the ratings", markdown=True)),
    "principles": F(ListOf(_id("A principle id"), "The principles to rate, in order: the same list on the "
                           "'before' and the 'after' page", min_items=1, item_name="principle id"), True),
}, "A confidence check: the learner rates their confidence in each principle from 1 to 5")
