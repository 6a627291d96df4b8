"""The table of LMS profiles: what a package does differently for one LMS, each value with its source.

Data, not code paths: one record per profile. The manifest (pack/plan.py, templates/scorm12|scorm2004)
and the player (the ``lms`` object of the player data, read by lms-adapter.js, lms-scorm12.js,
lms-scorm2004.js and lms-connection.js) honour every setting declared here; a setting nothing
honours is not declared (docs/lms-profiles.md says which were left out, and why). ``build --lms``,
``preview --lms`` and a company profile's ``lms:`` choose a row; ``scorm-builder lms`` lists them.
"""
from __future__ import annotations

import difflib
import os
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from scorm_builder.errors import BuilderError

LMS_ENV = "SCORM_BUILDER_LMS"  # set by `build --lms` for the whole build, batch workers included
DEFAULT = "generic"


@dataclass(frozen=True)
class Value:
    """One setting's value in one profile, and what justifies it (a vendor document, an issue thread,
    or a test here)."""

    value: str | bool
    source: str


@dataclass(frozen=True)
class Setting:
    key: str
    title: str
    values: dict[str | bool, str]  # each allowed value: what the package then does


@dataclass(frozen=True)
class Profile:
    name: str  # what --lms and a profile's lms: take
    title: str
    final_failure: Value
    commit_before_terminate: Value
    masteryscore_12: Value
    scorm2004_edition: Value
    notes: tuple[Value, ...] = ()  # launch-window hints for the LMS administrator: text, not settings

    def setting(self, key: str) -> Value:
        return getattr(self, key)

    def player(self) -> dict[str, str | bool]:
        """The top-level ``lms`` object of the player data (docs/player.md; docs/lms-profiles.md)."""
        return {"name": self.name, "finalFailure": self.final_failure.value,
                "commitBeforeTerminate": self.commit_before_terminate.value}


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
)

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

TABLE: tuple[Profile, ...] = (
    Profile("generic", "Any conformant LMS (the default)",
            final_failure=Value("failed", _FINISHED),
            commit_before_terminate=Value(True, _COMMIT),
            masteryscore_12=Value("course", _MASTERY_OFF),
            scorm2004_edition=Value("scorm2004-4", _FOURTH)),
    Profile("moodle", "Moodle (mod_scorm)",
            final_failure=Value("failed", _FINISHED),
            commit_before_terminate=Value(True, "Moodle's 1.2 API saves on LMSCommit through a synchronous request "
                                          "(moodle/moodle mod/scorm/datamodels/scorm_12.js, SCORM-CONFORMANCE.md D)"),
            masteryscore_12=Value("always", "issue 15: a company pass mark that differs from the course's (northwind "
                                  "85 against 80) gives Moodle no way to know it without masteryscore; Moodle then "
                                  "sets passed/failed by score.raw >= masteryscore at LMSFinish, the comparison the "
                                  "player makes (mod/scorm/datamodels/scorm_12.js StoreData, SCORM-CONFORMANCE.md C)"),
            scorm2004_edition=Value("scorm2004-4", _FOURTH),
            notes=(Value("The manifest must be at the zip root (it is).", "docs.moodle.org/28/en/SCORM_FAQ"),)),
    Profile("cornerstone", "Cornerstone OnDemand (CSOD)",
            final_failure=Value("failed", "help.csod.com Failed_Status_Online_Class.htm: Cornerstone shows failed as "
                                "Failed; SCORM 1.2 cannot leave In Progress after failing (SCORM-CONFORMANCE.md C)"),
            commit_before_terminate=Value(False, _CSOD_391),
            masteryscore_12=Value("course", _MASTERY_OFF),
            scorm2004_edition=Value("scorm2004-4", "community.articulate.com, \"Everything we know about Cornerstone "
                                    "on Demand and Storyline\": reports need 2004 (anecdotal, 2013)"),
            notes=(Value("Test the package in SCORM Cloud in Frameset mode first; most completion problems come from "
                         "publish settings.", "help.csod.com Course_Troubleshooting_Guide.htm"),)),
    Profile("successfactors", "SAP SuccessFactors Learning",
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
    Profile("docebo", "Docebo",
            final_failure=Value("failed", _FINISHED),
            commit_before_terminate=Value(True, _COMMIT),
            masteryscore_12=Value("course", _MASTERY_OFF),
            scorm2004_edition=Value("scorm2004-3", "help.docebo.com/hc/en-us/articles/360020128479: SCORM 1.2 and "
                                    "2004 3rd Edition only, no sequencing (SCORM-CONFORMANCE.md D)"),
            notes=(Value("Sequencing is ignored: the package is one SCO with its own navigation, so nothing is lost.",
                         "help.docebo.com/hc/en-us/articles/360020128479"),)),
    Profile("scorm-cloud", "Rustici SCORM Cloud",
            final_failure=Value("failed", _FINISHED),
            commit_before_terminate=Value(True, _COMMIT),
            masteryscore_12=Value("course", "support.scorm.com/hc/en-us/articles/206167486: SCORM Engine uses the "
                                  "mastery score only when lesson_status was not set, which the player always sets"),
            scorm2004_edition=Value("scorm2004-4", _FOURTH),
            notes=(Value("\"New Window\" or \"Frameset\" launch is a property of the package in SCORM Cloud; leave "
                         "through the course's Exit or Finish, not by closing the window.",
                         "support.scorm.com/hc/en-us/articles/206164066"),)),
    Profile("rise-up", "Rise Up (LearningOS)",
            final_failure=Value("incomplete", "ANCHORS.md section 3: Rise Up requires a \"Passed/Incomplete\" "
                                "reporting setting; github.com/adaptlearning/adapt_framework/issues/2706 (report "
                                "incomplete instead of failed)"),
            commit_before_terminate=Value(True, _COMMIT),
            masteryscore_12=Value("course", _MASTERY_OFF),
            scorm2004_edition=Value("scorm2004-4", _FOURTH),
            notes=(Value("One SCO per package (it is): Rise Up refuses multi-SCO packages.", "ANCHORS.md section 3"),)),
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


def default_standards(name: str | None, defaults: tuple[str, ...]) -> tuple[str, ...]:
    """What a build writes without --standard for this profile: its 2004 edition in place of the default's."""
    edition = str(get(name or DEFAULT).scorm2004_edition.value)
    return tuple(edition if s.startswith("scorm2004") else s for s in defaults)


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
