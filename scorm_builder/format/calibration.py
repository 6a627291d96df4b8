"""The course format's calibration keys: the course's rubric (criteria, each with a scale of described
levels) and the calibration page, where the learner scores a transcript against the rubric and then
compares their scores with the expert's, criterion by criterion.

format/course.py puts RUBRIC under the course and CALIBRATION_PAGE among the page kinds; the
cross-field rules (every criterion scored once, scores on the scale, a rubric to score against) are in
course/calibration.py.
"""
from __future__ import annotations

from scorm_builder.format.conversation import AVATAR, SUBJECT, TIME, Messages
from scorm_builder.format.spec import Bool, Choice, F, Int, ListOf, MapOf, Obj, Str
from scorm_builder.source.loader import Map

CRITERION_ID = r"[a-z][a-z0-9-]{0,23}"  # short, so that a SCORM 1.2 response of 8 criteria fits 255 characters
CRITERION_ID_HELP = "lower-case letters, digits and '-', starting with a letter, at most 24 characters"
MAX_CRITERIA = 8
MAX_LEVELS = 10  # scores 0..9: one digit each in the saved state
CHANNELS = ("phone", "chat", "email")

CRITERION = Obj("criterion", {
    "id": F(Str("Criterion id, unique in the rubric; names the step in LMS reports", pattern=CRITERION_ID,
                pattern_help=CRITERION_ID_HELP, example="timing"), True),
    "title": F(Str("The criterion's name, e.g. Timing", max_len=60), True),
    "question": F(Str("What the criterion asks, e.g. 'Did the response come when it was needed?'", max_len=200)),
    "levels": F(ListOf(Str("What earns this score", max_len=300),
                       "What each score means, from 0 up: the first line describes 0, the next 1, and so on "
                       "(2 to 10 levels)", min_items=2, item_name="level"), True),
}, "A criterion of the rubric: its name and what each score on its scale means")

RUBRIC = Obj("rubric", {
    "title": F(Str("The rubric's name, shown above the scoring form", max_len=200), default="Rubric"),
    "criteria": F(ListOf(CRITERION, "The criteria, in the order they are scored (1 to 8)", min_items=1,
                         item_name="criterion"), True),
}, "The rubric that calibration pages score transcripts against")


def _one_speaker(turn: Map, key: str, ctx) -> None:
    """A turn is the customer's or the agent's, never both or neither."""
    given = [k for k in ("customer", "agent") if k in turn]
    if len(given) == 1:
        return
    if given:
        ctx.error(turn.where("agent"), f"{key}.agent", "a turn has one speaker (got both 'customer:' and 'agent:')",
                  "split it into two turns, one '- customer:' and one '- agent:'", rule="turn-speaker")
    else:
        ctx.error(turn.where(), key, "a turn has no speaker (expected 'customer:' or 'agent:')",
                  "write the line as '- customer: ...' or '- agent: ...'", rule="turn-speaker")


TURN = Obj("turn", {
    "customer": F(Messages("What the customer says; a list is a burst of messages sent one after the other")),
    "agent": F(Str("What the agent says")),
}, "A line of the transcript: the customer's words or the agent's", post=_one_speaker)

EXPERT = Obj("expert score", {
    "score": F(Int("The expert's score on this criterion (0 up to the criterion's highest level)", minimum=0,
                   maximum=MAX_LEVELS - 1), True),
    "reason": F(Str("Why: the line of the transcript that earns the score, and the rule behind it",
                    markdown=True), True),
}, "The expert's score on one criterion, with the reason the learner compares theirs with")

CALIBRATION_PAGE = Obj("calibration", {
    "id": F(Str("Page id, unique in the course; used in LMS reports", pattern=r"[a-z][a-z0-9-]{0,47}",
                pattern_help="lower-case letters, digits and '-', starting with a letter, at most 48 characters",
                example="calibrate-refund"), True),
    "title": F(Str("Page heading", max_len=200), True),
    "channel": F(Choice(CHANNELS, "Where the conversation happened"), default="phone"),
    "customer": F(Str("The customer's name, shown beside their lines")),
    "agent": F(Str("The agent's name, shown beside their lines; default the player's word for agent")),
    "avatar": AVATAR, "time": TIME, "subject": SUBJECT,
    "intro": F(Str("What the learner is scoring and what they know, shown above the transcript", markdown=True)),
    "transcript": F(ListOf(TURN, "The interaction to score, line by line, in order", min_items=1,
                           item_name="turn"), True),
    "expert": F(MapOf(EXPERT, "The expert's score and reason for every criterion of the rubric, by criterion id"),
                True),
    "tolerance": F(Int("How many points the learner's score may differ from the expert's on each criterion and "
                       "still count as calibrated (0: the same score)", minimum=0, maximum=MAX_LEVELS - 1),
                   default=0),
    "principle": F(Str("The principle this page practises", pattern=r"[a-z][a-z0-9-]{0,47}",
                       pattern_help="a principle id", example="score-rubric")),
    "retry": F(Bool("Whether the learner may score again; defaults to the course's scenario_retry")),
    "scored": F(Bool("Whether the scores are reported to the LMS as an interaction"), default=True),
}, "A transcript the learner scores against the course's rubric, then compares with the expert's scores")
