"""LMS-readiness rules of the checker: suspend_data budget, interaction ids, known LMS refusals."""
from __future__ import annotations

import json
import re
from typing import Any

from scorm_builder.check.report import Finding, error, warning
from scorm_builder.check.manifest import IMSSS, Manifest, _at, _path
from scorm_builder.check.container import Package

COURSE_DATA = b'<script type="application/json" id="course-data">'  # how the player page carries its data
SUSPEND_LIMIT = {"1.2": 4096, "2004": 64000}
ID_12 = re.compile(r"[A-Za-z0-9_-]{1,255}\Z")  # CMIIdentifier
ID_2004 = re.compile(r"[A-Za-z0-9_.:-]{1,4000}\Z")  # URI-safe; also what the player agrees to send
SEQUENCING_BEYOND_ONE_SCO = ("controlMode", "sequencingRules", "limitConditions", "auxiliaryResources",
                             "rollupRules", "randomizationControls", "sequencingCollection")


def check_readiness(package: Package, manifest: Manifest | None, findings: list[Finding]) -> None:
    _file_names(package, findings)
    if manifest is None:
        return
    _known_lms(manifest, findings)
    for entry in _player_pages(package, manifest):
        data = _course_data(package, entry, findings)
        if data is None:
            continue
        found: list[Finding] = []
        try:
            _interaction_ids(data, manifest.version, entry, found)
            _suspend_data(data, manifest.version, entry, found)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as err:
            found = [error("player-data", f"the course data in {entry} is not shaped as format 1 expects "
                           f"({type(err).__name__}: {err}); the player would fail on it too",
                           "rebuild the package with scorm-builder", entry)]
        findings.extend(found)


def _file_names(package: Package, findings: list[Finding]) -> None:
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
            findings.append(warning("file-name", f"{name} has {' and '.join(problems)}; some LMS servers store or "
                                    "serve such names differently, and the link then breaks",
                                    "use lower-case ASCII names with '-' instead of spaces", name))


def _known_lms(m: Manifest, findings: list[Finding]) -> None:
    root = _at(m.root)
    if m.version == "2004" and m.schemaversion == "2004 4th Edition":
        findings.append(warning("lms-edition", "SCORM 2004 4th Edition: Docebo imports SCORM 1.2 and 2004 3rd "
                                "Edition only", "for Docebo, build with --standard scorm2004-3 or scorm12",
                                **root))
    if m.version == "2004":
        scos = m.sco_items()
        beyond = [el for el in m.root.iter() if isinstance(el.tag, str) and el.tag.startswith(f"{{{IMSSS}}}")
                  and el.tag.rsplit("}", 1)[1] in SEQUENCING_BEYOND_ONE_SCO]
        if len(scos) > 1:
            findings.append(warning("lms-sequencing", f"{len(scos)} SCOs rely on the LMS to move between them; "
                                    "Docebo has no sequencing support", "keep one SCO with its own navigation",
                                    **root))
        elif beyond:
            el = beyond[0]
            findings.append(warning("lms-sequencing", f"<imsss:{el.tag.rsplit('}', 1)[1]}> needs LMS sequencing, "
                                    "which Docebo ignores", "make the package work with sequencing ignored",
                                    **_at(el)))
    if m.version == "2004":
        for item, _ in m.sco_items():
            _delivery_controls(item, findings)
    if m.version == "1.2":
        adlcp = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
        for el in m.root.iter(f"{{{adlcp}}}masteryscore"):
            findings.append(warning("lms-masteryscore", f"adlcp:masteryscore {(el.text or '').strip()!r}: the LMS "
                                    "may set passed/failed from score.raw and override the status the course "
                                    "reports (Moodle does at LMSFinish)", "leave it out unless your LMS needs it",
                                    **_at(el)))


def _delivery_controls(item: Any, findings: list[Finding]) -> None:
    """SuccessFactors marks a 2004 SCO complete on exit unless the content is said to set its status."""
    seq = item.find(f"{{{IMSSS}}}sequencing")
    if seq is not None and seq.get("IDRef"):
        return  # the controls live in a sequencing collection; not followed
    dc = seq.find(f"{{{IMSSS}}}deliveryControls") if seq is not None else None
    if dc is None or dc.get("completionSetByContent") != "true" or dc.get("objectiveSetByContent") != "true":
        findings.append(warning("lms-delivery-controls", f"item {item.get('identifier')!r} launches a SCO without "
                                '<imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>; '
                                "by the 2004 defaults the LMS sets the status itself, and SuccessFactors marks the "
                                "SCO complete as soon as the learner exits", "add it to the item's "
                                "<imsss:sequencing>", **_at(item)))


def _player_pages(package: Package, m: Manifest) -> list[str]:
    """The SCO launch pages in the zip, in manifest order, without repeats."""
    pages = []
    for _, res in m.sco_items():
        path = _path(m, res, res.get("href"))
        if path in package.names and path not in pages and path.endswith((".html", ".htm")):
            pages.append(path)
    return pages


def _course_data(package: Package, entry: str, findings: list[Finding]) -> dict[str, Any] | None:
    """The scorm-builder player's data from a launch page, or None when the page is another tool's."""
    html = package.read(entry, []) or b""
    start = html.find(COURSE_DATA)
    end = html.find(b"</script>", start)
    if start < 0 or end < 0:
        return None
    line = html.count(b"\n", 0, start) + 1
    try:
        data = json.loads(html[start + len(COURSE_DATA):end])
    except (ValueError, UnicodeDecodeError) as err:
        findings.append(error("player-data", f"the course data in {entry} is not valid JSON ({err})",
                              "rebuild the package with scorm-builder", entry, line))
        return None
    if not isinstance(data, dict) or data.get("format") != 1:
        got = data.get("format") if isinstance(data, dict) else type(data).__name__
        findings.append(warning("player-data", f"the course data in {entry} has format {got!r}, which this "
                                "checker doesn't know (expected 1); suspend_data and interactions not checked",
                                "check it with the scorm-builder that built it", entry, line))
        return None
    return data


def _interaction_ids(data: dict[str, Any], version: str, entry: str, findings: list[Finding]) -> None:
    from scorm_builder.render.suspend import interaction_ids

    valid, rule = (ID_12, "CMIIdentifier: 1-255 of A-Z a-z 0-9 _ -") if version == "1.2" else (
        ID_2004, "1-4000 of A-Z a-z 0-9 _ . : -, URI-safe")
    for kind, ident in interaction_ids(data):
        if not valid.match(ident):
            findings.append(error("interaction-id", f"{kind} id {ident!r} is not valid in SCORM {version} (expected "
                                  f"{rule}); the player does not send it and the LMS records nothing",
                                  "shorten or rename the question, scenario or dialogue id", entry))


def _suspend_data(data: dict[str, Any], version: str, entry: str, findings: list[Finding]) -> None:
    from scorm_builder.render.suspend import worst_case

    limit = SUSPEND_LIMIT[version]
    estimate = worst_case(data)
    if estimate.length > limit:
        findings.append(error("suspend-data", f"the saved state can reach {estimate.length} characters "
                              f"({estimate.describe()}), above SCORM {version}'s suspend_data limit of {limit}; the "
                              "player then drops saved answers to keep the bookmark", "split the course, or "
                              "shorten dialogues and the question draw", entry))
    for page in estimate.loops:
        findings.append(warning("suspend-data", f"dialogue {page!r} has a loop: each lap adds to its saved path, "
                                f"beyond the {estimate.length} characters counted with every choice taken once",
                                "give the loop's choices a way forward", entry))
