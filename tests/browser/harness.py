"""Launching a package in the test LMS and reading back what the LMS holds."""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

from .lms_server import Launch, LmsServer

# GetValue on an element the LMS has no value for yet: SCORM 2004 requires "" with error 403
# (RTE 3.1.7.6), so this one answer is part of normal operation, not an error.
NOT_INITIALIZED = "403"
ERROR_QUERIES = {"LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic",
                 "GetLastError", "GetErrorString", "GetDiagnostic"}


def first_launch_cmi(standard: str) -> dict[str, Any]:
    """What a real LMS hands a new learner on the first launch."""
    if standard == "scorm12":
        return {"core": {"student_id": "learner-1", "student_name": "Learner, Test", "credit": "credit",
                         "entry": "ab-initio", "lesson_status": "not attempted"}}
    return {"learner_id": "learner-1", "learner_name": "Learner, Test", "credit": "credit", "entry": "ab-initio",
            "completion_status": "unknown", "success_status": "unknown"}


def relaunch_cmi(standard: str, stored: dict[str, Any]) -> dict[str, Any]:
    """What the LMS hands the learner on the next launch, from what it stored at the last exit:
    the run-time data carried over, entry=resume when the SCO exited with suspend."""
    if standard == "scorm12":
        core = stored["core"]
        out = first_launch_cmi(standard)
        out["core"].update({
            "entry": "resume" if core["exit"] == "suspend" else "",
            "lesson_status": core["lesson_status"], "lesson_location": core["lesson_location"],
            "score": {k: v for k, v in core["score"].items() if v != ""},
            "total_time": core.get("total_time") or "0000:00:00",
        })
        out["suspend_data"] = stored["suspend_data"]
        out["interactions"] = _carry_interactions(stored["interactions"])
        out["objectives"] = stored["objectives"]
        return out
    out = first_launch_cmi(standard)
    out.update({
        "entry": "resume" if stored["exit"] == "suspend" else "",
        "completion_status": stored["completion_status"], "success_status": stored["success_status"],
        "location": stored["location"], "suspend_data": stored["suspend_data"],
        "progress_measure": stored["progress_measure"],
        "score": {k: v for k, v in stored["score"].items() if v != ""},
        "total_time": stored.get("total_time") or "PT0S",
        "interactions": _carry_interactions(stored["interactions"]),
        "objectives": stored["objectives"],
    })
    return _drop_empty(out)


def _carry_interactions(items: dict[str, Any]) -> dict[str, Any]:
    return {k: _drop_empty(v) for k, v in items.items()}


def _drop_empty(value: Any) -> Any:
    """scorm-again rejects "" for typed elements (e.g. score.scaled), so leave unset ones out."""
    if isinstance(value, dict):
        out = {k: _drop_empty(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in ("", {}, None)}
    return value


@dataclass
class Run:
    """One launch of a package: the LMS page, the frame (or popup) the player runs in."""

    page: Any  # the LMS page; the course page itself when there is no LMS
    content: Any  # playwright Frame or Page where the player runs
    launch: Launch | None = None
    lms: LmsServer | None = None
    console: list[str] = field(default_factory=list)  # console messages of the LMS page and its frames
    # (URL, URL of the requesting frame) of every request of the LMS page and its frames
    requests_by_frame: list[tuple[str, str]] = field(default_factory=list)

    def package_requests(self, package_url: str) -> list[str]:
        """What the course itself fetched: every request made by a document of the package."""
        return [url for url, frame in self.requests_by_frame if frame.startswith(package_url)]

    @property
    def standard(self) -> str:
        assert self.launch is not None
        return self.launch.standard

    def cmi(self) -> dict[str, Any]:
        """Everything the LMS's run-time holds now, as nested JSON."""
        return self.page.evaluate("lms.cmi()")["cmi"]

    def calls(self) -> list[dict[str, Any]]:
        """Every API call the package made, with the run-time's result and error code."""
        return self.page.evaluate("lms.calls")

    def api_errors(self) -> list[dict[str, Any]]:
        return [c for c in self.calls() if c["error"] != "0" and c["method"] not in ERROR_QUERIES
                and not (c["method"].endswith("GetValue") and c["error"] == NOT_INITIALIZED)]

    def set_values(self) -> dict[str, str]:
        """The last value the package set for each element."""
        out: dict[str, str] = {}
        for c in self.calls():
            if c["method"] in ("LMSSetValue", "SetValue") and c["result"] == "true":
                out[c["args"][0]] = c["args"][1]
        return out

    def set_calls(self, pattern: str, calls: list[dict[str, Any]] | None = None) -> list[tuple[str, str]]:
        """(element, value) of every successful SetValue whose element matches the pattern."""
        rx = re.compile(pattern)
        return [(c["args"][0], c["args"][1]) for c in (self.calls() if calls is None else calls)
                if c["method"] in ("LMSSetValue", "SetValue") and rx.search(c["args"][0])]

    def methods(self) -> list[str]:
        return [c["method"] for c in self.calls() if c["method"] not in ERROR_QUERIES]

    def player_log(self) -> list[dict[str, Any]]:
        return self.content.evaluate("window.scormPlayer ? window.scormPlayer.log : null")

    def player_state(self) -> Any:
        return self.content.evaluate("window.scormPlayer && window.scormPlayer.state ? window.scormPlayer.state() : null")

    def terminated(self, timeout: float = 5.0) -> dict[str, Any]:
        """The CMI of the termination commit the LMS server received."""
        assert self.lms is not None and self.launch is not None
        return self.lms.wait_for_terminate(self.launch, timeout).body["cmi"]

    def last_commit(self) -> dict[str, Any]:
        assert self.launch is not None
        accepted = self.launch.accepted
        assert accepted, "the LMS accepted no commit"
        return accepted[-1].body["cmi"]


def open_course(page: Any, lms: LmsServer, package_url: str, standard: str, mode: str = "iframe",
                preload: dict[str, Any] | None = None, reject: int = 0) -> Run:
    """Open the LMS page for a new launch and return once the package's page has loaded."""
    std = "scorm12" if standard == "scorm12" else "scorm2004"
    launch = lms.launch(std, package_url + "index.html", mode,
                        preload if preload is not None else first_launch_cmi(std), reject)
    console: list[str] = []
    requests: list[tuple[str, str]] = []

    def on_request(request: Any) -> None:
        try:
            frame_url = request.frame.url
        except Exception:  # a request without a frame (e.g. a worker)
            frame_url = ""
        requests.append((request.url, frame_url))

    page.on("console", lambda message: console.append(message.text))
    page.on("request", on_request)
    page.goto(lms.base + launch.url)
    if mode == "popup":
        with page.context.expect_page() as info:
            page.get_by_role("button", name="Launch course").click()
        content = info.value
        content.on("request", on_request)
        content.wait_for_load_state()
    else:
        content = _frame(page, package_url)
        content.wait_for_load_state()
    return Run(page, content, launch, lms, console, requests_by_frame=requests)


def _frame(page: Any, package_url: str, timeout: float = 5.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            if frame.url.startswith(package_url):
                return frame
        page.wait_for_timeout(20)
    raise AssertionError(f"the package {package_url} never loaded in the LMS page; frames: "
                         f"{[f.url for f in page.frames]}")


def open_without_lms(page: Any, folder: Any) -> Run:
    """index.html opened straight from disk: no LMS anywhere."""
    page.goto(folder.joinpath("index.html").as_uri())
    return Run(page, page)


def run_axe(content: Any, lms: LmsServer) -> list[dict[str, Any]]:
    """axe-core's violations (WCAG 2.0/2.1 A and AA and best practice) for what the frame shows now."""
    if not content.evaluate("typeof window.axe !== 'undefined'"):
        content.add_script_tag(url=f"{lms.base}/node_modules/axe-core/axe.min.js")
    result = content.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}, resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
    }""")
    return result


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {n}" for n in v["nodes"][:5])
    return "\n".join(lines)


# -- what the LMS holds, in a form the tests compare exactly ----------------------------------
TIME_12 = re.compile(r"^\d{2,4}:[0-5]\d:[0-5]\d\.\d{2}$")  # CMITimespan as the player writes it
TIME_04 = re.compile(r"^PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S$")  # ISO 8601, at most 2 decimals
CLOCK_12 = re.compile(r"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$")
STAMP_04 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,2})?$")


def interactions(cmi: dict[str, Any], standard: str) -> list[tuple]:
    """(id, type, correct patterns, response, result, weighting) for every interaction, in order."""
    response = "student_response" if standard == "scorm12" else "learner_response"
    rows = []
    for n in sorted(cmi["interactions"], key=int):
        i = cmi["interactions"][n]
        patterns = tuple(i["correct_responses"][k]["pattern"] for k in sorted(i["correct_responses"], key=int))
        rows.append((i["id"], i["type"], patterns, i[response], i["result"], i["weighting"]))
    return rows


def status(cmi: dict[str, Any], standard: str) -> dict[str, Any]:
    """The tracking data the tests compare exactly: status, score, exit and location (and 2004's
    progress measure). ``standard`` is scorm12, or any SCORM 2004 name."""
    if standard == "scorm12":
        core = cmi["core"]
        return {"lesson_status": core["lesson_status"], "score": core["score"], "exit": core["exit"],
                "location": core["lesson_location"]}
    return {"completion_status": cmi["completion_status"], "success_status": cmi["success_status"],
            "score": cmi["score"], "progress_measure": cmi["progress_measure"], "exit": cmi["exit"],
            "location": cmi["location"]}


def objectives(cmi: dict[str, Any], standard: str) -> list[tuple]:
    """(id, status, raw, min, max) for every objective."""
    status = "status" if standard == "scorm12" else "completion_status"
    return [(o["id"], o[status], o["score"]["raw"], o["score"]["min"], o["score"]["max"])
            for o in (cmi["objectives"][k] for k in sorted(cmi["objectives"], key=int))]


def check_interaction_formats(run: Run, cmi: dict[str, Any]) -> None:
    """Time stamps and latencies in the standard's format, 2004 descriptions present, and every
    interaction's elements set in the order the standard requires. The API call log is read once,
    so this stays linear for a course with a hundred interactions and thousands of calls."""
    v12 = run.standard == "scorm12"
    sets: dict[str, list[tuple[str, str]]] = {}
    for c in run.calls():
        if c["method"] in ("LMSSetValue", "SetValue"):
            m = re.match(r"^cmi\.interactions\.(\d+)\.(.+)$", c["args"][0])
            if m:
                sets.setdefault(m.group(1), []).append((m.group(2), c["args"][1]))
    for n, i in cmi["interactions"].items():
        where = f"interaction {n} ({i['id']})"
        if v12:
            assert CLOCK_12.match(i["time"]), f"{where}: time {i['time']!r}"
        else:
            assert STAMP_04.match(i["timestamp"]), f"{where}: timestamp {i['timestamp']!r}"
            assert i["description"], f"{where}: no description"
        done = sets.get(n)
        if not done:  # carried over from an earlier session
            continue
        names = [el for el, _ in done]
        latency = [v for el, v in done if el == "latency"]
        assert latency and all((TIME_12 if v12 else TIME_04).match(v) for v in latency), f"{where}: latency {latency}"
        patterns = [el for el in names if el.startswith("correct_responses.")]
        expected = (["id", "type", "time" if v12 else "timestamp"] + patterns +
                    ["weighting", "student_response" if v12 else "learner_response", "result", "latency"] +
                    ([] if v12 else ["description"]))
        assert names == expected, f"{where}: elements set in the order {names}"


def check_session(run: Run) -> None:
    """Initialize once first, Terminate once last, every session_time in format, no API error
    (in the LMS's record and in the player's own log)."""
    calls = run.calls()
    methods = [c["method"] for c in calls if c["method"] not in ERROR_QUERIES]
    init, term = ("LMSInitialize", "LMSFinish") if run.standard == "scorm12" else ("Initialize", "Terminate")
    assert methods[0] == init and methods.count(init) == 1, methods[:3]
    assert methods[-1] == term and methods.count(term) == 1, methods[-3:]
    element = "cmi.core.session_time" if run.standard == "scorm12" else "cmi.session_time"
    times = [v for _, v in run.set_calls(rf"^{re.escape(element)}$", calls)]
    pattern = TIME_12 if run.standard == "scorm12" else TIME_04
    assert times and all(pattern.match(v) for v in times), times
    assert run.api_errors() == []
    assert [e for e in run.player_log() if not e.get("ok", e["error"] == "0")] == []
