"""LMS-readiness rules of the checker: suspend_data budget, interaction ids, known LMS refusals."""
from __future__ import annotations

import re
from typing import Any

from scorm_builder import standards
from scorm_builder.check.container import Package
from scorm_builder.check.course_data import page_course_data
from scorm_builder.check.findings import Findings
from scorm_builder.check.manifest import ADLCP, IMSSS, Manifest, local_name
from scorm_builder.render.suspend import COUNTER_MAX, interaction_ids, worst_case

ID_12 = re.compile(r"[A-Za-z0-9_-]{1,255}\Z")  # CMIIdentifier
ID_2004 = re.compile(r"[A-Za-z0-9_.:-]{1,4000}\Z")  # URI-safe; also what the player agrees to send
SEQUENCING_BEYOND_ONE_SCO = ("controlMode", "sequencingRules", "limitConditions", "auxiliaryResources",
                             "rollupRules", "randomizationControls", "sequencingCollection")
# What a format-1 page holds that doesn't match the shape the rules read, whichever way it is wrong.
SHAPE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError, ArithmeticError)


def check_readiness(package: Package, manifest: Manifest | None, findings: Findings) -> None:
    _file_names(package, findings)
    if manifest is None:
        return
    _lms_edition(manifest, findings)
    _lms_sequencing(manifest, findings)
    _lms_masteryscore(manifest, findings)
    for entry in _player_pages(package, manifest):
        data = _course_data(package, entry, findings)
        if data is None or not _within_bounds(data, entry, findings):
            continue
        found = Findings(findings.package)
        try:
            _interaction_ids(data, manifest.version, entry, found)
            _suspend_data(data, manifest, entry, found)
            _pass_mark_known(data, manifest, entry, found)
        except SHAPE_ERRORS as err:
            found = Findings(findings.package)
            found.error("player-data", f"the course data in {entry} is not shaped as format 1 expects "
                        f"({type(err).__name__}: {err}); the player would fail on it too",
                        "rebuild the package with scorm-builder", entry)
        findings.items.extend(found)


def _file_names(package: Package, findings: Findings) -> None:
    for info in package.files:
        name = info.filename
        if name.lower().endswith((".xsd", ".dtd")):
            continue  # the official schema files keep their official names (only validators read them)
        problems = []
        if not name.isascii():
            problems.append("non-ASCII characters")
        if " " in name:
            problems.append("spaces")
        if name != name.lower():
            problems.append("upper-case letters")
        if problems:
            findings.warning("file-name", f"{name} has {' and '.join(problems)}; some LMS servers store or serve "
                             "such names differently, and the link then breaks",
                             "use lower-case ASCII names with '-' instead of spaces", name)


def _lms_edition(m: Manifest, findings: Findings) -> None:
    if m.version == "2004" and m.schemaversion == standards.get("scorm2004-4").schema_version:
        # a note, not a warning: 4th Edition is what most LMSes take, and the default build; only Docebo refuses it
        findings.info("lms-edition", "SCORM 2004 4th Edition: Docebo imports SCORM 1.2 and 2004 3rd "
                      "Edition only", "for Docebo, build with --standard scorm2004-3 or scorm12", **m.at(m.root))


def _lms_sequencing(m: Manifest, findings: Findings) -> None:
    if m.version != "2004":
        return
    scos = m.sco_items()
    beyond = [el for el in m.root.iter() if isinstance(el.tag, str) and el.tag.startswith(f"{{{IMSSS}}}")
              and local_name(el.tag) in SEQUENCING_BEYOND_ONE_SCO]
    if len(scos) > 1:
        findings.warning("lms-sequencing", f"{len(scos)} SCOs rely on the LMS to move between them; Docebo has no "
                         "sequencing support", "keep one SCO with its own navigation", **m.at(m.root))
    elif beyond:
        findings.warning("lms-sequencing", f"<imsss:{local_name(beyond[0].tag)}> needs LMS sequencing, which "
                         "Docebo ignores", "make the package work with sequencing ignored", **m.at(beyond[0]))
    for item, _ in scos:
        _delivery_controls(m, item, findings)


def _delivery_controls(m: Manifest, item: Any, findings: Findings) -> None:
    """SuccessFactors marks a 2004 SCO complete on exit unless the content is said to set its status."""
    seq = item.find(f"{{{IMSSS}}}sequencing")
    if seq is not None and seq.get("IDRef"):
        return  # the controls live in a sequencing collection; not followed
    dc = seq.find(f"{{{IMSSS}}}deliveryControls") if seq is not None else None
    if dc is None or dc.get("completionSetByContent") != "true" or dc.get("objectiveSetByContent") != "true":
        findings.warning("lms-delivery-controls", f"item {item.get('identifier')!r} launches a SCO without "
                         '<imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>; by '
                         "the 2004 defaults the LMS sets the status itself, and SuccessFactors marks the SCO "
                         "complete as soon as the learner exits", "add it to the item's <imsss:sequencing>",
                         **m.at(item))


def _lms_masteryscore(m: Manifest, findings: Findings) -> None:
    if m.version != "1.2":
        return
    for el in m.root.iter(f"{{{ADLCP['1.2']}}}masteryscore"):
        findings.warning("lms-masteryscore", f"adlcp:masteryscore {(el.text or '').strip()!r}: the LMS may set "
                         "passed/failed from score.raw and override the status the course reports (Moodle does at "
                         "LMSFinish)", "leave it out unless your LMS needs it", **m.at(el))


def _pass_mark_known(data: dict[str, Any], m: Manifest, entry: str, findings: Findings) -> None:
    """SCORM 1.2 without adlcp:masteryscore: the LMS records the status the course reports, but can't
    know the pass mark itself (a note: the default build leaves masteryscore out, docs/lms-profiles.md)."""
    assessment = data.get("assessment")
    if m.version != "1.2" or not isinstance(assessment, dict) or not isinstance(assessment.get("pass_mark"), int):
        return
    if any(True for _ in m.root.iter(f"{{{ADLCP['1.2']}}}masteryscore")):
        return
    findings.info("lms-pass-mark", f"the pass mark ({assessment['pass_mark']} %) is not in the manifest: the LMS "
                  "records the passed or failed the course reports, but can't show or apply the mark itself",
                  "for an LMS that needs it (Moodle), build with --lms moodle, or set lms_mastery_score: true",
                  entry)


def _player_pages(package: Package, m: Manifest) -> list[str]:
    """The SCO launch pages in the zip, in manifest order, without repeats."""
    pages = []
    for _, res in m.sco_items():
        path = m.entry_path(res, res.get("href"))
        if path in package.names and path not in pages and path.endswith((".html", ".htm")):
            pages.append(path)
    return pages


def _course_data(package: Package, entry: str, findings: Findings) -> dict[str, Any] | None:
    """The scorm-builder player's data from a launch page, or None when the page is another tool's."""
    found = page_course_data(package, entry, findings, "suspend_data and interactions not checked")
    return None if found is None else found.data


def _within_bounds(data: dict[str, Any], entry: str, findings: Findings) -> bool:
    """The numbers the rules allocate by stay below what they count (so a tiny page can't ask for gigabytes)."""
    assessment = data.get("assessment")
    attempts = assessment.get("attempts") if isinstance(assessment, dict) else None
    if isinstance(attempts, int) and not isinstance(attempts, bool) and attempts > COUNTER_MAX:
        shown = str(attempts) if attempts < 10 ** 18 else f"a {len(str(attempts))}-digit number of"
        findings.error("player-data-limit", f"the course data in {entry} allows {shown} attempts, more than the "
                       f"{COUNTER_MAX} this checker counts (a course allows at most 99); suspend_data and "
                       "interactions not checked", "rebuild the package with scorm-builder", entry)
        return False
    return True


def _interaction_ids(data: dict[str, Any], version: str, entry: str, findings: Findings) -> None:
    valid, rule = (ID_12, "CMIIdentifier: 1-255 of A-Z a-z 0-9 _ -") if version == "1.2" else (
        ID_2004, "1-4000 of A-Z a-z 0-9 _ . : -, URI-safe")
    for kind, ident in interaction_ids(data):
        if not valid.match(ident):
            findings.error("interaction-id", f"{kind} id {ident!r} is not valid in SCORM {version} (expected {rule}); "
                           "the player does not send it and the LMS records nothing",
                           "shorten or rename the question, scenario or dialogue id", entry)


def _suspend_data(data: dict[str, Any], m: Manifest, entry: str, findings: Findings) -> None:
    limit = standards.SUSPEND_LIMIT[m.family]
    whose = f"SCORM {m.version}'s suspend_data limit of {limit}"
    lms = data.get("lms") if isinstance(data.get("lms"), dict) else {}
    budget = lms.get("suspendBudget")
    if type(budget) is int and 0 < budget < limit:  # the LMS profile it was built for keeps less (lms.py)
        name = lms.get("name") if isinstance(lms.get("name"), str) else "?"
        limit, whose = budget, f"the {budget} characters of suspend_data that LMS profile {name[:40]!r} keeps"
    estimate = worst_case(data)
    if estimate.length > limit:
        findings.error("suspend-data", f"the saved state can reach {estimate.length} characters "
                       f"({estimate.describe()}), above {whose}; the "
                       "player then drops saved answers to keep the bookmark", "split the course, or shorten "
                       "dialogues and the question draw", entry)
    for page in estimate.loops:
        findings.warning("suspend-data", f"dialogue {page!r} has a loop: each lap adds to its saved path, beyond "
                         f"the {estimate.length} characters counted with every choice taken once",
                         "give the loop's choices a way forward", entry)
