"""The table of LMS profiles: what a package does differently for one LMS, each value with its source.

Data, not code paths: one record per profile. The manifest (pack/plan.py, templates/scorm12|scorm2004)
and the player (the ``lms`` object of the player data, read by lms-adapter.js, lms-scorm12.js,
lms-scorm2004.js and lms-connection.js) honour every setting declared here, and the build refuses a
course whose saved state could exceed the profile's suspend_data budget (for_package); a setting
nothing honours is not declared. ``build --lms``, ``preview --lms`` and a company profile's ``lms:``
choose a row (in a batch, the company's also picks the default 2004 edition: standards_for);
``scorm-builder lms`` lists them.
"""
from __future__ import annotations

import difflib
import os
from contextlib import contextmanager
from typing import Iterator

from scorm_builder import standards
from scorm_builder.course.record import record
from scorm_builder.errors import BuilderError

LMS_ENV = "SCORM_BUILDER_LMS"  # set by `build --lms` for the whole build, batch workers included
DEFAULT = "generic"


@record
class Value:
    """One setting's value in one profile, and what justifies it (a vendor document, an issue thread,
    or a test here)."""

    value: str | bool
    source: str


@record
class Setting:
    key: str
    title: str
    values: dict[str | bool, str]  # each allowed value: what the package then does


@record
class Profile:
    name: str  # what --lms and a profile's lms: take
    title: str
    final_failure: Value
    commit_before_terminate: Value
    masteryscore_12: Value
    scorm2004_edition: Value
    suspend_budget: Value
    interaction_ids: Value
    entry_trusted: Value
    exit_on_completion: Value
    notes: tuple[Value, ...] = ()  # launch-window hints for the LMS administrator: text, not settings

    def setting(self, key: str) -> Value:
        return getattr(self, key)

    def budget(self, family: str) -> int:
        """Characters of suspend_data the player writes for this LMS in this family (cmi5: the standard's)."""
        return BUDGETS[str(self.suspend_budget.value)].get(family, standards.SUSPEND_LIMIT[family])

    def player(self, family: str = "scorm2004") -> dict[str, str | bool | int]:
        """The top-level ``lms`` object of the player data (docs/player.md; docs/lms-profiles.md)."""
        return {"name": self.name, "finalFailure": self.final_failure.value,
                "commitBeforeTerminate": self.commit_before_terminate.value,
                "suspendBudget": self.budget(family), "interactionIds": self.interaction_ids.value,
                "entryTrusted": self.entry_trusted.value, "exitOnCompletion": self.exit_on_completion.value}

    def for_package(self, data: dict, standard: str, source: str) -> dict[str, str | bool | int]:
        """The ``lms`` object for one package (pack/plan.py), once the course's largest saved state is
        known to fit this profile's suspend_data budget when that is below the standard's own limit;
        otherwise the build is refused (render/suspend.py says why)."""
        from scorm_builder.render.suspend import over_budget

        row = standards.get(standard)
        budget = self.budget(row.family)
        if budget < row.suspend_limit:
            problem = over_budget(data, budget)
            if problem:
                raise BuilderError(f"{source}: {problem} of suspend_data that LMS profile {self.name!r} keeps in "
                                   f"{row.title} (scorm-builder lms) \u2014 the player would drop saved answers to "
                                   "fit: shorten dialogues or the question draw, split the course, or build for "
                                   "another LMS profile (--lms)")
        return self.player(row.family)


SETTINGS: tuple[Setting, ...] = (
    Setting("final_failure", "Status on final failure (with it, the 1.2 status vocabulary)", {
        "failed": "after the last failed attempt: 2004 completion completed, success failed, exit normal; "
                  "1.2 lesson_status failed, exit \"\"",
        "incomplete": "after the last failed attempt: 2004 completion incomplete, success failed, exit normal; "
                      "1.2 lesson_status incomplete, exit \"\" (the 1.2 words are then passed, completed and "
                      "incomplete: failed is never sent)",
    }),
    Setting("commit_before_terminate", "Commit right before Terminate at Exit and Finish", {
        True: "Exit and Finish: SetValue ..., Commit, Terminate",
        False: "Exit and Finish: SetValue ..., Terminate (no Commit: Terminate commits itself)",
    }),
    Setting("masteryscore_12", "adlcp:masteryscore in the SCORM 1.2 manifest", {
        "course": "only when the course sets lms_mastery_score: true",
        "always": "whenever the course has an assessment: the pass mark (the company's, if it sets one)",
    }),
    Setting("scorm2004_edition", "SCORM 2004 edition a build writes when no --standard is given", {
        "scorm2004-4": "scorm12 and scorm2004-4", "scorm2004-3": "scorm12 and scorm2004-3",
    }),
    Setting("suspend_budget", "suspend_data budget", {
        "standard": "the standard's own limit: 4,096 characters in SCORM 1.2, 64,000 in 2004",
        "4000": "4,096 in SCORM 1.2, 4,000 in 2004 (2004 2nd Edition's limit); a build whose saved state could "
                "exceed it is refused",
    }),
    Setting("interaction_ids", "Interaction ids across attempts", {
        "unique": "a new record per answer, the id unique per record: q_q-first, then q_q-first_a2 on the second "
                  "attempt",
        "grouped": "one record per question, scenario or decision, the same id re-used: a later attempt writes "
                   "its answer over the record at the same index (SCORM 1.2 interactions are write-only, so a "
                   "later session appends a record with that same id)",
    }),
    Setting("entry_trusted", "Whether cmi.entry is trusted", {
        True: "SCORM 2004: cmi.entry ab-initio starts a new attempt, the saved state and bookmark are not read",
        False: "the saved state alone decides whether to resume, whatever cmi.entry says",
    }),
    Setting("exit_on_completion", "Exit on completion", {
        "normal": "once the course is complete: 2004 cmi.exit normal, 1.2 cmi.core.exit \"\"",
        "suspend": "once the course is complete: 2004 cmi.exit suspend, 1.2 cmi.core.exit suspend, so the LMS keeps "
                   "the run-time data for a later visit",
    }),
)
# suspend_budget: characters per family (a family not named keeps its standard's limit)
BUDGETS = {"standard": {"scorm12": 4096, "scorm2004": 64000}, "4000": {"scorm12": 4096, "scorm2004": 4000}}

# Sources, as ../shared/SCORM-CONFORMANCE.md and ../shared/ANCHORS.md give them.
_FINISHED = ("tests/browser/test_review_mode.py::test_the_last_failed_attempt_is_reported_as_finished (issue 15: "
             "measured in Moodle 4.5.6, an incomplete/suspend record showed \"in progress\" and offered to resume)")
_COMMIT = ("SCORM-CONFORMANCE.md B3 and E10: an explicit Finish sets the values, commits and terminates while the "
           "page is alive; tests/browser/test_tracking.py")
_MASTERY_OFF = ("SCORM-CONFORMANCE.md C: omit adlcp:masteryscore unless asked; with one, LMSes rewrite the status "
                "from score.raw (support.scorm.com/hc/en-us/articles/206166406)")
_FOURTH = "ANCHORS.md pain point 1: default to 2004 4th Edition (64,000 characters of suspend_data)"
_CSOD_391 = ("github.com/adaptlearning/adapt_framework/issues/2222; github.com/pipwerks/scorm-api-wrapper/issues/40; "
             "github.com/adaptlearning/adapt-contrib-spoor/pull/180 (ANCHORS.md pain point 6: Cornerstone answers "
             "error 391 to a Commit during unload and commits inside Terminate)")

_STANDARD_BUDGET = ("SCORM-CONFORMANCE.md B4 and B5: 4,096 (1.2) and 64,000 (2004 3rd and 4th Edition), the limits "
                    "Docebo documents too (help.docebo.com/hc/en-us/articles/360020128479); ANCHORS.md pain point 1")
_BUDGET_4000 = ("access.articulate.com/support/article/exceeding-scorm-suspend-data-limits: SCORM 2004 2nd Edition "
                "keeps 4,000 characters, and \"many LMSs don't enforce limits ... but some do\" (ARTIC-SUSP in "
                "SCORM-CONFORMANCE.md B5)")
_UNIQUE = ("github.com/adaptlearning/adapt-contrib-spoor/issues/234 (SCORM 2004 RTE: the id unique per interaction "
           "record; some LMSes enforce it), fixed in spoor PR 246; ANCHORS.md pain point 8")
_GROUPED_MOODLE = ("moodle/moodle mod/scorm/report/interactions/classes/report.php: the interactions report has a "
                   "column per record index (cmi.interactions_N.id), so one record per question keeps a column per "
                   "question; adapt-contrib-spoor issues 277 and 345: ids that differ per attempt break grouping by "
                   "question (ANCHORS.md pain point 8)")
_ENTRY = ("SCORM 2004 RTE, cmi.entry: ab-initio is the first launch of a new attempt; tests/browser/test_state.py "
          "(a relaunch at ab-initio starts afresh) and tests/js/lms-adapters.test.js")
_ENTRY_MOODLE = ("SCORM-CONFORMANCE.md B3: Moodle's 2004 API answers entry ab-initio after an exit that was not suspend "
                 "(normal, time-out, unset) in the same attempt, whose suspend_data it still holds; ANCHORS.md pain "
                 "point 7 (chamilo/chamilo-lms issues 2988: ab-initio after a suspend)")
_EXIT_NORMAL = ("SCORM-CONFORMANCE.md B3 (exit set explicitly, suspend only to resume); issue 15: an LMS shows a "
                "record with exit suspend as one to resume; tests/browser/test_tracking.py")
_EXIT_BRIDGE = ("bongarde.freshdesk.com/support/solutions/articles/68000006286 (Managing SCORM Settings in Bridge): with "
                "Reset Runtime Data Timing \"When Exit Is Not Suspend\" Bridge clears the run-time data after a "
                "normal exit, and the next launch starts the course from the beginning; "
                "github.com/adaptlearning/adapt-contrib-spoor/issues/297 and pipwerks/scorm-api-wrapper/issues/29 "
                "(suspend after completion keeps the suspend data; ANCHORS.md pain point 7)")
_SAME = {"suspend_budget": Value("standard", _STANDARD_BUDGET), "interaction_ids": Value("unique", _UNIQUE),
         "entry_trusted": Value(True, _ENTRY), "exit_on_completion": Value("normal", _EXIT_NORMAL)}


def _profile(name: str, title: str, **settings: Value | tuple[Value, ...]) -> Profile:
    """A profile whose four run-time settings not given are those of every conformant LMS (_SAME)."""
    return Profile(name, title, **{**_SAME, **settings})  # type: ignore[arg-type]


TABLE: tuple[Profile, ...] = (
    _profile("generic", "Any conformant LMS (the default)",
            final_failure=Value("failed", _FINISHED),
            commit_before_terminate=Value(True, _COMMIT),
            masteryscore_12=Value("course", _MASTERY_OFF),
            scorm2004_edition=Value("scorm2004-4", _FOURTH)),
    _profile("moodle", "Moodle (mod_scorm)",
            interaction_ids=Value("grouped", _GROUPED_MOODLE), entry_trusted=Value(False, _ENTRY_MOODLE),
            final_failure=Value("failed", _FINISHED),
            commit_before_terminate=Value(True, "Moodle's 1.2 API saves on LMSCommit through a synchronous request "
                                          "(moodle/moodle mod/scorm/datamodels/scorm_12.js, SCORM-CONFORMANCE.md D)"),
            masteryscore_12=Value("always", "issue 15: a company pass mark that differs from the course's (northwind "
                                  "85 against 80) gives Moodle no way to know it without masteryscore; Moodle then "
                                  "sets passed/failed by score.raw >= masteryscore at LMSFinish, the comparison the "
                                  "player makes (mod/scorm/datamodels/scorm_12.js StoreData, SCORM-CONFORMANCE.md C)"),
            scorm2004_edition=Value("scorm2004-4", _FOURTH),
            notes=(Value("The manifest must be at the zip root (it is).", "docs.moodle.org/28/en/SCORM_FAQ"),)),
    _profile("cornerstone", "Cornerstone OnDemand (CSOD)",
            final_failure=Value("failed", "help.csod.com Failed_Status_Online_Class.htm: Cornerstone shows failed as "
                                "Failed; SCORM 1.2 cannot leave In Progress after failing (SCORM-CONFORMANCE.md C)"),
            commit_before_terminate=Value(False, _CSOD_391),
            masteryscore_12=Value("course", _MASTERY_OFF),
            scorm2004_edition=Value("scorm2004-4", "community.articulate.com, \"Everything we know about Cornerstone "
                                    "on Demand and Storyline\": reports need 2004 (anecdotal, 2013)"),
            notes=(Value("Test the package in SCORM Cloud in Frameset mode first; most completion problems come from "
                         "publish settings.", "help.csod.com Course_Troubleshooting_Guide.htm"),)),
    _profile("successfactors", "SAP SuccessFactors Learning",
            final_failure=Value("failed", "SAP KBA 2316953 and 2437537 (userapps.support.sap.com/sap/support/"
                                "knowledge/en/2316953): a SCO that sends incomplete on failure never records a "
                                "failure"),
            commit_before_terminate=Value(True, _COMMIT),
            masteryscore_12=Value("course", _MASTERY_OFF),
            scorm2004_edition=Value("scorm2004-4", _FOURTH),
            notes=(Value("The portal session times out after 30 minutes while the course runs in another window: "
                         "raise the timeout for long courses.", "SAP KBA 2978409"),
                   Value("Host the content on the LMS's own domain: cross-domain hosting breaks the API.",
                         "SAP KBA 2154000"))),
    _profile("docebo", "Docebo",
            final_failure=Value("failed", _FINISHED),
            commit_before_terminate=Value(True, _COMMIT),
            masteryscore_12=Value("course", _MASTERY_OFF),
            scorm2004_edition=Value("scorm2004-3", "help.docebo.com/hc/en-us/articles/360020128479: SCORM 1.2 and "
                                    "2004 3rd Edition only, no sequencing (SCORM-CONFORMANCE.md D)"),
            notes=(Value("Sequencing is ignored: the package is one SCO with its own navigation, so nothing is lost.",
                         "help.docebo.com/hc/en-us/articles/360020128479"),)),
    _profile("scorm-cloud", "Rustici SCORM Cloud",
            final_failure=Value("failed", _FINISHED),
            commit_before_terminate=Value(True, _COMMIT),
            masteryscore_12=Value("course", "support.scorm.com/hc/en-us/articles/206167486: SCORM Engine uses the "
                                  "mastery score only when lesson_status was not set, which the player always sets"),
            scorm2004_edition=Value("scorm2004-4", _FOURTH),
            notes=(Value("\"New Window\" or \"Frameset\" launch is a property of the package in SCORM Cloud; leave "
                         "through the course's Exit or Finish, not by closing the window.",
                         "support.scorm.com/hc/en-us/articles/206164066"),)),
    _profile("rise-up", "Rise Up (LearningOS)",
            final_failure=Value("incomplete", "ANCHORS.md section 3: Rise Up requires a \"Passed/Incomplete\" "
                                "reporting setting; github.com/adaptlearning/adapt_framework/issues/2706 (report "
                                "incomplete instead of failed)"),
            commit_before_terminate=Value(True, _COMMIT),
            masteryscore_12=Value("course", _MASTERY_OFF),
            scorm2004_edition=Value("scorm2004-4", _FOURTH),
            notes=(Value("One SCO per package (it is): Rise Up refuses multi-SCO packages.", "ANCHORS.md section 3"),)),
    _profile("bridge", "Instructure Bridge (Reset Runtime Data Timing: When Exit Is Not Suspend)",
             final_failure=Value("failed", _FINISHED),
             commit_before_terminate=Value(True, _COMMIT),
             masteryscore_12=Value("course", _MASTERY_OFF),
             scorm2004_edition=Value("scorm2004-4", _FOURTH),
             exit_on_completion=Value("suspend", _EXIT_BRIDGE),
             notes=(Value("Set Reset Runtime Data Timing to \"When Exit Is Not Suspend\" when attempts matter: a "
                          "failed last attempt exits normal, so its next launch is a fresh attempt.",
                          "bongarde.freshdesk.com/support/solutions/articles/68000006286"),)),
    _profile("legacy-2004", "An LMS that keeps SCORM 2004 2nd Edition's 4,000 characters of suspend_data",
             final_failure=Value("failed", _FINISHED),
             commit_before_terminate=Value(True, _COMMIT),
             masteryscore_12=Value("course", _MASTERY_OFF),
             scorm2004_edition=Value("scorm2004-4", _FOURTH),
             suspend_budget=Value("4000", _BUDGET_4000)),
)

BY_NAME = {p.name: p for p in TABLE}
NAMES = tuple(BY_NAME)


def unknown_message(name: str) -> str:
    close = difflib.get_close_matches(name, NAMES, n=1, cutoff=0.6)
    hint = f" \u2014 did you mean '{close[0]}'?" if close else ""
    return f"unknown LMS profile {name!r} (expected one of: {', '.join(NAMES)}){hint}"


def get(name: str) -> Profile:
    try:
        return BY_NAME[name]
    except KeyError:
        raise BuilderError(unknown_message(name)) from None


def chosen(company_lms: str = "") -> Profile:
    """The profile a package is built for: `--lms` (through LMS_ENV), else the company profile's lms:,
    else generic."""
    return get(os.environ.get(LMS_ENV) or company_lms or DEFAULT)


@contextmanager
def choosing(name: str | None) -> Iterator[None]:
    """For one build: every package uses this profile (None: each company's, or generic), also in the
    batch's worker processes, which inherit the environment."""
    if name is None:
        yield
        return
    get(name)
    before = os.environ.get(LMS_ENV)
    os.environ[LMS_ENV] = name
    try:
        yield
    finally:
        if before is None:
            del os.environ[LMS_ENV]
        else:
            os.environ[LMS_ENV] = before


class DefaultStandards(tuple):
    """The standards of a build given no --standard: in a batch, each company's profile may change them
    (standards_for); a plain tuple is what --standard asked for, and always wins."""


def default_standards(name: str | None, defaults: tuple[str, ...]) -> DefaultStandards:
    """What a build writes without --standard for this profile: its 2004 edition in place of the default's."""
    edition = str(get(name or DEFAULT).scorm2004_edition.value)
    return DefaultStandards(dict.fromkeys(edition if s.startswith("scorm2004") else s for s in defaults))


def standards_for(requested: tuple[str, ...], company_lms: str = "") -> tuple[str, ...]:
    """The standards of one course x company of a batch (pack/batch.py): as --standard gave them, or,
    given none, the defaults with the 2004 edition of the package's profile (chosen(): --lms, else
    the company's lms:, else generic)."""
    if not isinstance(requested, DefaultStandards):
        return tuple(requested)
    return tuple(default_standards(chosen(company_lms).name, standards.DEFAULT))


def describe() -> str:
    """`scorm-builder lms`: every profile, what each setting is there, and why."""
    titles = {s.key: s.title for s in SETTINGS}
    lines: list[str] = []
    for profile in TABLE:
        lines.append(f"{profile.name}: {profile.title}")
        for setting in SETTINGS:
            value = profile.setting(setting.key)
            shown = str(value.value).lower() if isinstance(value.value, bool) else value.value
            lines.append(f"  {titles[setting.key]}: {shown}")
            lines.append(f"    source: {value.source}")
        for note in profile.notes:
            lines.append(f"  hint: {note.value}")
            lines.append(f"    source: {note.source}")
    return "\n".join(lines) + "\n"
