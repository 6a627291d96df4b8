"""The course format: every key, its type, whether it is required and its default.

This one definition drives validation (``validate.py``), the JSON Schema that
editors use (``scorm-builder schema``, format/json_schema.py) and the key tables in docs/course-format.md.
"""
from __future__ import annotations

from scorm_builder.format.calibration import CALIBRATION_PAGE, RUBRIC
from scorm_builder.format.conversation import AVATAR, NODE_SAYS, SAYS, SUBJECT, TIME
from scorm_builder.format.learner_aids import AID_KEYS
from scorm_builder.format.media import MEDIA, MEDIA_BUDGET, media_page
from scorm_builder.format.practice import COMPLETION, CONFIDENCE_PAGE, NEXT, REMEDIATION, REVIEW, WEIGHT
from scorm_builder.format.reply import REPLY, reply_page
from scorm_builder.format.spec import Bool, Choice, F, Int, ListOf, MapOf, Obj, Spec, Str, Tagged, index_keys
from scorm_builder.source.loader import Map, Seq

ID = r"[a-z][a-z0-9-]{0,47}"
ID_HELP = "lower-case letters, digits and '-', starting with a letter, at most 48 characters"


def _id(doc: str) -> Str:
    return Str(doc, pattern=ID, pattern_help=ID_HELP, example="billing-error")


VERDICTS = ("best", "acceptable", "poor")
CHANNELS = ("phone", "chat", "email")
MOODS = ("angry", "upset", "worried", "neutral", "calm", "pleased")
NAVIGATION = ("free", "linear")

# An absolute IRI with no query or fragment, as path segments are added to it.
IRI = r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`?#]+"
IRI_HELP = "an absolute IRI such as https://courses.example.com/cmi5, with no spaces, query or fragment"

def _alt_or_decorative(image: Map, key: str, ctx) -> None:
    """An image says what it shows (alt), or that it only decorates (decorative: true), never both."""
    if image.get("decorative") is True and "alt" in image:
        ctx.error(image.where("alt"), f"{key}.alt", "a decorative image has no alt text (screen readers skip it)",
                  "remove 'alt:', or remove 'decorative: true' if the image shows something the text needs",
                  rule="decorative-with-alt")
    elif "alt" not in image and image.get("decorative") is not True:
        ctx.error(image.where(), f"{key}.alt", "missing required key 'alt' in image",
                  "add 'alt:' (text saying what the image shows), or 'decorative: true' for an image that only "
                  "decorates", rule="missing-key")


IMAGE_KEYS = {
    "src": F(Str("Path of the image inside the course's assets/ folder, e.g. assets/call.png"), True),
    "alt": F(Str("Text alternative read by screen readers; say what the image shows (required unless the "
                 "image is decorative)", max_len=250)),
    "decorative": F(Bool("The image only decorates: screen readers skip it, and it has no alt text")),
    "caption": F(Str("Caption shown under the image")),
}
IMAGE = Obj("image", IMAGE_KEYS, "An image from the course folder", post=_alt_or_decorative)
PLACEMENTS = ("below", "above", "beside", "full")
TEXT_IMAGE = Obj("image", {**IMAGE_KEYS, "placement": F(Choice(
    PLACEMENTS, "Where the image goes: below the text, above it, beside it (below it on phones), or full width "
    "above the text"), default="below")}, "An image from the course folder", post=_alt_or_decorative)

STAT = Obj("stat", {
    "figure": F(Str("The number, shown big, e.g. '59 %' or '1 in 3'", max_len=12, pattern=r".*[0-9].*",
                    pattern_help="a short figure with a digit, such as 59 % or 1 in 3", example="59 %"), True),
    "caption": F(Str("What the number means, read after it as one sentence, e.g. 'of customers walk away "
                     "after several bad experiences'", max_len=200), True),
    "source": F(Str("Where the figure comes from, e.g. PwC, 2018", max_len=120), True),
}, "A statistic shown as a call-out: a big number, its caption and its source")

CALLOUT = Obj("callout", {
    "style": F(Choice(("tip", "note", "warning", "key-point"), "How the callout looks"), default="note"),
    "text": F(Str("The callout's text", markdown=True), True),
}, "A highlighted box under the page text")

QUOTE = Obj("quote", {
    "text": F(Str("The quotation"), True),
    "by": F(Str("Who said it")),
}, "A quotation shown with its author")

TEXT_PAGE = Obj("text page", {
    "id": F(_id("Page id; optional, derived from the lesson id and position when left out")),
    "title": F(Str("Page heading", max_len=200), True),
    "body": F(Str("Page text", markdown=True), True),
    "image": F(TEXT_IMAGE),
    "stats": F(ListOf(STAT, "Statistic call-outs, shown side by side after the text", min_items=1, item_name="stat")),
    "callout": F(CALLOUT),
    "quote": F(QUOTE), "remediation": REMEDIATION,
}, "A page of reading")

CUSTOMER = Obj("customer", {
    "name": F(Str("The customer's name, shown beside their words")),
    "says": SAYS,
    "context": F(Str("What the agent knows, e.g. 'Third call this week about the same bill'")),
    "subject": F(Str("Email subject line (email channel only)")),
    "mood": F(Choice(MOODS, "How the customer feels at the start"), default="neutral"),
    "avatar": AVATAR, "time": TIME,
}, "The customer in a scenario")

OPTION = Obj("option", {
    "text": F(Str("What the agent would say or do"), True),
    "verdict": F(Choice(VERDICTS, "How good this response is"), True),
    "feedback": F(Str("Why this response works or doesn't", markdown=True), True), "review": REVIEW,
}, "A response the learner can choose")

SCENARIO_PAGE = Obj("scenario", {
    "id": F(_id("Scenario id, unique in the course; used in LMS reports"), True),
    "title": F(Str("Scenario heading", max_len=200), True),
    "channel": F(Choice(CHANNELS, "Where the conversation happens"), True),
    "customer": F(CUSTOMER, True),
    "prompt": F(Str("The question to the learner, e.g. 'What do you say first?'"), True),
    "image": F(IMAGE), "media": F(MEDIA),
    "principle": F(_id("The principle this scenario teaches, e.g. timing")),
    "options": F(ListOf(OPTION, "Possible responses (2 to 26)", min_items=2, item_name="option"), True),
    "retry": F(Bool("Whether the learner may try again; defaults to the course's scenario_retry")),
    "shuffle": F(Bool("Show the options in an order of the learner's own (seeded, the same on every launch); "
                      "false keeps the order written, for an order that matters"), default=True),
    "scored": F(Bool("Whether the choice is reported to the LMS as an interaction"), default=True), "weight": WEIGHT,
    "reply": F(REPLY),  # after the choice, the learner writes it in their own words (format/reply.py)
}, "A customer situation with one decision")
REPLY_PAGE = reply_page(SCENARIO_PAGE)  # a scenario's situation, without options (format/reply.py)

CHOICE = Obj("choice", {
    "text": F(Str("What the agent says"), True),
    "next": NEXT,
    "effects": F(MapOf(Int("Change to the score"), "How this choice changes each named score, e.g. rapport: 1")),
    "feedback": F(Str("Shown after the choice, in the debrief", markdown=True)),
}, "An agent's choice in a dialogue")

class TextOrLines(Str):
    """Markdown text, or a list of lines (``lines``) that each may depend on the path taken."""

    def __init__(self, doc: str, lines: ListOf):
        super().__init__(doc, markdown=True)
        self.lines = lines
        self.expected = "text, or a list of lines"

    def check(self, value, where, key, ctx):
        if isinstance(value, Seq):
            return self.lines.check(value, where, key, ctx)
        return super().check(value, where, key, ctx)

    def json(self):
        return {"description": self.doc, "anyOf": [super().json(), self.lines.json()]}


class Line(Spec):
    """A debrief line: text, or a mapping of ``text`` and ``if``. Text is read as ``{text: ...}``, so
    every line of a checked tree is a mapping."""

    def __init__(self, obj: Obj):
        self.obj, self.doc = obj, obj.doc
        self.expected = "text, or a mapping with keys (if, text)"

    def check(self, value, where, key, ctx):
        if isinstance(value, Map):
            return self.obj.check(value, where, key, ctx)
        text = self.obj.fields["text"].spec.check(value, where, key, ctx)
        if text is None:
            return None
        src, pos = where
        return Map([("text", text)], src, pos, {"text": pos}, {"text": pos})

    def json(self):
        return {"description": self.doc, "anyOf": [self.obj.fields["text"].spec.json(), self.obj.json()]}


PICK = "a node id and the key of one of its choices (a for its first choice, b for the second...), e.g. [open, b]"
CONDITION = Obj("condition", {
    "chose": F(ListOf(Str("A node id, then a choice key"), "Show the line only on a path that took this choice: "
                      + PICK, min_items=2, item_name="value")),
    "not_chose": F(ListOf(Str("A node id, then a choice key"), "Show the line only on a path that did not take "
                          "this choice: " + PICK, min_items=2, item_name="value")),
}, "When a debrief line shows; with both keys, both must hold")

DEBRIEF_LINE = Obj("debrief line", {
    "if": F(CONDITION),
    "text": F(Str("The line", markdown=True), True),
}, "A line of a debrief, shown on every path to the ending or, with 'if:', on some of them")

ENDING = Obj("ending", {
    "outcome": F(Choice(("good", "mixed", "poor"), "How the conversation ended"), True),
    "title": F(Str("Ending heading", max_len=200), True),
    "debrief": F(TextOrLines("What the learner should take from this ending; a list's lines may each depend on "
                             "the path taken",
                             ListOf(Line(DEBRIEF_LINE), "The debrief's lines", min_items=1, item_name="line")),
                 True), "review": REVIEW,
}, "How a dialogue ends")

NODE = Obj("node", {
    "id": F(_id("Node id, unique in the dialogue"), True),
    "customer": NODE_SAYS, "image": F(IMAGE),
    "mood": F(Choice(MOODS, "How the customer feels at this point; shown to the learner")),
    "choices": F(ListOf(CHOICE, "The agent's options", min_items=1, item_name="choice")),
    "ending": F(ENDING),
    "shuffle": F(Bool("Show this node's choices in an order of the learner's own; false keeps the order written "
                      "(the dialogue's own 'shuffle: false' does so for every node)"), default=True),
}, "A step in a dialogue: the customer's line and the agent's choices, or an ending")

DIALOGUE_PAGE = Obj("dialogue", {
    "id": F(_id("Dialogue id, unique in the course"), True),
    "title": F(Str("Dialogue heading", max_len=200), True),
    "channel": F(Choice(CHANNELS, "Where the conversation happens"), default="phone"),
    "customer": F(Str("The customer's name")),
    "avatar": AVATAR, "time": TIME, "subject": SUBJECT,
    "intro": F(Str("The set-up shown before the first line", markdown=True)),
    "scores": F(ListOf(_id("A score name"), "Named scores the choices change, e.g. [rapport, resolution]",
                       min_items=1, item_name="score name"), True),
    "score_labels": F(MapOf(Str("The score's name as the learner reads it", max_len=60),
                            "What the debrief calls each score, e.g. {trust: Trust in you}; a score without one "
                            "is shown by its id, capitalised")),
    "start": F(_id("The first node; defaults to the first in the list")),
    "nodes": F(ListOf(NODE, "The conversation's nodes", min_items=2, item_name="node"), True),
    "scored": F(Bool("Whether decisions and scores are reported to the LMS"), default=True), "weight": WEIGHT,
    "shuffle": F(Bool("Show the choices of every node in an order of the learner's own (seeded, the same on every "
                      "launch); false keeps the order written, for an order that matters"), default=True),
}, "A branching conversation")

PAGE = Tagged("page", {"text": TEXT_PAGE, "scenario": SCENARIO_PAGE, "dialogue": DIALOGUE_PAGE, "media": media_page(_id),
                        "reply": REPLY_PAGE, "calibration": CALIBRATION_PAGE,
                        "confidence": CONFIDENCE_PAGE},
              "A page of a lesson")

LESSON = Obj("lesson", {
    "id": F(_id("Lesson id, unique in the course"), True),
    "title": F(Str("Lesson title, shown in the outline", max_len=200), True),
    "pages": F(ListOf(PAGE, "The lesson's pages, in order", min_items=1, item_name="page"), True),
}, "A lesson: an ordered list of pages")

ANSWER = Obj("choice", {
    "text": F(Str("The answer text"), True),
    "correct": F(Bool("Whether this answer is correct"), default=False),
    "feedback": F(Str("Feedback shown when this answer is chosen", markdown=True)),
}, "An answer of a choice question")

QFEEDBACK = Obj("feedback", {
    "correct": F(Str("Shown when the answer is right", markdown=True)),
    "incorrect": F(Str("Shown when the answer is wrong", markdown=True)),
}, "Feedback for the whole question")

PAIR = Obj("pair", {
    "left": F(Str("The prompt"), True),
    "right": F(Str("Its match"), True),
}, "A matching pair")


def _question(name: str, extra: dict[str, F], doc: str) -> Obj:
    return Obj(name, {
        "id": F(_id("Question id, unique in the course; used in LMS reports"), True),
        "text": F(Str("The question", markdown=True), True),
        "image": F(IMAGE),
        **extra,
        "principle": F(_id("The principle this question tests: the results list it when the question is missed, "
                           "with the way to its lesson; a draw per principle groups questions by it")),
        "feedback": F(QFEEDBACK),
        "weight": F(Int("How much this question counts", minimum=1, maximum=100), default=1),
    }, doc)


CHOICES = F(ListOf(ANSWER, "The answers (2 to 26)", min_items=2, item_name="choice"), True)
QUESTION = Tagged("question", {
    "single-choice": _question("single-choice question", {"choices": CHOICES}, "One correct answer"),
    "multiple-response": _question("multiple-response question", {"choices": CHOICES},
                                   "One or more correct answers; all must be chosen"),
    "true-false": _question("true-false question", {"answer": F(Bool("The correct answer"), True)},
                            "A statement that is true or false"),
    "matching": _question("matching question", {
        "pairs": F(ListOf(PAIR, "Prompts and their matches", min_items=2, item_name="pair"), True)},
        "Match each prompt with its answer (chosen from a list, no drag and drop)"),
    "ordering": _question("ordering question", {
        "items": F(ListOf(Str("An item"), "The items in their correct order", min_items=2, item_name="item"), True)},
        "Put the items in order (with buttons, no drag and drop)"),
}, "An assessment question")

class Draw(Int):
    """A number of questions, or a mapping (``obj``) that says how to draw them."""

    def __init__(self, doc: str, obj: Obj):
        super().__init__(doc, minimum=1)
        self.obj, self.count = obj, Int(doc, minimum=1)
        self.expected = f"{self.count.expected}, or {obj.expected}"

    def check(self, value, where, key, ctx):
        if isinstance(value, Map):
            return self.obj.check(value, where, key, ctx)
        if isinstance(value, int) and not isinstance(value, bool):
            return self.count.check(value, where, key, ctx)
        return self._wrong_type(value, where, key, ctx)

    def json(self):
        return {"description": self.doc, "anyOf": [super().json(), self.obj.json()]}


DRAW = Obj("draw", {
    "per_principle": F(Int("How many questions of each principle every attempt draws: the questions are grouped "
                           "by their 'principle:' (those with none are one more group)", minimum=1), True),
}, "A stratified draw: the same number of questions from each principle")

ASSESSMENT = Obj("assessment", {
    "title": F(Str("Heading of the assessment", max_len=200), default="Assessment"),
    "intro": F(Str("Shown before the first question", markdown=True)),
    "pass_mark": F(Int("Percentage needed to pass", minimum=0, maximum=100), default=80),
    "attempts": F(Int("Attempts allowed; 0 means unlimited", minimum=0, maximum=99), default=3),
    "draw": F(Draw("How many questions to draw from the pool for each attempt, default all; or "
                   "`{per_principle: N}` for N questions of each principle the questions name (and N of those "
                   "with no principle, if any)", DRAW)),
    "shuffle_questions": F(Bool("Shuffle the order of the questions for each attempt"), default=True),
    "shuffle_choices": F(Bool("Shuffle the answers of choice questions"), default=True),
    "feedback": F(Choice(("immediate", "end", "none"),
                         "When feedback shows: after each question, on the results, or never"),
                  default="immediate"),
    "review": F(Bool("Whether learners may review their answers after the assessment"), default=True),
    "reveal_answer": F(Bool("After a wrong answer, show the right one (with immediate feedback)"), default=True),
    "questions": F(ListOf(QUESTION, "The question pool", min_items=1, item_name="question"), True),
}, "The graded assessment")

PRINCIPLE = Obj("principle", {
    "id": F(_id("Principle id, used by scenarios"), True),
    "title": F(Str("Principle name shown to learners"), True),
}, "A principle the course teaches")

LINT = Obj("lint", {
    "scripted_phrases": F(ListOf(Str("An overused phrase, matched ignoring case and punctuation"),
                                 "More overused phrases that a best option should not use", item_name="phrase")),
    "sympathy_openers": F(ListOf(Str("A sympathy phrase, matched ignoring case and punctuation"),
                                 "More sympathy phrases that the best option of a when-not-to scenario "
                                 "should not start with", item_name="phrase")),
    "when_not_to_principles": F(ListOf(_id("A principle id"),
                                       "Principles whose scenarios teach when not to lead with sympathy "
                                       "(besides those whose id starts with when-not-to)",
                                       item_name="principle id")),
}, "Settings for `scorm-builder lint`; they add to its built-in lists")

COURSE = Obj("course", {
    "id": F(Str("Course id: lower-case letters, digits and '-'; names the package",
                pattern=ID, pattern_help=ID_HELP, example="empathy-essentials"), True),
    "title": F(Str("Course title", max_len=200), True),
    "version": F(Str("Course version, e.g. 1.2.0 (quote it)", pattern=r"[0-9A-Za-z][0-9A-Za-z._-]{0,19}",
                     pattern_help="letters, digits, '.', '_' and '-', at most 20 characters",
                     example="1.0.0"), default="1.0.0"),
    "language": F(Str("Language of the course and the player's words", pattern=r"[a-z]{2}(-[A-Z]{2})?",
                      pattern_help="a language code such as en, es, fr or en-GB", example="en"),
                  default="en"),
    "description": F(Str("One or two sentences on what the course is for")),
    "audience": F(Str("Who the course is for")),
    "duration_minutes": F(Int("Estimated duration in minutes", minimum=1, maximum=600)),
    "completion": COMPLETION,
    "lms_mastery_score": F(Bool("SCORM 1.2: write the pass mark as adlcp:masteryscore in the manifest, "
                                "so the LMS may set passed/failed from the score"), default=False),
    "scenario_retry": F(Bool("Whether learners may retry scenarios by default"), default=True),
    "navigation": F(Choice(NAVIGATION, "free: any page at any time; linear: Next only once the page's scenario "
                           "is answered or its dialogue has reached an ending, and later lessons locked in the "
                           "outline until the ones before are done"), default="free"),
    "publisher_iri": F(Str("cmi5: the base of the course and AU ids in cmi5.xml, an IRI the publisher owns; "
                           "default https://scorm-builder.invalid/courses", pattern=IRI, pattern_help=IRI_HELP,
                           example="https://courses.example.com/cmi5")),
    "company_name": F(Str("The company name used for {{ company.name }} when built without a company profile",
                          max_len=100), default="our company"),
    "terms": F(MapOf(Str("A word or phrase", max_len=200),
                     "Default terms used in text as {{ terms.<name> }}; a company profile may change them")),
    "principles": F(ListOf(PRINCIPLE, "The principles scenarios teach", item_name="principle")),
    "rubric": F(RUBRIC),
    "lessons": F(ListOf(LESSON, "The course's lessons, in order", min_items=1, item_name="lesson"), True),
    "assessment": F(ASSESSMENT),
    **AID_KEYS,  # resources, glossary, certificate (format/learner_aids.py)
    "lint": F(LINT), "media_budget_mb": MEDIA_BUDGET,
}, "A course")
index_keys(COURSE)
