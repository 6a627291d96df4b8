// The LMS profile's run-time settings in the player (docs/lms-profiles.md): the suspend_data budget
// (suspendBudget), grouped or unique interaction ids (interactionIds), whether cmi.entry is trusted
// (entryTrusted) and the exit once complete (exitOnCompletion), against a fake SCORM API.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
require("../../templates/player/js/cmi-rules.js");
require("../../templates/player/js/lms-connection.js");
const scorm12 = require("../../templates/player/js/lms-scorm12.js");
const scorm2004 = require("../../templates/player/js/lms-scorm2004.js");
const lmsAdapter = require("../../templates/player/js/lms-adapter.js");

const NO_FLOOR = { completion: "", success: "", lessonStatus: "" };
const done = { complete: true, ended: true, hasAssessment: true, passed: true, failedFinal: false, score: 90,
  measure: 1, bookmark: "assessment" };
const lost = Object.assign({}, done, { complete: false, passed: false, failedFinal: true, score: 40 });
const going = Object.assign({}, done, { complete: false, ended: false, passed: false, score: null });
const exitOf = (values) => values.filter((pair) => /exit$/.test(pair[0]));

test("exitOnCompletion suspend: a complete course exits suspend; the last failed attempt and normal stay as they were", () => {
  const keep = { exitOnCompletion: "suspend" }, normal = { exitOnCompletion: "normal" };
  assert.deepEqual(exitOf(scorm2004.sessionValues(done, NO_FLOOR, 0, keep)), [["cmi.exit", "suspend"]]);
  assert.deepEqual(exitOf(scorm12.sessionValues(done, NO_FLOOR, 0, keep)), [["cmi.core.exit", "suspend"]]);
  assert.deepEqual(exitOf(scorm2004.sessionValues(done, NO_FLOOR, 0, normal)), [["cmi.exit", "normal"]]);
  assert.deepEqual(exitOf(scorm12.sessionValues(done, NO_FLOOR, 0, normal)), [["cmi.core.exit", ""]]);
  assert.deepEqual(exitOf(scorm2004.sessionValues(lost, NO_FLOOR, 0, keep)), [["cmi.exit", "normal"]]);
  assert.deepEqual(exitOf(scorm12.sessionValues(lost, NO_FLOOR, 0, keep)), [["cmi.core.exit", ""]]);
  assert.deepEqual(exitOf(scorm2004.sessionValues(going, NO_FLOOR, 0, normal)), [["cmi.exit", "suspend"]]);
});

function recorder(held) {
  const calls = [];
  return { calls, get: (element) => { calls.push(element); return held[element] || ""; } };
}
const COURSE = { mark: 80, scaled: 0.8 };

test("entryTrusted false: a 2004 ab-initio launch still reads the saved state, and cmi.entry is not read", () => {
  const held = { "cmi.entry": "ab-initio", "cmi.suspend_data": "{\"v\":2}", "cmi.location": "call", "cmi.mode": "normal" };
  let lms = recorder(held);
  const untrusted = scorm2004.readLaunch(lms.get, true, COURSE, { entryTrusted: false });
  assert.deepEqual([untrusted.suspendData, untrusted.location], ["{\"v\":2}", "call"]);
  assert.equal(lms.calls.indexOf("cmi.entry"), -1);
  lms = recorder(held);
  const trusted = scorm2004.readLaunch(lms.get, true, COURSE, { entryTrusted: true });
  assert.deepEqual([trusted.suspendData, trusted.location], ["", ""]);
  assert.deepEqual([scorm2004.readLaunch(recorder(held).get, true, COURSE).suspendData], [""], "no profile: trusted");
});

function fakeApi(family, held) {
  const api = { held: Object.assign({}, held), calls: [], error: "0" };
  const names = family === "scorm12" ? scorm12.methods : scorm2004.methods;
  const result = (name, args, value) => { api.calls.push([name].concat(args).join(" ")); api.error = "0"; return value; };
  api[names.initialize] = () => result("Initialize", [], "true");
  api[names.terminate] = () => result("Terminate", [], "true");
  api[names.getValue] = (element) => result("GetValue", [element], api.held[element] || "");
  api[names.setValue] = (element, value) => { api.held[element] = value; return result("SetValue", [element, value], "true"); };
  api[names.commit] = () => result("Commit", [], "true");
  api[names.lastError] = () => api.error;
  api[names.errorString] = () => "";
  api[names.diagnostic] = () => "";
  return api;
}
function launched(family, profile, held, t) {
  const api = fakeApi(family.family, held);
  global.window = family.family === "scorm12" ? { API: api } : { API_1484_11: api };
  t.after(() => { delete global.window; });
  t.mock.method(console, "warn", () => {});
  const lms = lmsAdapter.create(family, { language: "en", lms: profile });
  lms.initialize(true, COURSE);
  return { api, lms };
}
const item = (attempt, response) => ({ id: "q_q-first", attempt, type: "choice", started: Date.now(), weight: 1,
  description: "First?", patterns: [["a"]], response: [response], result: response === "a" ? "correct" : "incorrect" });
const ids = (api) => api.calls.filter((c) => /^SetValue cmi\.interactions\.\d+\.id /.test(c));

test("interactionIds grouped: one record per question, written over on the next attempt", (t) => {
  const { api, lms } = launched(scorm2004, { interactionIds: "grouped" }, { "cmi.interactions._count": "0" }, t);
  lms.addInteraction(item(1, "b"));
  lms.addInteraction(item(2, "a"));
  assert.deepEqual(ids(api), ["SetValue cmi.interactions.0.id q_q-first", "SetValue cmi.interactions.0.id q_q-first"]);
  assert.equal(api.held["cmi.interactions.0.learner_response"], "a");
  assert.equal(api.held["cmi.interactions.0.result"], "correct");
  assert.equal(api.held["cmi.interactions.1.id"], undefined);
});

test("interactionIds grouped in 2004: an earlier session's record is found by its id and written over", (t) => {
  const held = { "cmi.interactions._count": "2", "cmi.interactions.0.id": "scn_late-refund", "cmi.interactions.1.id": "q_q-first" };
  const { api, lms } = launched(scorm2004, { interactionIds: "grouped" }, held, t);
  lms.addInteraction(item(3, "a"));
  assert.deepEqual(ids(api), ["SetValue cmi.interactions.1.id q_q-first"]);
});

test("interactionIds grouped in 1.2: the write-only records are not read, a later session appends the same id", (t) => {
  const { api, lms } = launched(scorm12, { interactionIds: "grouped" }, { "cmi.interactions._count": "1" }, t);
  lms.addInteraction(item(2, "a"));
  lms.addInteraction(item(3, "b"));
  assert.equal(api.calls.filter((c) => /GetValue cmi\.interactions\.\d/.test(c)).length, 0);
  assert.deepEqual(ids(api), ["SetValue cmi.interactions.1.id q_q-first", "SetValue cmi.interactions.1.id q_q-first"]);
});

test("interactionIds unique (the default): a new record per attempt, the id suffixed from the second", (t) => {
  const { api, lms } = launched(scorm2004, {}, { "cmi.interactions._count": "0" }, t);
  lms.addInteraction(item(1, "b"));
  lms.addInteraction(item(2, "a"));
  assert.deepEqual(ids(api), ["SetValue cmi.interactions.0.id q_q-first", "SetValue cmi.interactions.1.id q_q-first_a2"]);
});

test("suspendBudget: the profile's budget, else the family's", (t) => {
  assert.equal(launched(scorm2004, { suspendBudget: 4000 }, {}, t).lms.suspendBudget, 4000);
  assert.equal(launched(scorm2004, {}, {}, t).lms.suspendBudget, 64000);
  assert.equal(launched(scorm12, {}, {}, t).lms.suspendBudget, 4096);
});
