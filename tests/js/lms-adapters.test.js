// The value mapping of the SCORM 1.2 and 2004 adapters (lms-scorm12.js, lms-scorm2004.js, lms-adapter.js).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const scorm12 = require("../../templates/player/js/lms-scorm12.js");
const scorm2004 = require("../../templates/player/js/lms-scorm2004.js");
const lmsAdapter = require("../../templates/player/js/lms-adapter.js");

const NO_FLOOR = { completion: "", success: "", lessonStatus: "" };
function summary(overrides) {
  const facts = Object.assign({ complete: false, hasAssessment: true, passed: false, failedFinal: false, score: null,
    measure: 0.5, bookmark: "intro" }, overrides);
  return Object.assign({ ended: facts.complete || facts.failedFinal }, facts);
}

test("1.2 lesson_status against 2004 completion and success, situation by situation", () => {
  const cases = [
    // situation, 1.2 lesson_status, 2004 completion_status, 2004 success_status
    [{ complete: true, passed: true, score: 90 }, "passed", "completed", "passed"],
    // the last attempt failed: nothing is left to do, so the attempt is finished (not one to resume)
    [{ failedFinal: true, score: 40 }, "failed", "completed", "failed"],
    [{ complete: true }, "completed", "completed", "unknown"],
    [{}, "incomplete", "incomplete", "unknown"],
    [{ passed: true }, "incomplete", "incomplete", "passed"],
    [{ hasAssessment: false, complete: true }, "completed", "completed", "unknown"],
    [{ hasAssessment: false }, "incomplete", "incomplete", "unknown"]
  ];
  for (const [situation, status12, completion, success] of cases) {
    const facts = summary(situation);
    assert.equal(scorm12.lessonStatus(facts, NO_FLOOR), status12, JSON.stringify(situation));
    assert.equal(scorm2004.completionStatus(facts), completion, JSON.stringify(situation));
    assert.equal(scorm2004.successStatus(facts, NO_FLOOR), success, JSON.stringify(situation));
  }
});

test("a status never moves below what the LMS held at launch", () => {
  const facts = summary({ failedFinal: true });
  assert.equal(scorm12.lessonStatus(facts, { completion: "completed", success: "passed", lessonStatus: "passed" }), "passed");
  assert.equal(scorm12.lessonStatus(summary({}), { completion: "completed", success: "", lessonStatus: "completed" }), "completed");
  assert.equal(scorm12.lessonStatus(summary({ complete: true, passed: true }), { lessonStatus: "failed" }), "passed");
  assert.equal(scorm12.lessonStatus(summary({}), { lessonStatus: "browsed" }), "incomplete");
  assert.equal(scorm2004.successStatus(facts, { completion: "", success: "passed", lessonStatus: "" }), "passed");
  assert.equal(scorm2004.successStatus(summary({}), { completion: "", success: "failed", lessonStatus: "" }), "failed");
});

test("the values sent after each step, in order", () => {
  const facts = summary({ complete: true, passed: true, score: 85, measure: 2 / 3, bookmark: "assessment" });
  assert.deepEqual(scorm12.sessionValues(facts, NO_FLOOR, 65250), [
    ["cmi.core.lesson_location", "assessment"], ["cmi.core.score.min", "0"], ["cmi.core.score.max", "100"],
    ["cmi.core.score.raw", "85"], ["cmi.core.lesson_status", "passed"], ["cmi.core.exit", ""],
    ["cmi.core.session_time", "00:01:05.25"]]);
  assert.deepEqual(scorm2004.sessionValues(facts, NO_FLOOR, 65250), [
    ["cmi.location", "assessment"], ["cmi.progress_measure", "0.6667"], ["cmi.score.min", "0"], ["cmi.score.max", "100"],
    ["cmi.score.raw", "85"], ["cmi.score.scaled", "0.85"], ["cmi.completion_status", "completed"],
    ["cmi.success_status", "passed"], ["cmi.exit", "normal"], ["cmi.session_time", "PT1M5.25S"]]);
  const lost = summary({ failedFinal: true, score: 40, measure: 0.75, bookmark: "assessment" });
  assert.deepEqual(scorm12.sessionValues(lost, NO_FLOOR, 0), [
    ["cmi.core.lesson_location", "assessment"], ["cmi.core.score.min", "0"], ["cmi.core.score.max", "100"],
    ["cmi.core.score.raw", "40"], ["cmi.core.lesson_status", "failed"], ["cmi.core.exit", ""],
    ["cmi.core.session_time", "00:00:00.00"]]);
  assert.deepEqual(scorm2004.sessionValues(lost, NO_FLOOR, 0), [
    ["cmi.location", "assessment"], ["cmi.progress_measure", "0.75"], ["cmi.score.min", "0"], ["cmi.score.max", "100"],
    ["cmi.score.raw", "40"], ["cmi.score.scaled", "0.4"], ["cmi.completion_status", "completed"],
    ["cmi.success_status", "failed"], ["cmi.exit", "normal"], ["cmi.session_time", "PT0S"]]);
  const early = summary({ bookmark: "intro" });
  assert.deepEqual(scorm12.sessionValues(early, NO_FLOOR, 0), [["cmi.core.lesson_location", "intro"],
    ["cmi.core.lesson_status", "incomplete"], ["cmi.core.exit", "suspend"], ["cmi.core.session_time", "00:00:00.00"]]);
  assert.deepEqual(scorm2004.sessionValues(early, NO_FLOOR, 0).map((pair) => pair[0]), ["cmi.location", "cmi.progress_measure",
    "cmi.completion_status", "cmi.success_status", "cmi.exit", "cmi.session_time"]);
});

test("responses and results in each standard's delimiters and words", () => {
  for (const [family, choice, pairs, truth, wrong] of [[scorm12, "a,c", "a.a,b.c", "t", "wrong"],
    [scorm2004, "a[,]c", "a[.]a[,]b[.]c", "true", "incorrect"]]) {
    assert.equal(family.response("choice", ["a", "c"]), choice);
    assert.equal(family.response("sequencing", ["a", "c"]), choice);
    assert.equal(family.response("matching", [["a", "a"], ["b", "c"]]), pairs);
    assert.equal(family.response("true-false", true), truth);
    assert.equal(family.result("incorrect"), wrong);
    assert.equal(family.result("neutral"), "neutral");
  }
});

test("an interaction's elements, in order, for both standards", () => {
  const item = { id: "q_refund", attempt: 2, type: "choice", started: 0, weight: 3, description: "{Pick} one",
    patterns: [["a", "c"]], response: ["a", "b"], result: "incorrect" };
  const now = new Date(2024, 0, 5, 9, 7, 3);
  assert.deepEqual(lmsAdapter.interactionValues(scorm12, 4, item, now, 1500, "en"), [
    ["cmi.interactions.4.id", "q_refund_a2"], ["cmi.interactions.4.type", "choice"], ["cmi.interactions.4.time", "09:07:03"],
    ["cmi.interactions.4.correct_responses.0.pattern", "a,c"], ["cmi.interactions.4.weighting", "3"],
    ["cmi.interactions.4.student_response", "a,b"], ["cmi.interactions.4.result", "wrong"],
    ["cmi.interactions.4.latency", "00:00:01.50"]]);
  assert.deepEqual(lmsAdapter.interactionValues(scorm2004, 0, Object.assign({}, item, { attempt: 1 }), now, 1500, "fr"), [
    ["cmi.interactions.0.id", "q_refund"], ["cmi.interactions.0.type", "choice"],
    ["cmi.interactions.0.timestamp", "2024-01-05T09:07:03"], ["cmi.interactions.0.correct_responses.0.pattern", "a[,]c"],
    ["cmi.interactions.0.weighting", "3"], ["cmi.interactions.0.learner_response", "a[,]b"],
    ["cmi.interactions.0.result", "incorrect"], ["cmi.interactions.0.latency", "PT1.5S"],
    ["cmi.interactions.0.description", "{lang=fr}{Pick} one"]]);
  assert.equal(scorm2004.description("x".repeat(300), "en"), "x".repeat(249) + "…");
  assert.equal(scorm2004.description("", "en"), null);
  assert.equal(lmsAdapter.attemptSuffix(1), "");
  assert.equal(lmsAdapter.attemptSuffix(3), "_a3");
});

test("dialogue objectives: 1.2 rescales to 0..100, 2004 keeps the range", () => {
  assert.deepEqual(scorm12.objectiveValues(1, { raw: 0, min: -3, max: 2 }, false, true), [
    ["cmi.objectives.1.score.min", "0"], ["cmi.objectives.1.score.max", "100"], ["cmi.objectives.1.score.raw", "60"],
    ["cmi.objectives.1.status", "incomplete"]]);
  assert.deepEqual(scorm12.objectiveValues(1, { raw: 2, min: 2, max: 2 }, true, false)[2], ["cmi.objectives.1.score.raw", "100"]);
  assert.deepEqual(scorm2004.objectiveValues(0, { raw: -1, min: -3, max: 2 }, true, false), [
    ["cmi.objectives.0.score.min", "-3"], ["cmi.objectives.0.score.max", "2"], ["cmi.objectives.0.score.raw", "-1"],
    ["cmi.objectives.0.completion_status", "completed"]]);
  assert.equal(scorm2004.objectiveValues(0, { raw: 1, min: -3, max: 2 }, false, false).length, 3, "never back to incomplete");
});

function recorder(values) {
  const asked = [];
  return { asked, get: (element) => { asked.push(element); return values[element] || ""; } };
}

test("launch: what each standard reads, in order, and the pass mark it takes", () => {
  const course = { mark: 80, scaled: 0.8 };
  let lms = recorder({ "cmi.core.lesson_mode": "normal", "cmi.core.lesson_status": "passed", "cmi.suspend_data": "{}",
    "cmi.core.lesson_location": "call", "cmi.student_data.mastery_score": "70", "cmi.core.score.raw": "85" });
  assert.deepEqual(scorm12.readLaunch(lms.get, true, course), { mode: "normal", readOnly: false,
    floor: { lessonStatus: "passed", completion: "completed", success: "passed", score: 85 }, suspendData: "{}",
    location: "call", pass: { mark: 70, scaled: 0.8 }, record: { status: "passed", score: 85 } });
  assert.deepEqual(lms.asked, ["cmi.core.lesson_mode", "cmi.core.lesson_status", "cmi.suspend_data", "cmi.core.lesson_location",
    "cmi.student_data.mastery_score", "cmi.core.score.raw"]);
  lms = recorder({ "cmi.core.lesson_status": "not attempted", "cmi.student_data.mastery_score": " " });
  assert.deepEqual(scorm12.readLaunch(lms.get, false, course), { mode: "", readOnly: false,
    floor: { lessonStatus: "not attempted", completion: "", success: "", score: null }, suspendData: "", location: "",
    pass: { mark: 80, scaled: 0.8 }, record: { status: "", score: null } });
  assert.deepEqual(lms.asked, ["cmi.core.lesson_mode", "cmi.core.lesson_status", "cmi.suspend_data", "cmi.core.lesson_location"]);

  lms = recorder({ "cmi.mode": "normal", "cmi.completion_status": "completed", "cmi.success_status": "unknown",
    "cmi.entry": "resume", "cmi.suspend_data": "{}", "cmi.location": "call", "cmi.scaled_passing_score": "0.755",
    "cmi.score.scaled": "0.9" });
  assert.deepEqual(scorm2004.readLaunch(lms.get, true, course), { mode: "normal", readOnly: false,
    floor: { completion: "completed", success: "", lessonStatus: "", score: 90 }, suspendData: "{}", location: "call",
    pass: { mark: 75.5, scaled: 0.755 }, record: { status: "completed", score: 90 } });
  assert.deepEqual(lms.asked, ["cmi.mode", "cmi.completion_status", "cmi.success_status", "cmi.entry", "cmi.suspend_data",
    "cmi.location", "cmi.scaled_passing_score", "cmi.score.raw", "cmi.score.scaled"]);
  lms = recorder({ "cmi.entry": "ab-initio", "cmi.suspend_data": "{}", "cmi.location": "call" });
  const fresh = scorm2004.readLaunch(lms.get, true, course);
  assert.deepEqual([fresh.suspendData, fresh.location], ["", ""], "ab-initio is a new attempt");
  assert.deepEqual(lms.asked, ["cmi.mode", "cmi.completion_status", "cmi.success_status", "cmi.entry",
    "cmi.scaled_passing_score", "cmi.score.raw", "cmi.score.scaled"]);
});

test("review and browse modes are read-only, and a review reads the attempt the LMS holds even at ab-initio", () => {
  const course = { mark: 80, scaled: 0.8 };
  // Moodle 4.5 reopens a passed SCORM 2004 attempt in review mode with cmi.entry ab-initio
  let lms = recorder({ "cmi.mode": "review", "cmi.entry": "ab-initio", "cmi.completion_status": "completed",
    "cmi.success_status": "passed", "cmi.suspend_data": "{}", "cmi.location": "assessment", "cmi.score.raw": "100",
    "cmi.score.scaled": "1" });
  assert.deepEqual(scorm2004.readLaunch(lms.get, true, course), { mode: "review", readOnly: true,
    floor: { completion: "completed", success: "passed", lessonStatus: "", score: 100 }, suspendData: "{}",
    location: "assessment", pass: course, record: { status: "passed", score: 100 } });
  assert.equal(lms.asked.includes("cmi.entry"), false);
  lms = recorder({ "cmi.mode": "browse" });
  assert.equal(scorm2004.readLaunch(lms.get, false, course).readOnly, true);
  for (const mode of ["review", "browse"]) {
    assert.equal(scorm12.readLaunch(recorder({ "cmi.core.lesson_mode": mode }).get, false, course).readOnly, true, mode);
  }
  assert.equal(scorm12.readLaunch(recorder({ "cmi.core.lesson_mode": "normal" }).get, false, course).readOnly, false);
  assert.deepEqual(scorm12.readLaunch(recorder({ "cmi.core.lesson_status": "failed", "cmi.core.score.raw": "40" }).get,
    true, course).record, { status: "failed", score: 40 });
});

test("passing compares like the LMS: raw >= mastery score in 1.2, scaled >= passing score in 2004", () => {
  assert.equal(scorm12.passes(80, { mark: 80, scaled: 0.8 }), true);
  assert.equal(scorm12.passes(79, { mark: 80, scaled: 0.8 }), false);
  assert.equal(scorm2004.passes(76, { mark: 75.5, scaled: 0.755 }), true);
  assert.equal(scorm2004.passes(75, { mark: 75.5, scaled: 0.755 }), false);
});

test("the API each standard looks for", () => {
  assert.equal(scorm12.apiName, "API");
  assert.equal(scorm12.methods.terminate, "LMSFinish");
  assert.equal(scorm12.suspendBudget, 4096);
  assert.equal(scorm2004.apiName, "API_1484_11");
  assert.equal(scorm2004.methods.terminate, "Terminate");
  assert.equal(scorm2004.suspendBudget, 64000);
  assert.equal(scorm2004.unsetReadError, "403");
});
